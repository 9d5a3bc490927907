"""Security headers: a strict nonce-based CSP on the site, a working policy on the admin.

Also scans every project template for what the strict policy would block (inline styles,
inline event handlers, inline scripts without the nonce), so a new template cannot quietly
break a page under the CSP.
"""

import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.views.decorators.clickjacking import xframe_options_exempt

from elearning.security import SiteCSPMiddleware
from tests.live import ROOT


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/cursussen/", "/accounts/login/", "/certificaten/verifieer/"]
)
def test_public_pages_have_a_strict_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_learner_pages_have_the_strict_policy(client, learner):
    client.force_login(learner)
    for path in ("/mijn/", "/profiel/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"], path


def test_a_nonce_used_by_a_template_is_in_the_header():
    factory = RequestFactory()
    middleware = SiteCSPMiddleware(lambda request: HttpResponse(request.csp_nonce))
    request = factory.get("/mijn/")
    middleware.process_request(request)
    response = middleware.process_response(request, HttpResponse(str(request.csp_nonce)))
    nonce = response.content.decode()
    assert len(nonce) >= 16
    assert f"'nonce-{nonce}'" in policy(response)["script-src"]
    # Each request gets its own nonce.
    other = factory.get("/mijn/")
    middleware.process_request(other)
    assert str(other.csp_nonce) != nonce


def test_the_counter_widget_may_be_framed_by_any_site():
    factory = RequestFactory()

    @xframe_options_exempt
    def widget(request):
        return HttpResponse("42")

    middleware = SiteCSPMiddleware(widget)
    request = factory.get("/tellers/")
    middleware.process_request(request)
    response = middleware.process_response(request, widget(request))
    assert policy(response)["frame-ancestors"] == ["*"]
    assert "'unsafe-inline'" not in policy(response)["script-src"]

    request = factory.get("/mijn/")
    middleware.process_request(request)
    response = middleware.process_response(request, HttpResponse("x"))
    assert policy(response)["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_the_wagtail_admin_works_under_its_own_policy(client, administrator, coordinator):
    client.force_login(administrator)
    for path in ("/beheer/", "/beheer/pages/", "/beheer/images/", "/beheer/documents/"):
        response = client.get(path)
        assert response.status_code == 200, path
        csp = policy(response)
        # Wagtail renders inline scripts without a nonce: a nonce would switch them off.
        assert not any(v.startswith("'nonce-") for v in csp["script-src"]), path
        assert "'unsafe-inline'" in csp["script-src"]
        assert "'unsafe-inline'" in csp["style-src"]
        assert csp["object-src"] == ["'none'"]
        # Framing only for the previews (below); the admin's own pages are never framed.
        assert csp["frame-ancestors"] == ["'none'"]
    client.force_login(coordinator)
    response = client.get("/beheer/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in policy(response)["script-src"]


@pytest.mark.django_db
def test_previews_may_be_framed_by_the_editor_and_nothing_else(client, administrator):
    """The live preview panel frames the preview: 'self' for those responses only."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from tests.factories import CourseFactory, LessonFactory

    lesson = LessonFactory(parent=CourseFactory(), title="Signalen")
    client.force_login(administrator)
    edit_url = f"/beheer/pages/{lesson.pk}/edit/"
    editor = client.get(edit_url)
    assert policy(editor)["frame-ancestors"] == ["'none'"]
    assert editor.headers["X-Frame-Options"] == "DENY"
    data = nested_form_data(
        {
            "title": "Signalen in de preview",
            "slug": lesson.slug,
            "intro": "",
            "estimated_minutes": "10",
            "body": streamfield([("paragraph", rich_text("<p>Voorvertoning van de les.</p>"))]),
        }
    )
    assert client.post(f"{edit_url}preview/", data).json()["is_valid"]
    preview = client.get(f"{edit_url}preview/?mode=&in_preview_panel=true")
    assert preview.status_code == 200
    assert "Voorvertoning van de les." in preview.content.decode()
    assert policy(preview)["frame-ancestors"] == ["'self'"]
    assert preview.headers["X-Frame-Options"] == "SAMEORIGIN"
    # The preview is the site's page: the strict site policy otherwise (nonce, no inline).
    assert "'unsafe-inline'" not in policy(preview)["script-src"]

    revision = lesson.save_revision(user=administrator)
    shown = client.get(f"/beheer/pages/{lesson.pk}/revisions/{revision.pk}/view/")
    assert policy(shown)["frame-ancestors"] == ["'self'"]

    paragraph = lesson.body.stream_block.child_blocks["paragraph"]
    block = client.get(f"/beheer/block-preview/?id={paragraph.definition_prefix}")
    assert block.status_code == 200
    assert policy(block)["frame-ancestors"] == ["'self'"]

    # The published page itself is never framed.
    assert policy(client.get(lesson.url))["frame-ancestors"] == ["'none'"]


TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
INLINE_STYLE = re.compile(r"""\sstyle\s*=\s*["']""", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE_TAG = re.compile(r"<style\b", re.IGNORECASE)


def _templates() -> list[Path]:
    return sorted(
        path
        for directory in TEMPLATE_DIRS
        if ".venv" not in directory.parts
        for path in directory.rglob("*.html")
    )


def test_templates_use_nothing_the_strict_policy_blocks():
    problems = []
    for path in _templates():
        if "pdf" in path.relative_to(ROOT).parts:
            continue  # rendered to PDF by WeasyPrint, never served to a browser
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(ROOT)
        if INLINE_STYLE.search(text):
            problems.append(f"{relative}: style-attribuut")
        if INLINE_HANDLER.search(text):
            problems.append(f"{relative}: inline event handler")
        if STYLE_TAG.search(text):
            problems.append(f"{relative}: <style>-blok zonder nonce")
        for attributes in SCRIPT_TAG.findall(text):
            if "src=" in attributes or "application/json" in attributes:
                continue
            if "csp_nonce" not in attributes:
                problems.append(f"{relative}: inline <script> zonder nonce")
    assert not problems, "\n".join(problems)
    assert len(_templates()) > 10
