"""A coordinator uploads a SCORM 2004 package as a lesson; a learner runs it in Chromium,
closes the tab halfway, comes back where they left, finishes, and the public counter of the
course's target moves by one.
"""

import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from scorm.fixtures import scorm_2004
from tests.e2e.browsing import (
    LEARNER_PASSWORD,
    ROOT,
    axe_violations,
    log_in,
    log_in_staff,
    visit,
)
from tests.e2e.server_shell import django_json

pytestmark = pytest.mark.e2e

CODE = "e2e-scorm-signalen"
LEARNER = "pakket@example.org"

SETUP = """
from datetime import date
from accounts.models import User
from courses.authoring import course_coordinator_assign
from courses.models import CourseIndexPage, CoursePage
from courses.services import enrolment_request
from reporting.models import Target
from tests.factories import UserFactory

code = {code!r}
course = CoursePage.objects.filter(code=code).first()
if course is None:
    course = CoursePage(
        title="Signalen herkennen (CCV-pakket)", slug=code, code=code,
        summary="Een e-learning van een partner, als SCORM-pakket.",
        learning_objectives="<ul><li>U herkent signalen.</li></ul>",
        format="elearning", level="basis", study_time_minutes=30,
    )
    CourseIndexPage.objects.get().add_child(instance=course)
    course.save_revision().publish()
course_coordinator_assign(course=course, user=User.objects.get(email="coordinator@example.org"))
Target.objects.get_or_create(slug=code, defaults=dict(
    title="CCV-pakket", course_codes=[code], mode="aantal", target_number=100,
    period_start=date(2020, 1, 1), deadline=date(2035, 12, 31), public=True))
user = User.objects.filter(email={learner!r}).first()
if user is None:
    user = UserFactory(email={learner!r}, password={password!r}, first_name="Pim",
                       last_name="Pakket", profile={{"organisation_name": "Jeugdteam Utrecht"}})
enrolment_request(user=user, course=course)
print(course.pk)
"""


def _setup(server) -> int:
    script = SETUP.format(code=CODE, learner=LEARNER, password=LEARNER_PASSWORD)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=server.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return int(result.stdout.strip().splitlines()[-1])


def _count(server) -> int:
    """The target's count as the programme team's report has it now (the public counters
    move once a day, with the nightly snapshot)."""
    return django_json(
        server,
        "import json\n"
        "from reporting.counters import target_report\n"
        "from reporting.models import Target\n"
        f"print(json.dumps(target_report(Target.objects.get(slug={CODE!r})).count))",
    )


def test_learner_runs_a_scorm_2004_package_resumes_and_is_counted(
    new_context, camera, server, tmp_path, axe_source
):
    course_id = _setup(server)
    before = _count(server)
    package = tmp_path / "signalen-2004.zip"
    package.write_bytes(scorm_2004())
    title = f"Signalen in de praktijk {int(time.time())}"

    coordinator = new_context().new_page()
    log_in_staff(coordinator, camera, "coordinator@example.org")
    visit(coordinator, camera, f"/beheer/pages/{course_id}/add_subpage/", "soort pagina kiezen")
    with coordinator.expect_navigation():
        coordinator.get_by_role("link", name="Pakketles", exact=True).click()
    coordinator.locator("#id_title").fill(title)
    coordinator.locator("#id_title").press(
        "Tab"
    )  # leaving the title fills the slug, as typing does
    coordinator.locator("#id_package_file").set_input_files(str(package))
    camera.snap(coordinator, "pakketles ingevuld")
    coordinator.locator("footer .w-dropdown__toggle").click()
    with coordinator.expect_navigation():
        coordinator.locator("footer button[name=action-submit]").click()
    camera.snap(coordinator, "pakketles ingediend")
    expect(coordinator.locator(".messages, [role=status], .w-message").first).to_contain_text(
        "ingediend"
    )

    reviewer = new_context().new_page()
    log_in_staff(reviewer, camera, "programmateam@example.org")
    visit(reviewer, camera, "/beheer/", "review")
    row = reviewer.locator("tr").filter(has_text=title)
    expect(row).to_have_count(1)
    row.locator(".w-dropdown__toggle").click()
    row.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])").click()
    reviewer.wait_for_load_state()
    expect(reviewer.locator("tr").filter(has_text=title)).to_have_count(0)

    context = new_context()
    learner = context.new_page()
    log_in(learner, camera, LEARNER, LEARNER_PASSWORD)
    visit(learner, camera, f"/cursussen/{CODE}/", "cursus met pakketles")
    with learner.expect_navigation():
        learner.get_by_role("link", name=title).first.click()
    sco = learner.frame_locator("#lp-scorm-frame")
    expect(sco.locator("#stap")).to_have_text("Stap 1 van 2")
    sco.get_by_role("button", name="Volgende").click()
    expect(sco.locator("#stap")).to_have_text("Stap 2 van 2")
    # The package told the page where it is (postMessage); then the learner closes the tab.
    learner.wait_for_function(
        "() => window.lpScormApi && window.lpScormApi.cmi.location === 'stap-2'"
    )
    camera.snap(learner, "halverwege")
    lesson_url = learner.url
    learner.close(run_before_unload=True)

    again = context.new_page()
    # What the page and the package said, for the failure message if the commit goes wrong.
    said: list[str] = []
    again.on("console", lambda message: said.append(f"console: {message.text}"))
    again.on("pageerror", lambda error: said.append(f"fout: {error}"))
    again.on(
        "request",
        lambda request: "/opslaan/" in request.url and said.append("opslaan verstuurd"),
    )
    again.on(
        "response",
        lambda response: "/opslaan/" in response.url and said.append(f"opslaan: {response.status}"),
    )
    deadline = time.monotonic() + 20
    while True:  # the keepalive request of the closed tab may still be on its way
        visit(again, camera, lesson_url, "les hervat")
        frame = again.frame_locator("#lp-scorm-frame")
        frame.locator("#stap").wait_for()
        if frame.locator("#stap").inner_text() == "Stap 2 van 2" or time.monotonic() > deadline:
            break
        time.sleep(1)
    expect(frame.locator("#stap")).to_have_text("Stap 2 van 2")
    assert _count(server) == before
    frame.get_by_role("button", name="Afronden").click()
    try:
        # Completing the course issues the certificate, whose PDF this test server renders
        # in-process (eager Celery): that commit may take a while on a busy machine.
        expect(again.locator("#lp-scorm-saved")).to_have_text(
            "Les afgerond en bewaard.", timeout=90_000
        )
    except AssertionError as error:
        state = again.evaluate(
            "() => JSON.stringify({state: window.lpScormApi.currentState,"
            " status: window.lpScormApi.cmi.completion_status,"
            " error: window.lpScormApi.lastErrorCode, saved: document.body.dataset.scormSaved})"
        )
        raise AssertionError("\n".join([state, *said[-30:]])) from error
    camera.snap(again, "afgerond")
    assert _count(server) == before + 1
    # Finishing again (a reload and a replayed commit) does not count twice.
    visit(again, camera, lesson_url, "les na afronden")
    assert _count(server) == before + 1
    # The pakketles page itself meets WCAG 2.1 AA like every lesson page, at both widths.
    for width in (1280, 360):
        again.set_viewport_size({"width": width, "height": 900})
        camera.snap(again, f"pakketles {width}px")
        assert axe_violations(again, axe_source) == [], f"axe op de pakketles bij {width} px"
