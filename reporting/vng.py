"""Coverage of a function per region and municipality: who holds it and where they stand.

The VNG follows the ketenregisseurs' basistraining region by region and the
aandachtsfunctionarissen municipality by municipality. A holder is a registered, active person
with the function in their profile; their status comes from the target's counted completions
(as of the reference date) and, short of that, from an enrolment or session registration in
one of the target's courses. Trained counts per region are the target's own (people, through
the person key), so they include imported and erased people who are no longer registered.

A fixed handful of queries, however many regions, municipalities or holders.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.models import Municipality, User
from courses.learner_status import LearnerStatus
from courses.models import Enrolment, SessionRegistration
from reporting.counters import (
    Reference,
    Scope,
    TargetReport,
    counted_as,
    day_start,
    first_completions,
    target_report,
)
from reporting.holders import holders
from reporting.models import ExpectedHeadcount, Target
from reporting.standings import standings_first_completed

KETENREGISSEUR, AANDACHTSFUNCTIONARIS = "ketenregisseur", "aandachtsfunctionaris"
# The functions the VNG follows, and whether per municipality (else per region).
PER_MUNICIPALITY = {KETENREGISSEUR: False, AANDACHTSFUNCTIONARIS: True}

DONE, BUSY, NOT_STARTED = (
    LearnerStatus.COMPLETED,
    LearnerStatus.IN_PROGRESS,
    LearnerStatus.NOT_STARTED,
)
STATUS_LABELS = LearnerStatus.LABELS


@dataclass
class Holder:
    name: str
    email: str
    organisation: str
    municipality: str
    status: str
    completed_on: date | None = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class Place:
    """A region or a municipality with its holders of the function."""

    name: str
    pk: int | None = None
    trained: int = 0
    # Trained among the group `expected` counts (coverage that adds up); None: not known.
    covered: int | None = None
    expected: int | None = None
    expected_source: str = ""  # "vastgesteld", "geregistreerd" or "" (unknown)
    # Holders per status, always; the holders themselves only where they are listed.
    counts: Counter = field(default_factory=Counter)
    holders: list[Holder] = field(default_factory=list)
    municipalities: list[Place] = field(default_factory=list)

    @property
    def percentage(self) -> int | None:
        if not self.expected:
            return None
        counted = self.trained if self.covered is None else self.covered
        return min(100, round(100 * counted / self.expected))

    @property
    def holder_count(self) -> int:
        return sum(self.counts.values())

    @property
    def in_progress_count(self) -> int:
        return self.counts.get(BUSY, 0)

    @property
    def not_started_count(self) -> int:
        return self.counts.get(NOT_STARTED, 0)


@dataclass
class Coverage:
    target: Target
    report: TargetReport
    regions: list[Place]

    @property
    def regions_uncovered(self) -> list[Place]:
        return [region for region in self.regions if not region.trained]

    def region(self, pk: int) -> Place | None:
        return next((region for region in self.regions if region.pk == pk), None)


def _started(target: Target, scope: Scope) -> set[int]:
    """Ids of the people enrolled in, or registered for a session of, the target's courses."""
    known_by = day_start(scope.as_of + timedelta(days=1))
    enrolled = Enrolment.objects.filter(
        course__code__in=target.course_codes,
        status=Enrolment.Status.ACTIVE,
        enrolled_at__lt=known_by,
    ).values_list("user_id", flat=True)
    registered = SessionRegistration.objects.filter(
        session__course__code__in=target.course_codes, registered_at__lt=known_by
    ).filter(Q(cancelled_at__isnull=True) | Q(cancelled_at__gte=known_by))
    return set(enrolled) | set(registered.values_list("user_id", flat=True))


def _first_completed(target: Target, scope: Scope, person_keys) -> dict[str, date]:
    """The day each of these people was first counted for the target (absent: not counted);
    from the standings (rows per holder asked), or for a narrower period from the
    completions."""
    if scope.start is None and scope.end is None:
        return standings_first_completed(target, scope.as_of, person_keys)
    return {
        key: timezone.localtime(first.completed_at).date()
        for key, first in first_completions(target, scope).items()
    }


def _municipality_headcounts(target: Target) -> dict[int, int]:
    return dict(
        ExpectedHeadcount.objects.filter(
            function_id=target.function_id, municipality__isnull=False
        ).values_list("municipality_id", "headcount")
    )


def _count(regions, municipalities, region_id: int, municipality_id, status: str, n: int = 1):
    """Count `n` holders of `status` in their region and municipality; where a municipality's
    expected number falls back to its registered holders, they are that number."""
    regions[region_id].counts[status] += n
    place = municipalities.get(municipality_id)
    if place is None:
        return place
    place.counts[status] += n
    if not place.expected_source:
        place.expected_source = "geregistreerd"
        place.expected = 0
    if place.expected_source == "geregistreerd":
        place.expected += n
    return place


