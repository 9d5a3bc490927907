"""WCAG 2.1 AA in a real browser: axe-core finds no violation on the pages people use most.

Each page is checked in the state a person meets it: the catalogue and course pages logged out,
lesson and toets as an enrolled learner (with the form to fill in) and after a failed attempt
(with the feedback), the dashboards as the role that may see them, the allauth and two-step
pages of every kind of account. Every page is checked, and photographed, at 1280 and at 360 px
wide. The run's outcome is written to the data file the toegankelijkheidsverklaring reads
(settings.ACCESSIBILITY_AUDIT_FILE), so the statement gives the date and result of the latest
run.
"""

import json
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from courses.demo_content import course_content
from tests.e2e.browsing import (
    DEMO_PASSWORD,
    LEARNER_PASSWORD,
    ROOT,
    axe_violations,
    log_in,
    log_in_staff,
    visit,
)

pytestmark = pytest.mark.e2e

WIDTHS = (1280, 360)
AUDIT_FILE = Path(
    os.environ.get("ACCESSIBILITY_AUDIT_FILE", ROOT / "docs" / "toegankelijkheid" / "axe.json")
)
_audit = {"pages": 0, "violations": 0, "roles": set()}


@pytest.fixture(scope="module", autouse=True)
def _audit_written(axe_source):
    """After the module: the date and result of this run, for the accessibility statement."""
    yield
    if not _audit["pages"]:
        return
    version = json.loads((ROOT / "node_modules/axe-core/package.json").read_text())["version"]
    AUDIT_FILE.parent.mkdir(parents=True, exist_ok=True)
    AUDIT_FILE.write_text(
        json.dumps(
            {
                "run_at": datetime.now(ZoneInfo("Europe/Amsterdam")).isoformat(timespec="seconds"),
                "pages": _audit["pages"],
                "widths": list(WIDTHS),
                "violations": _audit["violations"],
                "axe_version": version,
                "roles": sorted(_audit["roles"]),
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )


def check_widths(page, camera, axe_source, name: str, role: str) -> dict[str, list]:
    """axe at every width (the page as it is, resized), a photograph of each; the findings."""
    findings = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        camera.snap(page, f"{name} {width}px")
        violations = axe_violations(page, axe_source)
        _audit["pages"] += 1
        _audit["violations"] += sum(len(v["nodes"]) for v in violations)
        _audit["roles"].add(role)
        if violations:
            findings[f"{name} @ {width}px"] = violations
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    return findings


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
    "wachtwoord-vergeten": "/accounts/password/reset/",
    "wachtwoord-link-verstuurd": "/accounts/password/reset/done/",
    "wachtwoord-link-ongeldig": "/accounts/password/reset/key/1-ongeldig/",
    "bevestig-e-mailadres": "/accounts/confirm-email/",
    "tellers": "/tellers/",
    "definities": "/rapportage/definities/",
    "privacyverklaring": "/privacy/",
    "toegankelijkheidsverklaring": "/toegankelijkheid/",
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
    findings = check_widths(page, camera, axe_source, name, "bezoeker")
    assert not findings, _report(findings)


def test_learner_pages_have_no_axe_violations(page, camera, axe_source):
    findings = {}

    def check(name):
        findings.update(check_widths(page, camera, axe_source, name, "cursist"))

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
    for _type, question in course_content("buit-basis")["toets"]["questions"]:
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
    visit(page, camera, "/account/adressen-koppelen/", "adressen koppelen")
    check("adressen koppelen")
    # allauth's pages of a signed-in learner: in the site's layout, as accessible as the rest.
    for path, name in [
        ("/accounts/password/change/", "wachtwoord wijzigen"),
        ("/accounts/email/", "e-mailadressen"),
        ("/accounts/2fa/", "tweestapsverificatie"),
        ("/accounts/sessions/", "sessies"),
        ("/accounts/logout/", "uitloggen"),
    ]:
        visit(page, camera, path, name)
        check(name)
    visit(page, camera, "/accounts/2fa/totp/activate/", "authenticator-app instellen")
    if "reauthenticate" in page.url:  # allauth asks for the password first: that page too
        check("opnieuw inloggen")
        page.locator("input[name=password]").fill(LEARNER_PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
    check("authenticator-app instellen")
    assert not findings, _report(findings)


@pytest.mark.parametrize(
    ("email_address", "path"),
    [
        ("programmateam@example.org", "/rapportage/"),
        ("vng@example.org", "/rapportage/vng/"),
        ("vng@example.org", "/rapportage/vng/aantallen/"),
        ("programmateam@example.org", "/rapportage/exports/"),
        ("programmateam@example.org", "/rapportage/herkomst/"),
        ("programmateam@example.org", "/rapportage/koppelingen/"),
        ("programmateam@example.org", "/rapportage/effect/"),
    ],
    ids=[
        "rapportage",
        "rapportage-vng",
        "verwachte-aantallen",
        "exports",
        "herkomst",
        "koppelingen",
        "effect",
    ],
)
def test_report_page_has_no_axe_violations(page, camera, axe_source, email_address, path):
    log_in_staff(page, camera, email_address)
    visit(page, camera, path, path)
    role = "VNG" if email_address.startswith("vng") else "programmateam"
    findings = check_widths(page, camera, axe_source, path, role)
    # A refused peildatum is a state of the page too (its alert and field error).
    if path in ("/rapportage/", "/rapportage/vng/"):
        visit(page, camera, f"{path}?peildatum=2099-01-01", f"{path} peildatum in de toekomst")
        expect(page.locator("main [role=alert]").first).to_contain_text("niet toegepast")
        findings.update(check_widths(page, camera, axe_source, f"{path} fout", role))
    assert not findings, _report(findings)


def test_table_regions_on_reports_are_never_clipped(page, camera, axe_source):
    """At 1280, 1024 and 360 px a report table fits its region or scrolls inside it; the page
    itself never scrolls sideways, and no region cuts off a table it cannot scroll."""
    log_in_staff(page, camera, "programmateam@example.org")
    visit(page, camera, "/rapportage/", "rapportage")
    for width in (1280, 1024, 360):
        page.set_viewport_size({"width": width, "height": 900})
        camera.snap(page, f"rapportage {width}px")
        overflow = page.evaluate(
            """() => {
                const page = document.documentElement.scrollWidth > window.innerWidth + 1;
                const clipped = [...document.querySelectorAll('.table-wrap')].filter(w => {
                    const style = getComputedStyle(w);
                    const cut = w.scrollWidth > w.clientWidth + 1;
                    return cut && (style.overflowX !== 'auto' && style.overflowX !== 'scroll'
                                   || w.tabIndex !== 0);
                }).map(w => w.getAttribute('aria-label') || w.getAttribute('aria-labelledby'));
                return {page, clipped};
            }"""
        )
        assert not overflow["page"], f"de pagina scrollt zijwaarts bij {width}px"
        assert not overflow["clipped"], f"afgekapte tabellen bij {width}px: {overflow['clipped']}"
        if width == 1280:  # on a wide screen the breakdown tables fit whole
            wide = page.evaluate(
                """() => [...document.querySelectorAll('.breakdowns .table-wrap')]
                    .filter(w => w.scrollWidth > w.clientWidth + 1)
                    .map(w => w.getAttribute('aria-label'))"""
            )
            assert not wide, f"bij 1280px niet in zijn geheel zichtbaar: {wide}"


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


def _staff_pages(page, camera, axe_source, role: str, start: str, links: list[str]) -> dict:
    """axe on a staff start page and on the first page behind each of `links` (CSS selectors
    of links on the start page), at every width."""
    visit(page, camera, start, start)
    findings = check_widths(page, camera, axe_source, start, role)
    targets = [
        href
        for selector in links
        if (href := page.locator(selector).first.get_attribute("href")) is not None
    ]
    assert targets or not links, f"geen pagina's gevonden achter {start}"
    for href in targets:
        visit(page, camera, href, href)
        findings |= check_widths(page, camera, axe_source, href, role)
    return findings


def test_coordinator_pages_have_no_axe_violations(page, camera, axe_source):
    log_in_staff(page, camera, "coordinator@example.org")
    findings = _staff_pages(
        page,
        camera,
        axe_source,
        "cursuscoördinator",
        "/leren/coordinator/",
        ["main a[href^='/leren/coordinator/cursus/']"],
    )
    course = page.url.split("/leren/coordinator/cursus/")[1].split("/")[0]
    for path in ("bijeenkomsten/", "uitnodigen/", "importeren/"):
        url = f"/leren/coordinator/cursus/{course}/{path}"
        visit(page, camera, url, url)
        findings |= check_widths(page, camera, axe_source, url, "cursuscoördinator")
    findings |= _staff_pages(
        page,
        camera,
        axe_source,
        "cursuscoördinator",
        "/certificaten/beheer/",
        [],  # the demo coordinator's courses have no certificates yet
    )
    assert not findings, _report(findings)


def test_trainer_pages_have_no_axe_violations(page, camera, axe_source):
    log_in_staff(page, camera, "trainer@example.org")
    findings = _staff_pages(
        page,
        camera,
        axe_source,
        "trainer",
        "/leren/trainer/",
        ["main a[href^='/leren/trainer/bijeenkomst/']"],
    )
    assert not findings, _report(findings)


def test_form_errors_and_two_step_page_have_no_axe_violations(page, camera, axe_source):
    """Errors must be as perceivable as the form: sign-up and log-in with mistakes, TOTP step."""
    findings = {}

    def check(name):
        findings.update(check_widths(page, camera, axe_source, name, "bezoeker"))

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


def test_staff_two_step_pages_have_no_axe_violations(page, camera, axe_source):
    """A staff member's two-step overview and recovery codes (after the password again)."""
    findings = {}
    log_in_staff(page, camera, "vng@example.org")
    for path, name in [
        ("/accounts/2fa/", "tweestapsverificatie beheren"),
        ("/accounts/2fa/recovery-codes/generate/", "herstelcodes maken"),
    ]:
        visit(page, camera, path, name)
        if "reauthenticate" in page.url:
            findings.update(check_widths(page, camera, axe_source, f"{name} wachtwoord", "VNG"))
            page.locator("input[name=password]").fill(DEMO_PASSWORD)
            with page.expect_navigation():
                page.locator("main form button[type=submit]").first.click()
        findings.update(check_widths(page, camera, axe_source, name, "VNG"))
    assert not findings, _report(findings)
