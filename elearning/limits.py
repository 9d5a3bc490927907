"""Bounded request bodies: a body above its maximum is answered 413 from its Content-Length.

Django reads a body only when something asks for it (``request.POST``, ``request.body``), and
then writes uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, so a 200 MB
body to the log-in page would land on disk before any form refused it. This middleware stands
first in MIDDLEWARE, before CSRF or sessions can read anything, and refuses by the declared
length alone: nothing of the body is read, so nothing is written.

Upload forms (UPLOAD_PATHS: the Wagtail image and document uploads, the completion import,
a coordinator's invitation and enrolment files) may send up to REQUEST_BODY_MAX_BYTES_UPLOAD
(default 25 MB); every other path up to REQUEST_BODY_MAX_BYTES (default 2.5 MB). A body
without a Content-Length is read by Django as empty, so it cannot pass unmeasured.
"""

from __future__ import annotations

import re
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


@cache
def _upload_patterns(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def body_limit(path: str) -> int:
    """The largest body, in bytes, that a request to `path` may declare."""
    patterns = tuple(settings.UPLOAD_PATHS)
    if patterns and _upload_patterns(patterns).match(path):
        return settings.REQUEST_BODY_MAX_BYTES_UPLOAD
    return settings.REQUEST_BODY_MAX_BYTES


def declared_length(request: HttpRequest) -> int | None:
    """The body length the client declared, None when absent; unreadable counts as too long."""
    raw = request.META.get("CONTENT_LENGTH") or ""
    if not raw.strip():
        return None
    try:
        return int(raw)
    except ValueError:
        return -1


class RequestBodyLimitMiddleware:
    """Answers 413 to a request whose declared body exceeds the limit of its path."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        length = declared_length(request)
        limit = body_limit(request.path_info)
        if length is not None and (length < 0 or length > limit):
            megabytes = f"{limit / (1024 * 1024):.1f}".rstrip("0").rstrip(".").replace(".", ",")
            response = HttpResponse(
                _("Het verzoek is te groot. Stuur hoogstens %(mb)s MB.") % {"mb": megabytes},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            # The unread body stays in the connection; the server must not read on from it.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