def _tallied(target, scope, reference, regions, municipalities) -> None:
    """Holders counted per status without listing them: counted per municipality by the
    database, then each trained holder moved from where they started to done."""
    registered = holders(target, scope)
    for (municipality_id, started), n in registered.per_municipality.items():
        region_id = reference.region_of.get(municipality_id)
        if region_id is not None:
            status = BUSY if started else NOT_STARTED
            _count(regions, municipalities, region_id, municipality_id, status, n)
    for row in registered.rows:
        region_id = reference.region_of.get(row.municipality_id)
        if region_id is None or row.trained_at is None:
            continue
        for place in (regions[region_id], municipalities.get(row.municipality_id)):
            if place is not None:
                place.counts[BUSY if row.started else NOT_STARTED] -= 1
                place.counts[DONE] += 1


def _listed(target, scope, reference, regions, municipalities, region_id) -> None:
    """Every holder (of one region, with `region_id`) with their name and status."""
    started = _started(target, scope)
    # Plain rows, not User instances: building a model object (password hash and all) per
    # holder was most of the report's time. No DISTINCT: a user has one profile, and a
    # profile holds a function once.
    listed = User.objects.filter(is_active=True, profile__functions=target.function_id)
    if region_id is not None:
        listed = listed.filter(
            profile__municipality_id__in=[
                m for m, region in reference.region_of.items() if region == region_id
            ]
        )
    # A holder whose address is linked counts as the person it is linked to.
    listed = listed.annotate(counted_as=counted_as(scope.as_of))
    completed_on_of = _first_completed(target, scope, listed.values("counted_as"))
    rows = listed.order_by("last_name", "first_name", "email").values_list(
        "pk",
        "counted_as",
        "profile__municipality_id",
        "first_name",
        "last_name",
        "email",
        "profile__organisation__name",
        "profile__municipality__name",
    )
    for pk, person_key, municipality_id, first_name, last_name, email, *where in rows:
        holder_region = reference.region_of.get(municipality_id)
        if holder_region is None:
            continue
        completed_on = completed_on_of.get(person_key)
        if completed_on is not None:
            status = DONE
        elif pk in started:
            status = BUSY
        else:
            status = NOT_STARTED
        organisation, place_name = where
        holder = Holder(
            name=f"{first_name} {last_name}".strip() or email,
            email=email,
            organisation=organisation or "",
            municipality=place_name,
            status=status,
            completed_on=completed_on,
        )
        regions[holder_region].holders.append(holder)
        place = _count(regions, municipalities, holder_region, municipality_id, status)
        if place is not None:
            place.holders.append(holder)


def coverage(
    target: Target,
    scope: Scope | None = None,
    *,
    per_municipality=False,
    listed: bool = True,
    region_id: int | None = None,
) -> Coverage:
    """Every RIEC region (uncovered first) with the target function's holders and status.

    With per_municipality, each region also lists all of its municipalities, those without a
    trained holder first. Every place counts its holders per status; the holders themselves
    (names, organisation) are listed only with `listed`, and with `region_id` only in that
    region: the overview of all regions stays small however many holders there are.
    """
    scope = scope or Scope.today()
    report = target_report(target, scope)
    reference = Reference.load()

    regions: dict[int, Place] = {
        pk: Place(name=name, pk=pk) for pk, name in reference.regions.items()
    }
    by_label = {cell.label: cell for cell in report.by_region}
    for place in regions.values():
        cell = by_label.get(place.name)
        if cell is not None:
            place.trained = cell.count
            place.covered = cell.covered
            place.expected, place.expected_source = cell.expected, cell.expected_source

    municipalities: dict[int, Place] = {}
    if per_municipality:
        trained_per_municipality = report.by_municipality
        municipality_headcounts = _municipality_headcounts(target)
        for pk, name in Municipality.objects.filter(pk__in=reference.region_of).values_list(
            "pk", "name"
        ):
            place = Place(name=name, pk=pk, trained=trained_per_municipality.get(pk, 0))
            if pk in municipality_headcounts:
                place.expected, place.expected_source = municipality_headcounts[pk], "vastgesteld"
            municipalities[pk] = place
            regions[reference.region_of[pk]].municipalities.append(place)

    if listed:
        _listed(target, scope, reference, regions, municipalities, region_id)
    else:
        _tallied(target, scope, reference, regions, municipalities)

    ordered = sorted(regions.values(), key=lambda r: (r.trained > 0, r.percentage or 0, r.name))
    for region in ordered:
        region.municipalities.sort(key=lambda m: (m.trained > 0, not m.holder_count, m.name))
    return Coverage(target=target, report=report, regions=ordered)


def coverage_target(function_slug: str) -> Target | None:
    """The coverage target of a function (the latest deadline if there are several)."""
    return (
        Target.objects.filter(mode=Target.Mode.COVERAGE, function__slug=function_slug)
        .select_related("function")
        .order_by("-deadline")
        .first()
    )
