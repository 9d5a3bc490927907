"""Public aggregate counters: /api/tellers/ and the embeddable widget /tellers/.

Anyone may read these, signed in or not, and any site may frame the widget (see
CSP_EMBEDDABLE_PREFIXES in the settings). They show aggregates only: per public target the
number of people trained, the goal, the percentage and the deadline, and a breakdown per
region with small cells hidden.

Every figure comes from the target's latest daily snapshot (reporting.snapshots, taken each
night for the day before), never from a count made for the request: public figures move once
a day, together, and say as of which day. A count that moved with each completion would
show, by the difference, what a hidden cell was. The breakdown is the one the snapshot
stored, with small cells already hidden or the whole breakdown withheld
(reporting.disclosure).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from elearning.links import site_url
from reporting.counters import CACHE_SECONDS
from reporting.definitions import definitions_url, general_definitions, target_definitions
from reporting.disclosure import public_counters_version
from reporting.models import CounterSnapshot, Target


@dataclass(frozen=True)
class PublishedCounter:
    """One public target as published by its latest snapshot (None: no snapshot yet)."""

    slug: str
    title: str
    deadline: date
    is_coverage: bool
    snapshot: CounterSnapshot | None
    target: Target | None = None

    @property
    def count(self) -> int | None:
        return self.snapshot.count if self.snapshot else None

    @property
    def as_of(self) -> date | None:
        return self.snapshot.taken_on if self.snapshot else None

    @property
    def goal(self) -> int | None:
        if self.snapshot is None:
            return None
        return self.snapshot.expected if self.is_coverage else self.snapshot.target.target_number

    @property
    def covered(self) -> int | None:
        """Coverage: the trained among the group the goal counts (None: not a coverage
        target, or a snapshot from before this was recorded)."""
        return self.snapshot.covered if self.snapshot and self.is_coverage else None

    @property
    def outside_group(self) -> int | None:
        return self.snapshot.outside_group if self.snapshot and self.is_coverage else None

    @property
    def toward_goal(self) -> int | None:
        return self.covered if self.covered is not None else self.count

    @property
    def percentage(self) -> int | None:
        if not self.goal or self.toward_goal is None:
            return None
        percentage = round(100 * self.toward_goal / self.goal)
        return min(100, percentage) if self.is_coverage else percentage

    @property
    def progress_value(self) -> int | None:
        # <progress> cannot show more than its max; the text beside it says the rest.
        if not self.goal or self.toward_goal is None:
            return None
        return min(self.toward_goal, self.goal)

    @property
    def definitions(self) -> list[str]:
        return target_definitions(self.target)

    @property
    def regions(self) -> list[dict] | None:
        return self.snapshot.public_regions if self.snapshot else None


def published_counters(slug: str | None = None) -> list[PublishedCounter]:
    """The public targets, each with its latest snapshot up to yesterday (two queries).

    Only snapshots of days that have ended: a snapshot is the figure at the end of its day.
    """
    targets = Target.objects.filter(public=True).select_related("function", "profession")
    if slug is not None:
        targets = targets.filter(slug=slug)
    latest = CounterSnapshot.objects.filter(
        target=OuterRef("pk"), taken_on__lt=timezone.localdate()
    ).order_by("-taken_on")
    targets = list(targets.annotate(snapshot_id=Subquery(latest.values("pk")[:1])))
    snapshots = CounterSnapshot.objects.select_related("target").in_bulk(
        [t.snapshot_id for t in targets if t.snapshot_id]
    )
    return [
        PublishedCounter(
            slug=t.slug,
            title=t.title,
            deadline=t.deadline,
            is_coverage=t.is_coverage,
            snapshot=snapshots.get(t.snapshot_id),
            target=t,
        )
        for t in targets
    ]


def _cache_publicly(response: HttpResponse) -> HttpResponse:
    # The figures change once a day; a client may keep them five minutes (the setting may
    # only shorten that), so a new snapshot shows everywhere within minutes of being taken.
    max_age = min(CACHE_SECONDS, settings.PUBLIC_COUNTER_CACHE_SECONDS)
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def _as_json(counter: PublishedCounter) -> dict:
    return {
        "slug": counter.slug,
        "title": counter.title,
        # For a coverage target the goal is the expected headcount, None where nobody knows it.
        "target": counter.goal,
        "count": counter.count,
        "percentage": counter.percentage,
        # Coverage: trained within the group the goal counts, and trained outside it.
        "covered": counter.covered,
        "outside_group": counter.outside_group,
        # What is counted, generated from the settings the count used.
        "definitions": counter.definitions,
        "deadline": counter.deadline.isoformat(),
        # The day the figures are of (its end), and when they were published.
        "as_of": counter.as_of.isoformat(),
        "updated_at": timezone.localtime(counter.snapshot.taken_at).isoformat(),
        # Per region; null where a count is under the threshold, the list null when the
        # breakdown is withheld (a small count could otherwise be derived from the total).
        "regions": counter.regions,
    }


@dataclass
class _Served:
    """The last body this process served, and when it last checked that body was current."""

    key: str
    body: str
    checked_at: float


_served: _Served | None = None


def _counters_body() -> str:
    """The JSON body of the published figures: from this process, the cache, or built."""
    global _served
    now = time.monotonic()
    if _served is not None and now - _served.checked_at < settings.PUBLIC_COUNTER_RECHECK_SECONDS:
        return _served.body
    key = f"tellers:json:v{public_counters_version()}:{timezone.localdate()}"
    if _served is not None and _served.key == key:
        _served.checked_at = now
        return _served.body
    body = cache.get(key)
    if body is None:
        counters = [c for c in published_counters() if c.snapshot is not None]
        body = json.dumps(
            {
                "definitions": general_definitions(),
                "definitions_url": settings.SITE_URL.rstrip("/") + definitions_url(),
                "targets": [_as_json(c) for c in counters],
            },
            ensure_ascii=False,
        )
        cache.set(key, body, CACHE_SECONDS)
    _served = _Served(key, body, checked_at=now)
    return body


@require_GET
def counters_json(request: HttpRequest) -> HttpResponse:
    # The most requested URL of the site (embedded on partner sites). The finished body is
    # kept per published version and day, in this process and in the shared cache; within
    # PUBLIC_COUNTER_RECHECK_SECONDS of its last check a process serves it without a cache read.
    response = HttpResponse(_counters_body(), content_type="application/json")
    # Public aggregates only, no credentials involved: any site may fetch them.
    response["Access-Control-Allow-Origin"] = "*"
    return _cache_publicly(response)


@require_GET
@xframe_options_exempt
def counters_widget(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("doel") or None
    counters = published_counters(slug)
    if slug is not None and not counters:
        raise Http404
    as_of = [c.as_of for c in counters if c.as_of]
    updated = [c.snapshot.taken_at for c in counters if c.snapshot]
    response = render(
        request,
        "reporting/tellers.html",
        {
            "counters": counters,
            "threshold": settings.PUBLIC_SMALL_CELL_THRESHOLD,
            "as_of": min(as_of, default=None),
            "updated_at": max(updated, default=None),
            "site_url": site_url(),
            "general_definitions": general_definitions(),
            "definitions_url": site_url(definitions_url()),
        },
    )
    return _cache_publicly(response)


@require_GET
def definitions(request: HttpRequest) -> HttpResponse:
    """What every figure means, for anyone: the general rules and each public target's own."""
    targets = Target.objects.select_related("function", "profession")
    if not request.user.has_perm("reporting.view_programme_dashboard"):
        targets = targets.filter(public=True)
    return render(
        request,
        "reporting/definities.html",
        {
            "general": general_definitions(),
            "targets": [(t.title, target_definitions(t)) for t in targets],
        },
    )
