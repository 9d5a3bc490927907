"""Daily snapshots of every counter: the figure of each target as it stood at the end of a day.

A count is reproducible for any past reference date, so a snapshot taken late (after an
outage) records the same figure one taken on time would have. What a snapshot adds is the
record of what was published: once written it is never changed, and a later recount that
disagrees shows that history was rewritten. The public counters (/tellers/, /api/tellers/)
show the latest snapshot of each target, its breakdown per region with small cells hidden as
stored here, so public figures move once a day, not per request.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from reporting.counters import Scope, target_reports
from reporting.disclosure import breakdown_publish, public_counters_changed
from reporting.models import CounterSnapshot, Target

BACKFILL_DAYS = 31


def _breakdown_withheld_for_overlap() -> set[int]:
    """Public targets whose regional breakdown is not published because an earlier public
    target (lower id) can count the same people (a course code in common).

    Two breakdowns of overlapping groups constrain each other beyond their own totals: where
    one group holds the other, each region's cell of the smaller is at most the larger's, and
    with hidden cells on both sides that can leave a single possible value for a hidden cell,
    which disclosure.safe_to_publish (one table against its total) cannot see. One breakdown
    per group of overlapping targets is safe on its own; the others publish their totals only.
    """
    seen: set[str] = set()
    withheld = set()
    for pk, codes in (
        Target.objects.filter(public=True).order_by("pk").values_list("pk", "course_codes")
    ):
        codes = set(codes or ())
        if codes & seen:
            withheld.add(pk)
        seen |= codes
    return withheld


def counter_snapshots_take(day: date | None = None, *, backfill_days: int = BACKFILL_DAYS) -> int:
    """Take the snapshot of every target for `day` (default: yesterday) and fill earlier holes.

    Idempotent: a snapshot that exists is kept as it is (get_or_create on target and day), so
    running twice, or concurrently, writes each snapshot once. Days missing within the
    `backfill_days` ending with `day` are taken too, so an outage of the daily run leaves no
    gaps; days before a target's period are skipped. Returns the number of snapshots written.
    """
    day = day or timezone.localdate() - timedelta(days=1)
    first_day = day - timedelta(days=backfill_days - 1)
    targets = list(Target.objects.filter(period_start__lte=day))
    taken = set(
        CounterSnapshot.objects.filter(taken_on__range=(first_day, day)).values_list(
            "target_id", "taken_on"
        )
    )
    overlapping = _breakdown_withheld_for_overlap()
    created = 0
    current = first_day
    while current <= day:
        due = [t for t in targets if t.period_start <= current and (t.pk, current) not in taken]
        if due:
            for report in target_reports(due, Scope(as_of=current)):
                _snapshot, was_created = CounterSnapshot.objects.get_or_create(
                    target_id=report.target_id,
                    taken_on=current,
                    defaults={
                        "count": report.count,
                        "expected": report.goal if report.is_coverage else None,
                        "covered": report.covered,
                        "outside_group": report.outside_group,
                        "regions_covered": report.regions_covered,
                        "regions_total": report.regions_total,
                        # What /tellers/ and /api/tellers/ publish until the next snapshot.
                        "public_regions": None
                        if report.target_id in overlapping
                        else breakdown_publish(report.by_region, total=report.count),
                    },
                )
                created += was_created
        current += timedelta(days=1)
    if created:
        public_counters_changed()
    return created


def published_per_month(reports, scope: Scope) -> dict[int, dict[date, int]]:
    """Per target the count its last snapshot of each month published, up to the reference
    date (one query for all targets)."""
    published: dict[int, dict[date, int]] = {report.target_id: {} for report in reports}
    rows = (
        CounterSnapshot.objects.filter(target_id__in=published, taken_on__lte=scope.as_of)
        .order_by("target_id", "taken_on")
        .values_list("target_id", "taken_on", "count")
    )
    for target_id, taken_on, count in rows:
        published[target_id][taken_on.replace(day=1)] = count  # the month's latest wins
    return published
