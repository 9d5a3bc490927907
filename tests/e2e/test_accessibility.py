"""WCAG 2.1 AA in a real browser: axe-core finds no violation on the pages people use most.

Each page is checked in the state a person meets it: the catalogue and course pages logged out,
lesson and toets as an enrolled learner (with the form to fill in) and after a failed attempt
(with the feedback), the dashboards as the role that may see them.
"""

import json

import pytest
from playwright.sync_api import expect

from courses.demo_content import BUIT_BASIS
from tests.e2e.browsing import (
    DEMO_PASSWORD,
    LEARNER_PASSWORD,
    axe_violations,
    log_in,
    log_in_staff,
    visit,
)

pytestmark = pytest.mark.e2e

COURSE = "/cursussen/buit-basis/"
LESSON = "/cursussen/buit-basis/uitbuiting-van-minderjarigen/"
TOETS = "/cursussen/buit-basis/eindtoets/"

# name -> (path, expected status)
PUBLIC_PAGES = {
    "home": "/",
    "catalogus": "/cursussen/",
    "cursus": COURSE,
    "les": LESSON,
    "toets": TOETS,
    "verificatie": "/certificaten/verifieer/",
    "verificatie-onbekende-code": ("/certificaten/verifieer/ABCD-EFGH-JKMN-PQRS/", 404),
    "inloggen": "/accounts/login/",
    "account-aanmaken": "/accounts/signup/",
    "tellers": "/tellers/",
}


def _report(findings: dict[str, list]) -> str:
    return "axe vond schendingen van WCAG 2.1 AA:\n" + json.dumps(
        findings, indent=1, ensure_ascii=False
    )


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_page_has_no_axe_violations(page, camera, axe_source, name):
    path, status = (
        PUBLIC_PAGES[name] if isinstance(PUBLIC_PAGES[name], tuple) else (PUBLIC_PAGES[name], None)
    )
    visit(page, camera, path, name, status=status)
    # WCAG 2.4.2: the title names the page, not only the site.
    assert page.title().split(" – ")[0].strip(), f"{path} heeft geen eigen paginatitel"
    violations = axe_violations(page, axe_source)
    assert not violations, _report({name: violations})


def test_learner_pages_have_no_axe_violations(page, camera, axe_source):
    findings = {}

    def check(name):
        camera.snap(page, f"axe {name}")
        if violations := axe_violations(page, axe_source):
            findings[name] = violations

    log_in(page, camera, "toegankelijk@example.org", LEARNER_PASSWORD)
    visit(page, camera, COURSE, "cursus")
    with page.expect_navigation():
        page.get_by_role("button", name="Schrijf u in").click()
    check("cursus na inschrijven")
    visit(page, camera, LESSON, "les")
    check("les met afrondknop")
    visit(page, camera, TOETS, "toets")
    check("toets met formulier")
    # Every question must be answered (issue 17): an empty form is refused, shown with the
    # open questions named; that state is checked too.
    page.evaluate(
        "document.querySelectorAll('form.toets-form input').forEach(i => i.required = false)"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Lever de toets in").click()
    check("toets met open vragen")
    for _type, question in BUIT_BASIS["toets"]["questions"]:
        wrong = next(o for o in question["options"] if not o["is_correct"])
        fieldset = page.locator("fieldset.question").filter(has_text=question["prompt"])
        fieldset.get_by_label(wrong["text"], exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lever de toets in").click()
    check("toets met uitslag en feedback")
    visit(page, camera, "/mijn/", "mijn leren")
    check("mijn leren")
    visit(page, camera, "/profiel/", "profiel")
    check("profiel")
    assert not findings, _report(findings)


@pytest.mark.parametrize(
    ("email_address", "path"),
    [
        ("programmateam@example.org", "/rapportage/"),
        ("vng@example.org", "/rapportage/vng/"),
        ("vng@example.org", "/rapportage/vng/aantallen/"),
        ("programmateam@example.org", "/rapportage/exports/"),
    ],
    ids=["rapportage", "rapportage-vng", "verwachte-aantallen", "exports"],
)
def test_report_page_has_no_axe_violations(page, camera, axe_source, email_address, path):
    log_in_staff(page, camera, email_address)
    visit(page, camera, path, path)
    violations = axe_violations(page, axe_source)
    assert not violations, _report({path: violations})


def test_a_vng_region_page_reached_from_the_overview_has_no_axe_violations(
    page, camera, axe_source
):
    log_in_staff(page, camera, "vng@example.org")
    visit(page, camera, "/rapportage/vng/", "VNG-overzicht")
    link = page.locator("table a[href^='/rapportage/vng/aandachtsfunctionaris/']").first
    with page.expect_navigation():
        link.click()
    camera.snap(page, "VNG-regio")
    expect(page.locator("main h1")).to_contain_text("Alle aandachtsfunctionarissen getraind")
    expect(page.locator("main table caption").first).to_contain_text("Gemeenten in")
    violations = axe_violations(page, axe_source)
    assert not violations, _report({page.url: violations})


def test_form_errors_and_two_step_page_have_no_axe_violations(page, camera, axe_source):
    """Errors must be as perceivable as the form: sign-up and log-in with mistakes, TOTP step."""
    findings = {}

    def check(name):
        camera.snap(page, f"axe {name}")
        if violations := axe_violations(page, axe_source):
            findings[name] = violations

    visit(page, camera, "/accounts/signup/", "account aanmaken")
    # Valid for the browser's own checks, refused by the server: its messages are tested.
    page.locator("#id_first_name").fill("Fien")
    page.locator("#id_last_name").fill("Fout")
    page.locator("#id_email").fill("cursist@example.org")
    page.locator("#id_password1").fill("kort")
    page.locator("#id_password2").fill("anders")
    with page.expect_navigation():
        page.locator("form[action='/accounts/signup/'] button[type=submit]").click()
    expect(page.locator("main .error, main .errorlist, main [role=alert]").first).to_be_visible()
    check("account aanmaken met fouten")

    visit(page, camera, "/accounts/login/", "inloggen")
    page.locator("#id_login").fill("vng@example.org")
    page.locator("#id_password").fill("een-verkeerd-wachtwoord")
    with page.expect_navigation():
        page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    check("inloggen met fout wachtwoord")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    assert "/accounts/2fa/authenticate/" in page.url, page.url
    check("tweestapsverificatie")
    assert not findings, _report(findings)
