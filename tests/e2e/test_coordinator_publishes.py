"""A coordinator writes a lesson in Wagtail; after review by the programme team it is live.

Coordinators never publish themselves (ADR 0004): the lesson goes to the workflow "Review voor
publicatie", a programme-team member approves it from the Wagtail dashboard, and only then do
visitors see it in the course.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.browsing import log_in_staff, visit

pytestmark = pytest.mark.e2e

COURSE = "/cursussen/buit-basis/"


def test_coordinator_creates_a_lesson_and_it_is_published_after_review(new_context, camera):
    title = f"Samenwerken met Veilig Thuis {int(time.time())}"
    slug = title.lower().replace(" ", "-")

    coordinator = new_context().new_page()
    log_in_staff(coordinator, camera, "coordinator@example.org")
    visit(coordinator, camera, "/beheer/pages/search/?q=BUIT-basis", "beheer zoeken")
    coordinator.get_by_role("link", name="BUIT-basis: signaleren", exact=False).first.click()
    coordinator.wait_for_load_state()
    camera.snap(coordinator, "cursus in beheer")
    coordinator.goto(coordinator.url.split("/edit/")[0].rstrip("/") + "/add_subpage/")
    camera.snap(coordinator, "soort pagina kiezen")
    coordinator.get_by_role("link", name="Les", exact=True).click()
    coordinator.wait_for_load_state()

    coordinator.locator("#id_title").fill(title)
    coordinator.get_by_role("button", name="Blok invoegen").first.click()
    coordinator.get_by_role("option", name="Tekst").click()
    editor = coordinator.locator("[contenteditable=true][role=textbox]").first
    editor.click()
    coordinator.keyboard.type("Wanneer schakelt u Veilig Thuis in, en wat gebeurt er daarna?")
    # Draftail writes its hidden field a moment after the last keystroke; wait for it.
    expect(coordinator.locator("input[name='body-0-value']")).to_have_value(
        re.compile("Veilig Thuis")
    )
    camera.snap(coordinator, "nieuwe les ingevuld")
    coordinator.get_by_role("button", name="Meer acties").click()
    coordinator.locator("footer button[name=action-submit]").click()
    coordinator.wait_for_load_state()
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
    row.get_by_role("button", name="Acties").click()
    row.get_by_role("button", name="Goedkeuren", exact=True).click()
    reviewer.wait_for_load_state()
    expect(reviewer.locator("tr").filter(has_text=title)).to_have_count(0)
    camera.snap(reviewer, "goedgekeurd")

    visit(visitor, camera, f"{COURSE}{slug}/", "gepubliceerde les")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.locator("main")).to_contain_text("Wanneer schakelt u Veilig Thuis in")
    visit(visitor, camera, COURSE, "cursus met nieuwe les")
    expect(visitor.get_by_role("link", name=title)).to_be_visible()
