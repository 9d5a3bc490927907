"""A classroom course is completed by being there: the trainer marks it, the learner sees it.

A learner enrols in "Regionale samenwerking – basis" (completion by attendance only) and signs
up for a regional meeting; the demo trainer logs in with two-step verification, marks her
present, and her completion (with certificate) appears on her own /mijn/.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.browsing import LEARNER_PASSWORD, log_in, log_in_staff, visit

pytestmark = pytest.mark.e2e

COURSE = "/cursussen/regionale-samenwerking-basis/"
COURSE_TITLE = "Regionale samenwerking mensenhandel – basis"
SESSION = "Regiobijeenkomst Oost-Nederland"


def test_trainer_marks_attendance_and_the_completion_appears(new_context, camera):
    learner = new_context().new_page()
    log_in(learner, camera, "aanwezig@example.org", LEARNER_PASSWORD)
    visit(learner, camera, COURSE, "klassikale cursus")
    with learner.expect_navigation():
        learner.get_by_role("button", name="Schrijf u in").click()
    session_card = learner.locator(".card").filter(has_text=SESSION)
    with learner.expect_navigation():
        session_card.get_by_role("button", name="Aanmelden").click()
    session_card = learner.locator(".card").filter(has_text=SESSION)
    expect(session_card).to_contain_text("Aangemeld")
    camera.snap(learner, "aangemeld voor bijeenkomst")
    visit(learner, camera, "/mijn/", "mijn leren voor de bijeenkomst")
    expect(learner.locator("main")).to_contain_text("Enschede, stadskantoor")

    trainer = new_context().new_page()
    log_in_staff(trainer, camera, "trainer@example.org")
    visit(trainer, camera, "/leren/trainer/", "mijn bijeenkomsten (trainer)")
    with trainer.expect_navigation():
        trainer.get_by_role("link", name=SESSION).click()
    camera.snap(trainer, "aanwezigheidslijst")
    row = trainer.locator("tr").filter(has_text="Anne Aanwezig")
    row.get_by_label("Aanwezig", exact=True).check()
    with trainer.expect_navigation():
        trainer.get_by_role("button", name="Aanwezigheid opslaan").click()
    camera.snap(trainer, "aanwezigheid opgeslagen")
    expect(trainer.get_by_role("status")).to_contain_text("Aanwezigheid opgeslagen.")
    expect(trainer.get_by_role("status")).to_contain_text("hebben de cursus hiermee afgerond")
    expect(
        trainer.locator("tr").filter(has_text="Anne Aanwezig").get_by_label("Aanwezig", exact=True)
    ).to_be_checked()

    visit(learner, camera, "/mijn/", "mijn leren na de bijeenkomst")
    completed = learner.locator("main tr, main .card").filter(has_text=COURSE_TITLE)
    expect(completed.first).to_be_visible()
    expect(completed.get_by_role("link", name="Download")).to_have_count(1)
    visit(learner, camera, COURSE, "klassikale cursus afgerond")
    expect(learner.locator(".course-actions")).to_contain_text("Afgerond")
