"""A classroom course is completed by being there: marked once the session has begun.

A learner enrols in "Regionale samenwerking – basis" (completion by attendance only) and signs
up for a regional meeting two weeks ahead. The demo trainer logs in with two-step verification:
the list shows no controls yet and says when marking opens, and a crafted POST changes nothing
(no completion, no certificate, the count of trained people unchanged). Then the day comes (the
session's start is moved into the past on the server): the trainer marks her present and her
completion, dated on the session, with certificate, appears on her /mijn/. A mistaken mark is
corrected: the completion and certificate are revoked and the count drops by one.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.browsing import LEARNER_PASSWORD, log_in, log_in_staff, visit
from tests.e2e.server_shell import django_json, django_shell

pytestmark = pytest.mark.e2e

COURSE = "/cursussen/regionale-samenwerking-basis/"
COURSE_CODE = "regionale-samenwerking-basis"
COURSE_TITLE = "Regionale samenwerking mensenhandel – basis"
SESSION = "Regiobijeenkomst Oost-Nederland"
LEARNER = "aanwezig@example.org"

_FACTS = """
import json
from datetime import date
from courses.models import ClassroomSession, Completion, SessionRegistration
from certificates.models import Certificate
from reporting.counters import Scope, trained_count
from reporting.models import Target

target = Target(course_codes=[{code!r}], period_start=date(2000, 1, 1), deadline=date(2100, 1, 1))
session = ClassroomSession.objects.get(title={session!r})
registration = SessionRegistration.objects.filter(session=session, user__email={email!r}).first()
completions = Completion.objects.filter(user__email={email!r}, course_code={code!r})
print(json.dumps({{
    "registration": registration.pk if registration else None,
    "attendance": registration.attendance if registration else None,
    "starts_at": session.starts_at.isoformat(),
    "completions": [
        {{"completed_at": c.completed_at.isoformat(), "revoked": c.revoked_at is not None}}
        for c in completions
    ],
    "certificates": Certificate.objects.filter(completion__in=completions).count(),
    "trained": trained_count(target, Scope.today()),
}}))
"""

_BEGIN = """
from datetime import timedelta
from django.utils import timezone
from courses.models import ClassroomSession
starts = timezone.now() - timedelta(hours=2)
ClassroomSession.objects.filter(title={session!r}).update(
    starts_at=starts, ends_at=starts + timedelta(hours=4)
)
"""


def _facts(server) -> dict:
    script = _FACTS.format(code=COURSE_CODE, session=SESSION, email=LEARNER)
    return django_json(server, script)


def test_attendance_only_after_the_start_and_a_correction_revokes(server, new_context, camera):
    learner = new_context().new_page()
    log_in(learner, camera, LEARNER, LEARNER_PASSWORD)
    visit(learner, camera, COURSE, "klassikale cursus")
    with learner.expect_navigation():
        learner.get_by_role("button", name="Schrijf u in").click()
    session_card = learner.locator(".card").filter(has_text=SESSION)
    with learner.expect_navigation():
        session_card.get_by_role("button", name="Aanmelden").click()
    session_card = learner.locator(".card").filter(has_text=SESSION)
    expect(session_card).to_contain_text("Aangemeld")
    visit(learner, camera, "/mijn/", "mijn leren voor de bijeenkomst")
    expect(learner.locator("main")).to_contain_text("Enschede, stadskantoor")
    before = _facts(server)

    trainer = new_context().new_page()
    log_in_staff(trainer, camera, "trainer@example.org")
    visit(trainer, camera, "/leren/trainer/", "mijn bijeenkomsten (trainer)")
    with trainer.expect_navigation():
        trainer.get_by_role("link", name=SESSION).click()
    camera.snap(trainer, "aanwezigheidslijst voor het begin")
    expect(trainer.locator("main")).to_contain_text(
        "Aanwezigheid registreren kan vanaf het begin van de bijeenkomst"
    )
    expect(trainer.locator("main")).to_contain_text("Anne Aanwezig")
    expect(trainer.locator("main input[type=radio]")).to_have_count(0)
    expect(trainer.get_by_role("button", name="Aanwezigheid opslaan")).to_have_count(0)

    # A crafted POST, as if the controls were there: refused, nothing recorded.
    trainer.evaluate(
        """([field]) => {
            const form = document.createElement('form');
            form.method = 'post';
            const token = document.querySelector('input[name=csrfmiddlewaretoken]');
            for (const [name, value] of [
                ['csrfmiddlewaretoken', token ? token.value : ''], [field, 'aanwezig']]) {
                const input = document.createElement('input');
                input.type = 'hidden'; input.name = name; input.value = value;
                form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
        }""",
        [f"r{before['registration']}"],
    )
    trainer.wait_for_load_state()
    expect(trainer.locator("main")).to_contain_text("Er is niets opgeslagen")
    camera.snap(trainer, "geknutselde post geweigerd")
    after_crafted = _facts(server)
    assert after_crafted["attendance"] == "onbekend"
    assert after_crafted["completions"] == [] and after_crafted["certificates"] == 0
    assert after_crafted["trained"] == before["trained"]

    # The day of the meeting: it began two hours ago.
    django_shell(server, _BEGIN.format(session=SESSION))
    trainer.reload()
    camera.snap(trainer, "aanwezigheidslijst na het begin")
    row = trainer.locator("tr").filter(has_text="Anne Aanwezig")
    row.get_by_label("Aanwezig", exact=True).check()
    with trainer.expect_navigation():
        trainer.get_by_role("button", name="Aanwezigheid opslaan").click()
    camera.snap(trainer, "aanwezigheid opgeslagen")
    expect(trainer.get_by_role("status")).to_contain_text("Aanwezigheid opgeslagen.")
    expect(trainer.get_by_role("status")).to_contain_text("hebben de cursus hiermee afgerond")
    marked = _facts(server)
    assert marked["trained"] == before["trained"] + 1
    assert [c["completed_at"] for c in marked["completions"]] == [marked["starts_at"]]

    visit(learner, camera, "/mijn/", "mijn leren na de bijeenkomst")
    completed = learner.locator("main tr, main .card").filter(has_text=COURSE_TITLE)
    expect(completed.first).to_be_visible()
    expect(completed.get_by_role("link", name="Download")).to_have_count(1)
    visit(learner, camera, COURSE, "klassikale cursus afgerond")
    expect(learner.locator(".course-actions")).to_contain_text("Afgerond")

    # A mistake: she was not there. The correction revokes and the count drops by one.
    row = trainer.locator("tr").filter(has_text="Anne Aanwezig")
    row.get_by_label("Afwezig", exact=True).check()
    with trainer.expect_navigation():
        trainer.get_by_role("button", name="Aanwezigheid opslaan").click()
    camera.snap(trainer, "aanwezigheid gecorrigeerd")
    expect(trainer.locator("main")).to_contain_text("zijn ingetrokken")
    corrected = _facts(server)
    assert corrected["trained"] == before["trained"]
    assert [c["revoked"] for c in corrected["completions"]] == [True]
    visit(learner, camera, COURSE, "klassikale cursus na correctie")
    expect(learner.locator(".course-actions")).not_to_contain_text("Afgerond")
