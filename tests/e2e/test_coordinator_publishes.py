"""A coordinator writes a lesson in Wagtail; after review by the programme team it is live.

Coordinators never publish themselves (ADR 0004): the lesson goes to the workflow "Review voor
publicatie", a programme-team member approves it from the Wagtail dashboard, and only then do
visitors see it in the course.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from courses.demo_content import COURSES
from tests.e2e.browsing import log_in_staff, visit

pytestmark = pytest.mark.e2e

# A course no other browser test walks through, so the new lesson changes no one's journey.
CODE = "training-aandachtsfunctionaris"
COURSE = f"/cursussen/{CODE}/"
COURSE_TITLE = next(c["title"] for c in COURSES if c["code"] == CODE)


def test_coordinator_creates_a_lesson_and_it_is_published_after_review(new_context, camera):
    title = f"Samenwerken met Veilig Thuis {int(time.time())}"
    slug = title.lower().replace(" ", "-")

    coordinator = new_context().new_page()
    log_in_staff(coordinator, camera, "coordinator@example.org")
    visit(coordinator, camera, f"/beheer/pages/search/?q={CODE.split('-')[0]}", "beheer zoeken")
    with coordinator.expect_navigation():
        coordinator.locator("a[href$='/edit/']").filter(has_text=COURSE_TITLE).first.click()
    camera.snap(coordinator, "cursus in beheer")
    coordinator.goto(coordinator.url.split("/edit/")[0].rstrip("/") + "/add_subpage/")
    camera.snap(coordinator, "soort pagina kiezen")
    with coordinator.expect_navigation():
        coordinator.get_by_role("link", name="Les", exact=True).click()

    coordinator.locator("#id_title").fill(title)
    # Wagtail's own controls by their markup: its JS labels may fall back to English.
    coordinator.locator("button.c-sf-add-button").first.click()
    coordinator.get_by_role("option", name="Tekst").click()
    editor = coordinator.locator("[contenteditable=true][role=textbox]").first
    editor.click()
    coordinator.keyboard.type("Wanneer schakelt u Veilig Thuis in, en wat gebeurt er daarna?")
    # Draftail writes its hidden field a moment after the last keystroke; wait for it.
    expect(coordinator.locator("input[name='body-0-value']")).to_have_value(
        re.compile("Veilig Thuis")
    )
    camera.snap(coordinator, "nieuwe les ingevuld")
    coordinator.locator("footer .w-dropdown__toggle").click()
    with coordinator.expect_navigation():
        coordinator.locator("footer button[name=action-submit]").click()
    camera.snap(coordinator, "les ingediend voor review")
    expect(coordinator.locator(".messages, [role=status], .w-message").first).to_be_visible()

    visitor = new_context().new_page()
    response = visitor.goto(f"{COURSE}{slug}/")
    assert response.status == 404, "De les is al zichtbaar voordat iemand haar goedkeurde"

    reviewer = new_context().new_page()
    log_in_staff(reviewer, camera, "programmateam@example.org")
    visit(reviewer, camera, "/beheer/", "beheer dashboard met review")
    row = reviewer.locator("tr").filter(has_text=title)
    expect(row).to_have_count(1)
    row.locator(".w-dropdown__toggle").click()
    row.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])").click()
    reviewer.wait_for_load_state()
    expect(reviewer.locator("tr").filter(has_text=title)).to_have_count(0)
    camera.snap(reviewer, "goedgekeurd")

    visit(visitor, camera, f"{COURSE}{slug}/", "gepubliceerde les")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.locator("main")).to_contain_text("Wanneer schakelt u Veilig Thuis in")
    visit(visitor, camera, COURSE, "cursus met nieuwe les")
    expect(visitor.get_by_role("link", name=title)).to_be_visible()
