"""Which completions count for a target, and whom they count, as of a reference date.

The rules are those of reporting.counters (period, profession or function, what was known and
not revoked by the end of the reference date, linked addresses as one person, the refresher
rule); these reads count from the completions themselves, for a report of a narrower period
and for the checks that compare the precomputed standings with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils import timezone

from courses.models import Completion, CoursePage
from reporting.links import links_on
from reporting.models import Target


def day_start(day: date) -> datetime:
    """The first moment of a day in the programme's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Scope:
    """What a report is asked for: a reference date and optionally a narrower period."""

    as_of: date
    start: date | None = None
    end: date | None = None

    @classmethod
    def today(cls) -> Scope:
        return cls(as_of=timezone.localdate())

    @property
    def key(self) -> str:
        return f"{self.as_of}:{self.start or ''}:{self.end or ''}"

    def bounds(self, target: Target) -> tuple[date, date]:
        """First and last day whose completions count for `target` in this scope."""
        first = max(d for d in (target.period_start, self.start) if d is not None)
        last = min(d for d in (target.deadline, self.end, self.as_of) if d is not None)
        return first, last


def counted_completions(target: Target, scope: Scope) -> QuerySet[Completion]:
    """The completions that count for `target` as known at the end of `scope.as_of`.

    Rows, not people: a person may appear more than once, under more than one key (a linked
    address), and the target's refresher rule is not applied; first_completions does both.
    """
    first, last = scope.bounds(target)
    known_by = day_start(scope.as_of + timedelta(days=1))
    completions = Completion.objects.filter(
        course_code__in=target.course_codes,
        completed_at__gte=day_start(first),
        completed_at__lt=day_start(last + timedelta(days=1)),
        created_at__lt=known_by,
    ).filter(Q(revoked_at__isnull=True) | Q(revoked_at__gte=known_by))
    if target.profession_id:
        completions = completions.filter(profession_id=target.profession_id)
    if target.function_id:
        # A course that grants the function counts its own completers (their snapshot of
        # functions was taken before the course added it to their profile).
        granting = CoursePage.objects.filter(grants_function_id=target.function_id).values("code")
        completions = completions.filter(
            Q(functions=target.function_id) | Q(course_code__in=granting)
        )
    return completions


def trained_before_period(target: Target, scope: Scope) -> QuerySet[Completion]:
    """Completions of the target's courses from before its period, known and not revoked at
    the end of `scope.as_of`: under the default rule their people are not newly trained."""
    known_by = day_start(scope.as_of + timedelta(days=1))
    return Completion.objects.filter(
        course_code__in=target.course_codes,
        completed_at__lt=day_start(target.period_start),
        created_at__lt=known_by,
    ).filter(Q(revoked_at__isnull=True) | Q(revoked_at__gte=known_by))


class FirstCompletion(NamedTuple):
    completed_at: datetime
    municipality_id: int | None
    organisation_kind: str
    profession_id: int | None


def first_completions(target: Target, scope: Scope) -> dict[str, FirstCompletion]:
    """Each counted person once, under the key they count as on `scope.as_of` (linked
    addresses are one person): their first counted completion says when and where they were
    trained. Under the target's default rule, people trained before its period are left out.
    Three queries."""
    linked = links_on(scope.as_of)
    first: dict[str, tuple] = {}
    rows = counted_completions(target, scope).values_list(
        "person_key",
        "completed_at",
        "pk",
        "municipality_id",
        "organisation_kind",
        "profession_id",
    )
    for person_key, completed_at, pk, *cell in rows.iterator(chunk_size=5000):
        person = linked.get(person_key, person_key)
        seen = first.get(person)
        if seen is None or (completed_at, pk) < seen[0]:
            first[person] = ((completed_at, pk), FirstCompletion(completed_at, *cell))
    if not target.refreshers_count and first:
        for person_key in trained_before_period(target, scope).values_list("person_key", flat=True):
            first.pop(linked.get(person_key, person_key), None)
    return {person: found for person, (_order, found) in first.items()}


def trained_count(target: Target, scope: Scope) -> int:
    """Distinct people trained for `target` (three queries)."""
    return len(first_completions(target, scope))
