"""The Content-Security-Policy in a real browser: nothing on the site or in the admin is blocked.

A CSP that blocks something fails silently for the person (a button that does nothing), so
Chromium's console is read on every page: any "Content Security Policy" message fails the test.
Uses the browser-test set-up of tests/e2e (gunicorn with seeded demo data, Debian's Chromium);
run with `make test-e2e` (fixtures from tests/e2e via this folder's conftest).
"""

import pytest

from tests.e2e.browsing import log_in_staff, visit

pytestmark = pytest.mark.e2e

PUBLIC = ["/", "/cursussen/", "/accounts/login/", "/accounts/signup/", "/certificaten/verifieer/"]
STAFF = [
    "/beheer/",
    "/beheer/pages/",
    "/beheer/images/",
    "/beheer/images/add/",
    "/beheer/documents/add/",
    "/beheer/users/",
    "/beheer/cursuscoordinatoren/new/",
    "/django-beheer/",
    "/leren/coordinator/",
    "/certificaten/beheer/",
    "/rapportage/",
]


def _watch(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    return messages


def _blocked(messages: list[str]) -> list[str]:
    return [m for m in messages if "Content Security Policy" in m or m.startswith("pageerror")]


def test_public_pages_run_under_the_strict_policy(new_context, camera):
    page = new_context().new_page()
    messages = _watch(page)
    problems = []
    for path in PUBLIC:
        messages.clear()
        response = visit(page, camera, path)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page.wait_for_timeout(300)
        problems += [f"{path}: {m}" for m in _blocked(messages)]
    # The policy really blocks what it must: an injected inline script does not run.
    messages.clear()
    with pytest.raises(Exception, match="Content Security Policy"):
        page.add_script_tag(content="window.__injected = true")
    assert page.evaluate("window.__injected === undefined")
    assert not problems, "\n".join(problems)


def test_the_admin_works_under_its_own_policy(new_context, camera):
    page = new_context().new_page()
    messages = _watch(page)
    log_in_staff(page, camera, "beheerder@example.org")
    problems = []
    for path in STAFF:
        messages.clear()
        visit(page, camera, path)
        page.wait_for_timeout(300)
        problems += [f"{path}: {m}" for m in _blocked(messages)]

    # The page editor: StreamField, Draftail and the block chooser all run their scripts.
    visit(page, camera, "/beheer/pages/")
    lesson_edit = page.locator("a[href$='/edit/']").first
    lesson_edit.click()
    page.wait_for_load_state("networkidle")
    messages.clear()
    page.locator("button.c-sf-add-button").first.click()
    page.wait_for_timeout(500)
    assert page.locator(".Draftail-Editor, [data-streamfield-stream-container]").count() >= 1
    camera.snap(page, "editor met blokkeuze")
    problems += [f"editor: {m}" for m in _blocked(messages)]
    assert not problems, "\n".join(problems)
