"""The SCORM runtime over HTTP: the package's files and the commit endpoint.

Package files are served under /scorm-inhoud/<token>/..., where the token is a signed,
time-limited reference to one attempt: the view reads no session and sets no cookie, and its
responses carry a strict Content-Security-Policy with `sandbox allow-scripts`, so the package
runs in an opaque origin even if opened outside the lesson page. The lesson page frames it in
a sandboxed iframe; scorm-again's cross-frame bridge carries the SCORM API calls by
postMessage to the page, which commits to `commit` with the learner's session and CSRF token.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
import re
from urllib.parse import urlencode

from django.core import signing
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    JsonResponse,
)
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from courses.services import LearningError
from elearning.errors import error_message
from scorm.cmi import CommitInvalid
from scorm.models import PackageAttempt
from scorm.services import attempt_commit, attempt_for, attempts_of

TOKEN_SALT = "scorm-inhoud"
TOKEN_MAX_AGE = 60 * 60 * 12
MAX_COMMIT_BYTES = 128 * 1024


def content_token(attempt: PackageAttempt) -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(attempt.uuid.hex)


def _content_policy(request) -> str:
    origin = f"{request.scheme}://{request.get_host()}"
    own = f"'self' {origin}"
    return "; ".join(
        [
            "default-src 'none'",
            # Packages ship their own inline and evaluated scripts: they may run them, but only
            # scripts of this origin, and they may not connect anywhere.
            f"script-src {own} 'unsafe-inline' 'unsafe-eval'",
            f"style-src {own} 'unsafe-inline'",
            f"img-src {own} data: blob:",
            f"media-src {own} blob:",
            f"font-src {own} data:",
            "connect-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
            "object-src 'none'",
            "frame-ancestors 'self'",
            "sandbox allow-scripts",
        ]
    )


def _contents(version, attempts: dict, current: PackageAttempt) -> list[dict]:
    """The package's organisation as the learner's table of contents: headings and SCOs, each
    SCO with whether it is done and whether it is the one running."""
    keys = {sco["identifier"]: sco["key"] for sco in version.scos()}
    entries = []
    for item in version.organisation or []:
        key = keys.get(item["identifier"]) if item.get("launch") else None
        attempt = attempts.get(key) if key is not None else None
        entries.append(
            {
                "title": item["title"] or item["identifier"],
                "depth": item.get("depth", 0),
                "query": f"?{urlencode({'onderdeel': key})}" if key is not None else "",
                "done": attempt is not None and attempt.completed_at is not None,
                "current": key is not None and key == current.sco,
            }
        )
    return entries


def runtime_context(request, lesson) -> dict | None:
    """What the lesson page needs to run the package for this learner (None: nothing to run).

    A package of several SCOs shows its organisation as a table of contents; `?onderdeel=`
    picks the SCO (by default the first one not yet completed), each with its own attempt.
    """
    known = attempts_of(user=request.user, lesson=lesson)
    chosen = request.GET.get("onderdeel")
    attempt = attempt_for(user=request.user, lesson=lesson, sco=chosen, known=known)
    if attempt is None and chosen is not None:
        attempt = attempt_for(user=request.user, lesson=lesson, known=known)
    if attempt is None:
        return None
    known[attempt.sco] = attempt
    version = attempt.version
    sco = version.sco(attempt.sco)
    launch = f"{reverse('scorm:content', args=[content_token(attempt), sco['launch']])}"
    if sco["query"]:
        launch += "?" + sco["query"]
    scos = version.scos()
    return {
        "attempt": attempt,
        "version": version,
        "sco": sco,
        "contents": _contents(version, known, attempt) if len(scos) > 1 else [],
        "launch_url": launch,
        "config": {
            "version": version.scorm_version,
            "commitUrl": reverse("scorm:commit", args=[attempt.uuid]),
            "csrf": get_token(request),
            "sequence": attempt.last_sequence,
            "cmi": resume_values(attempt),
            "completed": attempt.completed_at is not None,
        },
    }


def resume_values(attempt: PackageAttempt) -> dict:
    """The flattened CMI the runtime starts from: where the learner left, and the package's
    mastery score. The learner is named by the attempt, not by name or e-mail."""
    version = attempt.version
    sco = version.sco(attempt.sco) or version.scos()[0]
    resumed = bool(attempt.location or attempt.suspend_data)
    if version.scorm_version == "1.2":
        values = {
            "cmi.core.student_id": attempt.uuid.hex,
            "cmi.core.student_name": "Deelnemer",
            "cmi.core.lesson_location": attempt.location,
            "cmi.core.lesson_status": attempt.lesson_status or "not attempted",
            "cmi.core.entry": "resume" if resumed else "ab-initio",
            "cmi.core.credit": "credit",
            "cmi.core.lesson_mode": "normal",
            "cmi.suspend_data": attempt.suspend_data,
        }
        if attempt.score_raw is not None:
            values["cmi.core.score.raw"] = str(attempt.score_raw.normalize())
        if sco["mastery_score"] is not None:
            values["cmi.student_data.mastery_score"] = str(sco["mastery_score"].normalize())
        return values
    values = {
        "cmi.learner_id": attempt.uuid.hex,
        "cmi.learner_name": "Deelnemer",
        "cmi.location": attempt.location,
        "cmi.completion_status": attempt.completion_status or "unknown",
        "cmi.success_status": attempt.success_status or "unknown",
        "cmi.entry": "resume" if resumed else "ab-initio",
        "cmi.credit": "credit",
        "cmi.mode": "normal",
        "cmi.suspend_data": attempt.suspend_data,
    }
    if attempt.score_scaled is not None:
        values["cmi.score.scaled"] = str(attempt.score_scaled.normalize())
    if sco["passing_scaled"] is not None:
        values["cmi.scaled_passing_score"] = str(sco["passing_scaled"].normalize())
    return values


_HEAD = re.compile(rb"<head[^>]*>", re.IGNORECASE)


def _with_bridge(html: bytes, attempt: PackageAttempt, parent_origin: str) -> bytes:
    """The launch page with the cross-frame API put in front of the package's own scripts, its
    cache filled with the resume values (the package reads them synchronously at start)."""
    cache = json.dumps(resume_values(attempt)).replace("<", "\\u003c").encode()
    bridge = (
        b'<script type="application/json" id="lp-scorm-cache" data-parent="'
        + escape(parent_origin).encode()
        + b'">'
        + cache
        + b"</script>"
        + f'<script src="{escape(static("vendor/scorm-again/cross-frame-api.min.js"))}">'
        "</script>".encode()
        + f'<script src="{escape(static("scorm/content.js"))}"></script>'.encode()
    )
    match = _HEAD.search(html)
    at = match.end() if match else 0
    return html[:at] + bridge + html[at:]


@require_GET
@never_cache
@xframe_options_sameorigin
def content(request, token: str, path: str):
    """One file of the attempt's package version. No session is read; a bad token is a 404."""
    try:
        attempt_hex = signing.TimestampSigner(salt=TOKEN_SALT).unsign(token, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    path = posixpath.normpath(path)
    if path.startswith(("..", "/")) or "\\" in path or "\x00" in path:
        raise Http404
    attempt = PackageAttempt.objects.select_related("version").filter(uuid=attempt_hex).first()
    if attempt is None:
        raise Http404
    name = f"{attempt.version.storage_prefix}/{path}"
    if not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if content_type == "text/html":
        with default_storage.open(name) as handle:
            body = handle.read()
        sco = attempt.version.sco(attempt.sco) or {}
        if path == sco.get("launch") or path.endswith((".html", ".htm")):
            body = _with_bridge(body, attempt, f"{request.scheme}://{request.get_host()}")
        response = HttpResponse(body, content_type="text/html; charset=utf-8")
    else:
        response = FileResponse(default_storage.open(name), content_type=content_type)
    response["Content-Security-Policy"] = _content_policy(request)
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _refuse(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _refuse_body(request, uuid, message: str, status: int = 400) -> JsonResponse:
    if not request.user.package_attempts.filter(uuid=uuid).exists():
        raise Http404
    return _refuse(message, status)


@require_POST
def commit(request, uuid):
    """Store one commit of the runtime (JSON: sequence, session, cmi). CSRF-protected; the
    person is the session's. Answers what the server now holds about the lesson."""
    if not request.user.is_authenticated:
        return _refuse(_("U bent niet (meer) ingelogd."), 403)
    # Someone else's attempt does not exist (404): attempt_commit looks it up through the
    # user, in the one read a commit makes; a body refused before that looks first.
    if len(request.body) > MAX_COMMIT_BYTES:
        return _refuse_body(request, uuid, _("De gegevens van de les zijn te groot."), 413)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict):
        return _refuse_body(request, uuid, _("De gegevens van de les zijn onleesbaar."))
    try:
        result = attempt_commit(
            user=request.user,
            attempt_uuid=uuid,
            sequence=payload.get("sequence"),
            session=payload.get("session"),
            data=payload.get("cmi"),
        )
    except PackageAttempt.DoesNotExist:
        raise Http404 from None
    except (CommitInvalid, LearningError) as error:
        return _refuse(error_message(error))
    return JsonResponse(
        {
            "stored": result.stored,
            "completed": result.lesson_completed,
            "courseCompleted": result.completion is not None,
        }
    )
