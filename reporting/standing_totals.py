"""A target's standings summed per month, so that a report reads one month of rows.

The Standing rows of a target grow with the days on which something became known, times the
cells (day, municipality, organisation kind, profession) that changed on them: at ten times
the programme's size, tens of thousands of rows per target. A report as of D needs their sum
over every day known by D. The sum through the end of the month before D is kept
(StandingTotal, one row per target and month, built by the nightly check of the standings,
which reads every target as a report does, or else by the first report to ask), and the
report adds the rows known since then: at most a month of them.

A kept total stays right because Standing rows are only ever written on the day something
becomes known, which is never in a month that has ended; the two writers that do rewrite the
past (a rebuild after a target is edited, and the repair) drop the totals with it
(totals_drop). A total is built under a share lock on its target, so it never sums the rows of
a rebuild that has not committed yet.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone

from reporting.models import Standing, StandingTotal, Target

COLUMNS = ("completed_on", "municipality_id", "organisation_kind", "profession_id")
# JSON keys are text; each breakdown's key as the report uses it.
_DECODE = {
    "completed_on": date.fromisoformat,
    "municipality_id": int,
    "organisation_kind": str,
    "profession_id": int,
}


def month_end_before(day: date) -> date:
    return day.replace(day=1) - timedelta(days=1)


def _kept_through(as_of: date) -> date:
    """The last day of the latest month that ended at least a day before `as_of`: a writer
    whose transaction began on a month's last day has committed by then."""
    return month_end_before(as_of - timedelta(days=1))


def _summed(target_id: int, through: date) -> dict[str, dict[str, int]]:
    rows = Standing.objects.filter(target_id=target_id, known_on__lte=through)
    people = {}
    for column in COLUMNS:
        grouped = rows.values_list(column).annotate(n=Sum("people")).order_by()
        people[column] = {str(key): n for key, n in grouped if n}
    return people


def _built(target_id: int, through: date) -> dict:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Waits for a rebuild of this target that has not committed yet (it holds the row).
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT 1 FROM {Target._meta.db_table} WHERE id = %s FOR SHARE", [target_id]
                )
        people = _summed(target_id, through)
        try:
            with transaction.atomic():
                StandingTotal.objects.create(target_id=target_id, through=through, people=people)
        except IntegrityError:  # built by another report at the same moment: the same sums
            pass
    return people


def standings_summed(target_id: int, as_of: date) -> dict[str, Counter]:
    """The sum of the target's Standing rows known at the end of `as_of`, per breakdown
    (keys as stored: 0 or "" for "none"). Two queries once the month's total is kept."""
    # Never a month that has not ended: rows known later are still to come.
    through = _kept_through(min(as_of, timezone.localdate()))
    people = (
        StandingTotal.objects.filter(target_id=target_id, through=through)
        .values_list("people", flat=True)
        .first()
    )
    if people is None:
        people = _built(target_id, through)
    summed = {
        column: Counter({_DECODE[column](key): n for key, n in people.get(column, {}).items()})
        for column in COLUMNS
    }
    since = Standing.objects.filter(
        target_id=target_id, known_on__gt=through, known_on__lte=as_of
    ).values_list(*COLUMNS, "people")
    for *cell, n in since:
        for column, key in zip(COLUMNS, cell, strict=True):
            summed[column][key] += n
    return summed


def totals_drop(target_ids, *, known_on: date | None = None) -> None:
    """Drop the kept totals of `target_ids` that sum rows known on or after `known_on` (all
    of them without it): those rows changed. No query for a change known today."""
    totals = StandingTotal.objects.filter(target_id__in=list(target_ids))
    if known_on is not None:
        if known_on > month_end_before(timezone.localdate()):
            return  # no total reaches into the current month
        totals = totals.filter(through__gte=known_on)
    totals.delete()
