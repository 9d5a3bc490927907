"""Public aggregate counters: /api/tellers/ and the embeddable widget /tellers/.

Anyone may read these, signed in or not, and any site may frame the widget (see
CSP_EMBEDDABLE_PREFIXES in the settings). They show aggregates only: per public target the
number of people trained, the goal, the percentage and the deadline, and in the widget a
breakdown per region with small cells suppressed.

A figure is never more than five minutes old: the reports come from the counters' cache
(recomputed at once after a new or revoked completion), and browsers and proxies may keep a
response only for what is left of those five minutes.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from courses.completion import completions_version
from reporting.counters import CACHE_SECONDS, TargetReport, suppress_small_cells, target_reports
from reporting.models import Target


def _public_reports(slug: str | None = None) -> list[TargetReport]:
    targets = Target.objects.filter(public=True)
    if slug is not None:
        targets = targets.filter(slug=slug)
    return target_reports(targets)


def _oldest(reports: list[TargetReport]):
    return min((r.computed_at for r in reports if r.computed_at), default=None)


def _seconds_left(computed_at) -> int:
    """How long a response built from figures computed at `computed_at` may still be kept."""
    # CACHE_SECONDS (five minutes) is the published promise; the setting may only shorten it.
    limit = min(CACHE_SECONDS, settings.PUBLIC_COUNTER_CACHE_SECONDS)
    if computed_at is None:
        return limit
    return max(0, int(limit - (timezone.now() - computed_at).total_seconds()))


def _cache_for_what_is_left(response: HttpResponse, computed_at) -> HttpResponse:
    """Let clients keep the response only until its oldest figure is five minutes old.

    The server-side report may already be up to CACHE_SECONDS old when it is served; a fixed
    max-age on top of that would let a browser show a figure for twice as long.
    """
    patch_cache_control(response, public=True, max_age=_seconds_left(computed_at))
    return response


def _as_json(report: TargetReport) -> dict:
    return {
        "slug": report.slug,
        "title": report.title,
        # For a coverage target the goal is the expected headcount, None where nobody knows it.
        "target": report.goal,
        "count": report.count,
        "percentage": report.percentage,
        "deadline": report.deadline.isoformat(),
        "updated_at": timezone.localtime(report.computed_at).isoformat(),
    }


@dataclass
class _Served:
    """The last body this process served, and when it last checked that body was current."""

    key: str
    body: str
    computed_at: object
    checked_at: float


_served: _Served | None = None


def _counters_body() -> tuple[str, object]:
    """(body, computed_at) of the current figures: from this process, the cache or computed."""
    global _served
    now = time.monotonic()
    recently_checked = (
        _served is not None
        and now - _served.checked_at < settings.PUBLIC_COUNTER_RECHECK_SECONDS
        and _seconds_left(_served.computed_at)
    )
    if recently_checked:
        return _served.body, _served.computed_at
    key = f"tellers:json:v{completions_version()}:{timezone.localdate()}"
    if _served is not None and _served.key == key and _seconds_left(_served.computed_at):
        _served.checked_at = now
        return _served.body, _served.computed_at
    cached = cache.get(key)
    if cached is None:
        reports = _public_reports()
        body = json.dumps({"targets": [_as_json(r) for r in reports]}, ensure_ascii=False)
        cached = (body, _oldest(reports))
        if seconds := _seconds_left(cached[1]):
            cache.set(key, cached, seconds)
    _served = _Served(key, *cached, checked_at=now)
    return cached


@require_GET
def counters_json(request: HttpRequest) -> HttpResponse:
    # The most requested URL of the site (embedded on partner sites). The finished body is
    # kept under the completions version, in this process and in the shared cache. Within
    # PUBLIC_COUNTER_RECHECK_SECONDS of its last check a process serves its body without even
    # reading the version: that one cache read was half the cost of a request.
    body, computed_at = _counters_body()
    response = HttpResponse(body, content_type="application/json")
    # Public aggregates only, no credentials involved: any site may fetch them.
    response["Access-Control-Allow-Origin"] = "*"
    return _cache_for_what_is_left(response, computed_at)


@require_GET
@xframe_options_exempt
def counters_widget(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("doel") or None
    reports = _public_reports(slug)
    if slug is not None and not reports:
        raise Http404
    counters = [
        {
            "report": report,
            "regions": suppress_small_cells(report.by_region),
            # <progress> cannot show more than its max; the text beside it says the rest.
            "progress_value": min(report.count, report.goal) if report.goal else None,
        }
        for report in reports
    ]
    response = render(
        request,
        "reporting/tellers.html",
        {
            "counters": counters,
            "threshold": settings.PUBLIC_SMALL_CELL_THRESHOLD,
            "updated_at": _oldest(reports),
            "site_url": settings.SITE_URL,
        },
    )
    return _cache_for_what_is_left(response, _oldest(reports))
