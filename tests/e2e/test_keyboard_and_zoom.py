"""Without a mouse and at 400% zoom: a learner still enrols, completes a lesson and a toets.

Keyboard: only Tab, arrow keys, Space and Enter; every control reached shows where the focus
is. Zoom: 320 CSS pixels wide (1280 px at 400%, WCAG 1.4.10 Reflow), lesson and toets pages
scroll only vertically.
"""

import re

import pytest
from playwright.sync_api import expect

from courses.demo_content import course_content
from tests.e2e.browsing import LEARNER_PASSWORD, log_in, visit

pytestmark = pytest.mark.e2e

COURSE = "/cursussen/buit-basis/"
LESSON = "/cursussen/buit-basis/uitbuiting-van-minderjarigen/"
TOETS = "/cursussen/buit-basis/eindtoets/"

FOCUS_VISIBLE = """el => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
}"""


def tab_to(page, target, *, limit: int = 250) -> None:
    """Press Tab until `target` has the focus, as a keyboard user would; it must show it."""
    handle = target.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("el => el === document.activeElement", handle):
            assert handle.evaluate(FOCUS_VISIBLE), (
                f"De focus is niet zichtbaar op {handle.evaluate('el => el.outerHTML')[:200]}"
            )
            return
    raise AssertionError(f"Met Tab niet bereikbaar: {handle.evaluate('el => el.outerHTML')[:200]}")


def press_on(page, target, key: str = "Enter") -> None:
    tab_to(page, target)
    with page.expect_navigation():
        page.keyboard.press(key)


def answer_by_keyboard(page, questions: list) -> None:
    """Per question in the order shown: radios with the arrow keys, checkboxes with Space."""
    by_prompt = {q["prompt"]: q for _kind, q in questions}
    for fieldset in page.locator("fieldset.question").all():
        legend = fieldset.locator("legend").inner_text()
        question = next(q for prompt, q in by_prompt.items() if prompt in legend)
        correct = {o["text"] for o in question["options"] if o["is_correct"]}
        inputs = fieldset.locator("input").all()
        labels = [fieldset.locator(f"label[for='{i.get_attribute('id')}']") for i in inputs]
        texts = [label.inner_text().strip() for label in labels]
        if inputs[0].get_attribute("type") == "radio":
            # Tab enters an untouched radio group on its first option; arrows choose.
            tab_to(page, inputs[0])
            index = next(i for i, text in enumerate(texts) if text in correct)
            if index == 0:
                page.keyboard.press("Space")
            for _ in range(index):
                page.keyboard.press("ArrowDown")
            expect(inputs[index]).to_be_checked()
        else:
            for box, text in zip(inputs, texts, strict=True):
                if text in correct:
                    tab_to(page, box)
                    page.keyboard.press("Space")
                    expect(box).to_be_checked()


def test_lesson_and_toets_by_keyboard_only(page, camera):
    log_in(page, camera, "toetsenbord@example.org", LEARNER_PASSWORD)
    visit(page, camera, COURSE, "cursus")

    # The first Tab on a page reaches the skip link.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Naar de inhoud")

    press_on(page, page.get_by_role("button", name="Schrijf u in"))
    camera.snap(page, "ingeschreven met toetsenbord")
    press_on(page, page.get_by_role("link", name=re.compile("Begin met de cursus")))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        course_content("buit-basis")["lessons"][0]["title"]
    )
    camera.snap(page, "eerste les")
    press_on(page, page.get_by_role("button", name="Les afronden"))
    expect(page.get_by_role("status")).to_contain_text("Les afgerond.")
    camera.snap(page, "les afgerond met toetsenbord")

    visit(page, camera, TOETS, "toets")
    answer_by_keyboard(page, course_content("buit-basis")["toets"]["questions"])
    camera.snap(page, "toets ingevuld met toetsenbord")
    press_on(page, page.get_by_role("button", name="Lever de toets in"))
    expect(page.locator("#toets-uitslag")).to_contain_text("Geslaagd")
    camera.snap(page, "toets gehaald met toetsenbord")


def _assert_no_horizontal_scroll(page, what: str) -> None:
    widths = page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth,
                   client: document.documentElement.clientWidth,
                   wide: [...document.querySelectorAll('body *')]
                       .filter(el => el.getBoundingClientRect().right >
                                     document.documentElement.clientWidth + 1)
                       .slice(0, 5).map(el => el.outerHTML.slice(0, 120))})"""
    )
    assert widths["scroll"] <= widths["client"], (
        f"{what} scrolt horizontaal op 320 px: scrollWidth {widths['scroll']} > "
        f"clientWidth {widths['client']}; te breed: {widths['wide']}"
    )


def test_lesson_and_toets_reflow_at_320_css_pixels(new_context, camera):
    page = new_context(width=320, height=640).new_page()
    log_in(page, camera, "zoom@example.org", LEARNER_PASSWORD)
    visit(page, camera, COURSE, "cursus 320px")
    _assert_no_horizontal_scroll(page, "De cursuspagina")
    with page.expect_navigation():
        page.get_by_role("button", name="Schrijf u in").click()

    for label, path in [("les", LESSON), ("toets", TOETS)]:
        visit(page, camera, path, f"{label} 320px")
        _assert_no_horizontal_scroll(page, f"De {label}")
    # Every question must be answered before the toets can be handed in (issue 17).
    for _type, question in course_content("buit-basis")["toets"]["questions"]:
        wrong = next(o for o in question["options"] if not o["is_correct"])
        fieldset = page.locator("fieldset.question").filter(has_text=question["prompt"])
        fieldset.get_by_label(wrong["text"], exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lever de toets in").click()
    camera.snap(page, "toets uitslag 320px")
    _assert_no_horizontal_scroll(page, "De toets met uitslag")


def test_public_pages_and_my_learning_reflow_at_320_css_pixels(new_context, camera):
    page = new_context(width=320, height=640).new_page()
    public = ["/", "/cursussen/", COURSE, "/certificaten/verifieer/", "/accounts/login/"]
    for path in public:
        visit(page, camera, path, f"{path} 320px")
        _assert_no_horizontal_scroll(page, path)
    log_in(page, camera, "zoom@example.org", LEARNER_PASSWORD)
    visit(page, camera, "/mijn/", "mijn leren 320px")
    _assert_no_horizontal_scroll(page, "/mijn/")
