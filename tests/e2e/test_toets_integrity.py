"""The BUIT-basis final toets cannot be gamed, tried as a learner would in Chromium.

The inputs are required; an empty or tampered form (the browser's checks removed, an option id
swapped) is refused, names the open questions, keeps what was ticked and uses no attempt. A
failed attempt's result holds no correct option the learner did not choose, also not in the
HTML. Attempt 2 asks in another order. A double click on "Lever de toets in" is one attempt,
and after passing the page shows the passed result with no attempts left.
"""

import pytest
from playwright.sync_api import expect

from courses.demo_content import course_content
from tests.e2e.browsing import LEARNER_PASSWORD, log_in, visit
from tests.e2e.server_shell import django_json

pytestmark = pytest.mark.e2e

COURSE = "/cursussen/buit-basis/"
LEARNER = "toets@example.org"
QUESTIONS = [question for _type, question in course_content("buit-basis")["toets"]["questions"]]

_FACTS = f"""
import json
from courses.models import ToetsAttempt, ToetsPage
toets = ToetsPage.objects.get(slug="eindtoets", url_path__contains="/buit-basis/")
print(json.dumps({{
    "url": toets.url,
    "attempts": ToetsAttempt.objects.filter(user__email={LEARNER!r}, toets=toets).count(),
}}))
"""


def _legends(page) -> list[str]:
    return page.locator("form.toets-form fieldset.question legend").all_inner_texts()


def _answer(page, *, correctly: bool, skip: int | None = None):
    for index, question in enumerate(QUESTIONS):
        if index == skip:
            continue
        fieldset = page.locator("fieldset.question").filter(has_text=question["prompt"])
        options = question["options"]
        chosen = (
            [o for o in options if o["is_correct"]]
            if correctly
            else [o for o in options if not o["is_correct"]][:1]
        )
        for option in chosen:
            fieldset.get_by_label(option["text"], exact=True).check()


def _drop_browser_checks(page):
    page.evaluate(
        "document.querySelectorAll('form.toets-form [required]')"
        ".forEach(input => input.removeAttribute('required'));"
        "document.querySelectorAll('form.toets-form fieldset[data-one-or-more]')"
        ".forEach(group => group.removeAttribute('data-one-or-more'));"
        "document.querySelectorAll('form.toets-form input').forEach(i => i.required = false);"
    )


def _submit(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Lever de toets in").click()


def test_the_toets_cannot_be_gamed(server, new_context, camera):
    facts = django_json(server, _FACTS)
    page = new_context().new_page()
    log_in(page, camera, LEARNER, LEARNER_PASSWORD)
    visit(page, camera, COURSE, "cursus")
    with page.expect_navigation():
        page.get_by_role("button", name="Schrijf u in").click()
    visit(page, camera, facts["url"], "toets")

    # Every answer is required in the browser: radios in the HTML, a checkbox group while
    # nothing in it is ticked.
    inputs = page.locator("form.toets-form input[type=radio], form.toets-form input[type=checkbox]")
    assert inputs.count() > 0
    assert all(inputs.nth(i).evaluate("i => i.required") for i in range(inputs.count()))
    first_order = _legends(page)
    assert len(first_order) == len(QUESTIONS)

    # Empty, with the browser's checks removed: refused, all questions named, nothing used.
    _drop_browser_checks(page)
    _submit(page)
    camera.snap(page, "lege inzending geweigerd")
    alert = page.get_by_role("alert")
    numbers = ", ".join(str(n) for n in range(1, len(QUESTIONS) + 1))
    expect(alert).to_contain_text(f"Nog open: vraag {numbers}.")
    expect(alert).to_contain_text("deze poging telt niet")
    assert django_json(server, _FACTS)["attempts"] == 0
    # The same questions in the same order are shown again.
    assert _legends(page) == first_order

    # One question left open: it is named, and what was ticked stays ticked.
    skipped = 2
    _answer(page, correctly=False, skip=skipped)
    _drop_browser_checks(page)
    _submit(page)
    camera.snap(page, "een vraag open")
    open_number = next(
        n for n, legend in enumerate(_legends(page), 1) if QUESTIONS[skipped]["prompt"] in legend
    )
    expect(page.get_by_role("alert")).to_contain_text(f"Nog open: vraag {open_number}.")
    kept = page.locator("fieldset.question").filter(has_text=QUESTIONS[0]["prompt"])
    expect(kept.locator("input:checked")).to_have_count(1)
    assert django_json(server, _FACTS)["attempts"] == 0

    # A tampered option id: refused as well.
    _answer(page, correctly=False)
    page.evaluate("document.querySelector('form.toets-form input:checked').value = 'geknutseld-id'")
    _submit(page)
    expect(page.get_by_role("alert")).to_contain_text("niet bij de gestelde vragen horen")
    assert django_json(server, _FACTS)["attempts"] == 0

    # A whole but wrong attempt: per question right/wrong, no correct option not chosen.
    _answer(page, correctly=False)
    _submit(page)
    camera.snap(page, "poging 1 niet gehaald")
    result = page.locator("#toets-uitslag")
    expect(result).to_contain_text("Niet geslaagd")
    expect(result).to_contain_text("Fout")
    assert django_json(server, _FACTS)["attempts"] == 1
    assert "Juist antwoord" not in result.inner_html()
    for question in QUESTIONS:
        item = result.locator(".toets-feedback > li").filter(has_text=question["prompt"])
        shown = item.locator("ul li").all_inner_texts()
        assert shown, question["prompt"]
        for option in question["options"]:
            if option["is_correct"]:  # never chosen in this attempt, so never shown
                assert not any(
                    text == option["text"] or text.startswith(option["text"] + ": ")
                    for text in shown
                ), option["text"]
    assert "juist antwoord" not in page.content().lower()

    # Attempt 2 asks in another order; a double click is one attempt; then it is passed.
    second_order = _legends(page)
    assert second_order != first_order
    _answer(page, correctly=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Lever de toets in").dblclick()
    page.wait_for_load_state()
    camera.snap(page, "poging 2 gehaald")
    assert django_json(server, _FACTS)["attempts"] == 2
    result = page.locator("#toets-uitslag")
    expect(result).to_contain_text("Geslaagd")
    expect(result).to_contain_text("U hoeft geen poging meer te doen.")
    expect(page.locator("main")).not_to_contain_text("poging over")
    expect(page.locator("main")).not_to_contain_text("pogingen over")
    expect(page.locator("form.toets-form")).to_have_count(0)
