"""The learner's own answers, as a learner writes them in Chromium.

In the first BUIT-basis lesson the learner types a reflection, checks a knowledge question (the
feedback appears and the typed text is still there), saves the reflection, reloads the page and
finds it back, and then finds it in the AVG export of her own data.
"""

import json

import pytest
from playwright.sync_api import expect

from tests.e2e.browsing import LEARNER_PASSWORD, log_in, visit

pytestmark = pytest.mark.e2e

COURSE = "/cursussen/buit-basis/"
LESSON = "/cursussen/buit-basis/uitbuiting-van-minderjarigen/"
LEARNER = "reflectie@example.org"
TEXT = "Als een jongere ineens dure spullen heeft en niet zegt van wie."


def test_a_reflection_is_kept_and_exported_and_a_check_keeps_what_was_typed(new_context, camera):
    page = new_context().new_page()
    log_in(page, camera, LEARNER, LEARNER_PASSWORD)
    visit(page, camera, COURSE, "cursus")
    with page.expect_navigation():
        page.get_by_role("button", name="Schrijf u in").click()
    visit(page, camera, LESSON, "les met reflectie")
    reflection = page.locator("section.reflection")
    expect(reflection).to_contain_text("alleen voor uzelf zichtbaar")
    box = reflection.get_by_label("Uw antwoord")
    expect(box).to_have_attribute("required", "")
    box.fill(TEXT)

    # The knowledge check answers in place: no reload, the typed reflection stays.
    check = page.locator("section.knowledge-check").first
    check.locator("input").first.check()
    check.get_by_role("button", name="Controleer mijn antwoord").click()
    expect(check.locator(".check-feedback")).to_be_visible()
    camera.snap(page, "kennischeck beantwoord")
    expect(box).to_have_value(TEXT)

    with page.expect_navigation():
        reflection.get_by_role("button", name="Antwoord opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Uw antwoord is opgeslagen.")
    page.reload()
    camera.snap(page, "reflectie na herladen")
    expect(page.locator("section.reflection").get_by_label("Uw antwoord")).to_have_value(TEXT)

    response = page.request.get("/profiel/gegevens/")
    assert response.ok
    data = json.loads(response.text())
    assert [answer["antwoord"] for answer in data["antwoorden"]] == [TEXT]
