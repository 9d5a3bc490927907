"""Effect measurement, as a learner lives it in Chromium.

A professional enrols in the Opfriscursus, is sent to the voormeting before the first lesson
(no answers shown, it does not count), works through the lessons and the toets, is offered the
nameting and does it. Then the beat job runs as if 90 days have passed; the invitation arrives
in the inbox, and its link opens the follow-up without logging in. The link works once: a
second visit is refused.
"""

import re

import pytest
from playwright.sync_api import expect

from courses.demo_content import course_content
from effect.demo import OBJECTIVES, STATEMENTS
from tests.e2e.browsing import (
    LEARNER_PASSWORD,
    assert_accessible,
    log_in,
    log_in_staff,
    mail_text,
    read_mail,
    visit,
)
from tests.e2e.server_shell import django_json, django_shell

OPFRISCURSUS = course_content("opfriscursus-signaleren")

pytestmark = pytest.mark.e2e

COURSE = "/cursussen/opfriscursus-signaleren/"
LEARNER = "effect@example.org"

_LEARNER_SCRIPT = f"""
from accounts.models import User
from tests.factories import UserFactory

if not User.objects.filter(email={LEARNER!r}).exists():
    UserFactory(
        email={LEARNER!r},
        password={LEARNER_PASSWORD!r},
        first_name="Eva",
        last_name="Effect",
        profile={{
            "organisation_name": "Reclassering Oost",
            "organisation_kind": "reclassering",
            "profession": "reclasseringswerker",
            "functions": ["reclasseringswerker"],
        }},
    )
"""

_FOLLOW_UP_BEAT = """
from datetime import timedelta
from django.utils import timezone
from effect.services import follow_up_invitations_send

follow_up_invitations_send(today=timezone.localdate() + timedelta(days=90))
"""

_FACTS = f"""
import json
from accounts.models import person_key_for
from effect.models import FollowUpInvitation, Response

key = person_key_for({LEARNER!r})
rows = Response.objects.filter(person_key=key, course_code="opfriscursus-signaleren")
print(json.dumps({{
    r.moment: [sum(c for c, _a in r.scores.values()), sum(a for _c, a in r.scores.values())]
    for r in rows
}} | {{"invitations": FollowUpInvitation.objects.filter(person_key=key).count()}}))
"""


def _fieldset(page, text):
    fieldset = page.locator("main form fieldset").filter(has_text=text)
    expect(fieldset).to_have_count(1)
    return fieldset


def _answer(page, *, right: bool, confidence: int):
    for _title, items, _voor, _gain in OBJECTIVES:
        for question, _options, correct in items:
            choice = correct - 1 if right else (correct % 3)
            _fieldset(page, question).locator("input[type=radio]").nth(choice).check()
    for statement in STATEMENTS:
        _fieldset(page, statement).locator("input[type=radio]").nth(confidence - 1).check()


def _answer_toets(page):
    for _block_type, question in OPFRISCURSUS["toets"]["questions"]:
        fieldset = page.locator("fieldset.question").filter(has_text=question["prompt"])
        for option in question["options"]:
            if option["is_correct"]:
                fieldset.get_by_label(option["text"], exact=True).check()


def test_voormeting_course_nameting_and_follow_up_through_a_one_time_link(
    new_context, camera, server, axe_source
):
    django_shell(server, _LEARNER_SCRIPT)
    page = new_context().new_page()
    log_in(page, camera, LEARNER, LEARNER_PASSWORD)
    visit(page, camera, COURSE, "cursus")
    with page.expect_navigation():
        page.get_by_role("button", name="Schrijf u in").click()
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Begin met de cursus")).click()

    # Before the first lesson: the voormeting, which gives no answers and may not be skipped
    # by accident (an unanswered question is refused, nothing is stored).
    expect(page.get_by_role("heading", level=1)).to_contain_text("Voormeting")
    expect(page.locator("main")).to_contain_text("telt niet mee")
    assert_accessible(page, axe_source, camera, "voormeting")
    with page.expect_navigation():
        page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.locator("main")).to_contain_text("Kies een antwoord.")
    _answer(page, right=False, confidence=2)
    with page.expect_navigation():
        page.get_by_role("button", name="Antwoorden versturen").click()
    first_lesson = OPFRISCURSUS["lessons"][0]["title"]
    expect(page.get_by_role("heading", level=1)).to_have_text(first_lesson)
    expect(page.locator("main")).not_to_contain_text("Juist")

    for number, _lesson in enumerate(OPFRISCURSUS["lessons"], start=1):
        with page.expect_navigation():
            page.get_by_role("button", name="Les afronden").click()
        camera.snap(page, f"les {number} afgerond")
    expect(page.get_by_role("heading", level=1)).to_have_text(OPFRISCURSUS["toets"]["title"])
    _answer_toets(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Lever de toets in").click()
    expect(page.locator("#toets-uitslag")).to_contain_text("Geslaagd")

    # At the end: the nameting is offered, and done.
    visit(page, camera, COURSE, "cursus afgerond")
    with page.expect_navigation():
        page.get_by_role("link", name="Naar de nameting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nameting")
    _answer(page, right=True, confidence=4)
    with page.expect_navigation():
        page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Uw antwoorden zijn opgeslagen")
    facts = django_json(server, _FACTS)
    assert facts["voor"][0] == 0 and facts["na"][0] == facts["na"][1] == 9

    # Ninety days on: the beat job invites, once.
    django_shell(server, _FOLLOW_UP_BEAT)
    django_shell(server, _FOLLOW_UP_BEAT)
    [message] = read_mail(server, LEARNER)[-1:]
    assert "drie maanden" in str(message["Subject"])
    assert django_json(server, _FACTS)["invitations"] == 1
    link = re.search(r"https?://[^\s]+/vervolgmeting/[^\s/]+/", mail_text(message)).group(0)
    path = "/" + link.split("/", 3)[3]

    # The link works without logging in.
    stranger = new_context().new_page()
    visit(stranger, camera, path, "vervolgmeting")
    assert_accessible(stranger, axe_source, camera, "vervolgmeting")
    stranger.get_by_label("Ja", exact=True).check()
    stranger.get_by_label("Besproken (met een collega").check()
    stranger.get_by_label("Hoe vaak heeft u").fill("1")
    for statement in STATEMENTS:
        _fieldset(stranger, statement).locator("input[type=radio]").nth(4).check()
    with stranger.expect_navigation():
        stranger.get_by_role("button", name="Antwoorden versturen").click()
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Dank u wel")
    assert "vervolg" in django_json(server, _FACTS)

    # Used once: a second use is refused.
    visit(stranger, camera, path, "link tweede keer", status=410)
    expect(stranger.locator("main")).to_contain_text("al gebruikt")

    # The programme team's report shows the demo courses' figures, accessibly, and a summary.
    team = new_context().new_page()
    log_in_staff(team, camera, "programmateam@example.org")
    visit(team, camera, "/rapportage/effect/", "rapportage effect")
    expect(team.locator("main")).to_contain_text("Verdiepende training mensenhandel minderjarigen")
    expect(team.locator("main")).not_to_contain_text("Eva")
    assert_accessible(team, axe_source, camera, "rapportage effect")
    visit(team, camera, "/rapportage/effect/verdieping-minderjarigen/samenvatting/", "samenvatting")
    assert_accessible(team, axe_source, camera, "samenvatting")
