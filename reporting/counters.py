"""Counting trained people against the programme's targets.

The rules, each pinned by a test in tests/reporting/test_counters.py:

- people are counted, not rows: distinct pseudonymous person keys, so a person who completes
  twice, or completes on the platform and also appears in an imported file, counts once;
- a completion counts when its course code is one of the target's, it was completed within the
  target's period (and the report's own period, if one is asked), and the person matches the
  target's profession or function filter as recorded at completion;
- as of a reference date (peildatum) only what was known by the end of that day counts:
  completed and recorded by then, and not yet revoked then. A report for a past date is
  therefore the same whenever it is run (imports and revocations afterwards change nothing);
- an expired completion still counts (the person was trained); an erased account's
  completion keeps counting, through its person key.

Every figure of a target for its own period, as of any reference date, comes out of the
precomputed standings (reporting.standings: four grouped reads whose size follows days and
places), plus a few small reference reads, so the cost of a report grows with the number of
targets, never with the number of completions. Only a report for a narrower period (a start
or end date asked) counts from the completions themselves. Results are cached per target and
reference date under that target's standings version, which moves only when a completion
changes what the target counts (report_cache_keys); recomputing one is cheap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from math import ceil

from django.core.cache import cache
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Profession, Region
from courses.completion import COMPLETIONS_VERSION_KEY
from elearning.versions import versions_current
from reporting.counted import (  # noqa: F401 (imported from here by reporting and effect)
    FirstCompletion,
    Scope,
    counted_completions,
    day_start,
    first_completions,
    trained_before_period,
    trained_count,
)
from reporting.definitions import target_definitions
from reporting.holders import holders
from reporting.models import ExpectedHeadcount, PersonLink, Target
from reporting.standings import (
    REPORTS_VERSION_KEY,
    Marginals,
    standings_marginals,
    standings_settle,
    standings_version_key,
)

REGION_KIND = "riec"  # breakdowns and coverage per RIEC region
DAYS_PER_MONTH = 365.25 / 12
RECENT_DAYS = 90
CACHE_SECONDS = 300  # also bounds how long an edited profile or headcount takes to show


@dataclass
class Cell:
    label: str
    count: int
    expected: int | None = None
    expected_source: str = ""  # "vastgesteld", "geregistreerd" or "" (unknown)
    # Coverage: the trained among the group `expected` counts (never more than expected).
    covered: int | None = None

    @property
    def percentage(self) -> int | None:
        if not self.expected:
            return None
        counted = self.count if self.covered is None else self.covered
        return min(100, round(100 * counted / self.expected))


@dataclass
class Month:
    month: date
    new: int
    cumulative: int


@dataclass
class TargetReport:
    """Every figure the dashboard, the exports and the public counters show for one target."""

    target_id: int
    slug: str
    title: str
    mode: str
    deadline: date
    as_of: date
    count: int
    goal: int | None
    goal_source: str  # "doel", "vastgesteld", "geregistreerd", "gedeeltelijk" or ""
    months: list[Month] = field(default_factory=list)
    recent_count: int = 0
    reached_on: date | None = None
    by_region: list[Cell] = field(default_factory=list)
    by_organisation_kind: list[Cell] = field(default_factory=list)
    by_profession: list[Cell] = field(default_factory=list)
    by_municipality: dict = field(default_factory=dict)  # municipality id (None: unknown): people
    regions_covered: int | None = None
    regions_total: int | None = None
    # Coverage: trained within the group the goal counts, and trained outside it.
    covered: int | None = None
    outside_group: int | None = None
    definitions: list[str] = field(default_factory=list)
    computed_at: datetime | None = None

    @property
    def is_coverage(self) -> bool:
        return self.mode == Target.Mode.COVERAGE

    @property
    def counted_toward_goal(self) -> int:
        """What the goal is measured by: for coverage, the trained within its group."""
        return self.count if self.covered is None else self.covered

    @property
    def percentage(self) -> int | None:
        if not self.goal:
            return None
        percentage = round(100 * self.counted_toward_goal / self.goal)
        return min(100, percentage) if self.is_coverage else percentage

    @property
    def bar_percentage(self) -> int:
        return min(100, self.percentage or 0)

    @property
    def remaining(self) -> int | None:
        if self.goal is None:
            return None
        return max(0, self.goal - self.counted_toward_goal)

    @property
    def months_left(self) -> float:
        return max(0.0, (self.deadline - self.as_of).days / DAYS_PER_MONTH)

    @property
    def pace_needed(self) -> int | None:
        """People per month still needed to reach the goal by the deadline."""
        if self.remaining is None:
            return None
        if self.remaining == 0:
            return 0
        if self.months_left < 1:
            return self.remaining  # what is left has to happen in the last month
        return ceil(self.remaining / self.months_left)

    @property
    def pace_recent(self) -> int:
        """People per month newly trained over the last 90 days."""
        return round(self.recent_count / (RECENT_DAYS / DAYS_PER_MONTH))

    @property
    def on_track(self) -> bool | None:
        if self.pace_needed is None:
            return None
        return self.pace_recent >= self.pace_needed

    @property
    def projected_on(self) -> date | None:
        """When the goal is reached at the pace of the last 90 days (None: not at this pace)."""
        if self.remaining is None:
            return None
        if self.remaining == 0:
            return self.reached_on
        if self.recent_count == 0:
            return None
        per_day = self.recent_count / RECENT_DAYS
        return self.as_of + timedelta(days=ceil(self.remaining / per_day))


def report_cache_keys(targets, scope: Scope) -> dict[int, str]:
    """The cache key of each target's report for `scope`, by target id.

    A report for the target's own period reads the standings: it is kept under that target's
    standings version (a completion moves only the versions of the targets it counts for) and
    the reports version (a target or expected headcount edited). A narrower period counts from
    the completions, so it is kept under the completions version, which any completion moves.
    """
    return report_cache_keys_and_versions(targets, scope)[0]


def report_cache_keys_and_versions(
    targets, scope: Scope, also: Sequence[str] = ()
) -> tuple[dict[int, str], dict[str, int]]:
    """`report_cache_keys`, and the versions under `also` read in the same round trip (what
    else a caller keeps with the reports depends on, such as the published counters)."""
    if scope.start is not None or scope.end is not None:
        versions = versions_current([COMPLETIONS_VERSION_KEY, *also])
        version = versions[COMPLETIONS_VERSION_KEY]
        return {t.pk: f"report:v{version}:{t.pk}:{scope.key}" for t in targets}, versions
    # What completions noted as due are settled first, so their versions move before they
    # are read: a report never keeps a figure that misses a committed completion.
    standings_settle()
    keys = {t.pk: standings_version_key(t.pk) for t in targets}
    versions = versions_current([REPORTS_VERSION_KEY, *keys.values(), *also])
    base = versions[REPORTS_VERSION_KEY]
    return {
        pk: f"report:r{base}:s{versions[key]}:{pk}:{scope.key}" for pk, key in keys.items()
    }, versions


@dataclass
class Reference:
    """Names and region membership, read once per report run (not per target)."""

    region_of: dict[int, int]
    regions: dict[int, str]
    professions: dict[int, str]

    @classmethod
    def load(cls) -> Reference:
        regions = dict(
            Region.objects.filter(kind__slug=REGION_KIND).order_by("name").values_list("pk", "name")
        )
        region_of = dict(
            Region.municipalities.through.objects.filter(region_id__in=regions).values_list(
                "municipality_id", "region_id"
            )
        )
        professions = dict(Profession.objects.order_by("name").values_list("pk", "name"))
        return cls(region_of=region_of, regions=regions, professions=professions)


def _cells(counter: Counter, labels: dict) -> list[Cell]:
    """One cell per label, zero included, in the labels' own order (regions and professions
    by name, organisation kinds as listed), so a table keeps its rows while counts change;
    people whose place is not known come last as "Onbekend".

    Labels are rendered to text here (a choice's label is a lazy translation): a report is
    kept in the cache, and a lazy object costs a new proxy class each time it is unpickled.
    The site speaks Dutch only (LANGUAGE_CODE "nl"), as the other lines of a report do."""
    cells = [Cell(label=str(label), count=counter.get(key, 0)) for key, label in labels.items()]
    unknown = sum(n for k, n in counter.items() if k not in labels)
    if unknown:
        cells.append(Cell(label=_("Onbekend"), count=unknown))
    return cells


def counted_as(as_of: date):
    """The key a user's person key counts under on `as_of` (a linked address counts as the
    person it is linked to), as an expression on User rows (no query of its own)."""
    link = (
        PersonLink.objects.filter(alias_key=OuterRef("person_key"), linked_on__lte=as_of)
        .filter(Q(unlinked_on__isnull=True) | Q(unlinked_on__gt=as_of))
        .values("person_key")[:1]
    )
    return Coalesce(Subquery(link), F("person_key"))


def _expected_per_region(
    target: Target, reference: Reference, registered: dict[int, int]
) -> dict[int, tuple[int, str]]:
    """Expected holders of the target's function per region, and where the number comes from.

    Set for the region, else the sum of what is set for its municipalities, else the people
    registered with the function there; a region with none of these is unknown (absent).
    """
    set_for_region: dict[int, int] = {}
    set_for_municipalities: Counter = Counter()
    for municipality_id, region_id, headcount in ExpectedHeadcount.objects.filter(
        function_id=target.function_id
    ).values_list("municipality_id", "region_id", "headcount"):
        if region_id is not None:
            set_for_region[region_id] = headcount
        elif municipality_id in reference.region_of:
            set_for_municipalities[reference.region_of[municipality_id]] += headcount
    expected = {}
    for region_id in reference.regions:
        if region_id in set_for_region:
            expected[region_id] = (set_for_region[region_id], "vastgesteld")
        elif region_id in set_for_municipalities:
            expected[region_id] = (set_for_municipalities[region_id], "vastgesteld")
        elif registered.get(region_id):
            expected[region_id] = (registered[region_id], "geregistreerd")
    return expected


def _coverage(target: Target, scope: Scope, reference: Reference, report: TargetReport) -> None:
    """Numerator and denominator of one group, per region: where the expected number was set,
    the people trained there, up to that number; where it falls back to the registered
    holders, those of them who are trained. Each counted person is placed once (registration
    first); whoever is left is reported as trained outside the group. The holders come from
    reporting.holders: counted per municipality, read one by one only where trained or linked."""
    registered = holders(target, scope)
    expected = _expected_per_region(
        target, reference, registered.people_per_region(reference.region_of)
    )
    trained = registered.trained_per_region(reference.region_of)
    placed: set[str] = set()
    placed_from: Counter = Counter()  # where the placed people were trained, per region
    covered: dict[int, int] = {}
    for region_id, (_number, source) in expected.items():
        if source != "geregistreerd":
            continue
        found = 0
        for key, trained_at in trained.get(region_id, {}).items():
            if key in placed:
                continue
            placed.add(key)
            placed_from[reference.region_of.get(trained_at or None)] += 1
            found += 1
        covered[region_id] = found
    trained_in = dict.fromkeys(reference.regions, 0)
    for municipality_id, n in report.by_municipality.items():
        region_id = reference.region_of.get(municipality_id)
        if region_id is not None:
            trained_in[region_id] += n
    for region_id, (number, source) in expected.items():
        if source == "vastgesteld":
            left = trained_in[region_id] - placed_from[region_id]
            covered[region_id] = max(0, min(number, left))
    by_name = {name: pk for pk, name in reference.regions.items()}
    for cell in report.by_region:
        region_id = by_name.get(cell.label)
        if region_id in expected:
            cell.expected, cell.expected_source = expected[region_id]
            cell.covered = covered[region_id]
    report.regions_total = len(reference.regions)
    report.regions_covered = sum(1 for c in report.by_region if c.count and c.label in by_name)
    known = [n for n, _source in expected.values()]
    report.goal = sum(known) if known else None
    report.covered = sum(covered.values())
    report.outside_group = report.count - report.covered
    sources = {source for _n, source in expected.values()}
    if not known:
        report.goal_source = ""
    elif len(expected) < len(reference.regions):
        report.goal_source = "gedeeltelijk"
    else:
        report.goal_source = sources.pop() if len(sources) == 1 else "gedeeltelijk"


def _marginals_from_completions(target: Target, scope: Scope) -> Marginals:
    """The four breakdowns counted straight from the completions (one query over all of the
    target's completions): for a narrower period, and as the check on the standings."""
    firsts = first_completions(target, scope).values()
    return Marginals(
        per_day=Counter(timezone.localtime(row[0]).date() for row in firsts),
        per_municipality=Counter(row[1] for row in firsts),
        per_kind=Counter(row[2] or None for row in firsts),
        per_profession=Counter(row[3] for row in firsts),
    )


def target_marginals(target: Target, scope: Scope) -> Marginals:
    """The target's counted people in four breakdowns: from the precomputed standings for the
    target's own period (any reference date), from the completions for a narrower period (a
    person's first completion within that period is not kept in the standings)."""
    if scope.start is None and scope.end is None:
        return standings_marginals(target, scope.as_of)
    return _marginals_from_completions(target, scope)


def _compute(
    target: Target, scope: Scope, reference: Reference, marginals: Marginals | None = None
) -> TargetReport:
    marginals = marginals or target_marginals(target, scope)
    per_day = marginals.per_day

    goal, goal_source = target.target_number, "doel"
    report = TargetReport(
        target_id=target.pk,
        slug=target.slug,
        title=target.title,
        mode=str(target.mode),  # the value, not the Mode member: kept reports are plain data
        deadline=target.deadline,
        as_of=scope.as_of,
        count=sum(per_day.values()),
        goal=goal,
        goal_source=goal_source,
        computed_at=timezone.now(),
    )

    # Cumulative by month, from the target's (or the asked) first month to the reference date.
    first_day, last_day = scope.bounds(target)
    per_month: Counter = Counter()
    for day, n in per_day.items():
        per_month[day.replace(day=1)] += n
    month = first_day.replace(day=1)
    cumulative = 0
    while month <= last_day:
        cumulative += per_month.get(month, 0)
        report.months.append(Month(month=month, new=per_month.get(month, 0), cumulative=cumulative))
        month = (month + timedelta(days=32)).replace(day=1)
    recent_from = scope.as_of - timedelta(days=RECENT_DAYS - 1)
    report.recent_count = sum(n for day, n in per_day.items() if day >= recent_from)

    report.by_municipality = dict(marginals.per_municipality)
    regions: Counter = Counter()
    for municipality_id, n in marginals.per_municipality.items():
        regions[reference.region_of.get(municipality_id)] += n
    report.by_region = _cells(regions, reference.regions)
    kinds = dict(Organisation.Kind.choices)
    report.by_organisation_kind = _cells(marginals.per_kind, kinds)
    report.by_profession = _cells(marginals.per_profession, reference.professions)

    if target.is_coverage:
        _coverage(target, scope, reference, report)
    report.definitions = target_definitions(target)

    if report.goal and not report.is_coverage and report.count >= report.goal:
        # The day on which the goal-th person was counted (people in order of their day).
        cumulative = 0
        for day in sorted(per_day):
            cumulative += per_day[day]
            if cumulative >= report.goal:
                report.reached_on = day
                break
    return report


def target_reports(targets, scope: Scope | None = None) -> list[TargetReport]:
    """The report of each target for `scope` (default: today), from cache where current."""
    scope = scope or Scope.today()
    targets = list(targets)
    keys = report_cache_keys(targets, scope)
    return reports_kept(targets, scope, keys, cache.get_many(list(keys.values())))


def reports_kept(targets, scope: Scope, keys: dict[int, str], found: dict) -> list[TargetReport]:
    """The report of each target: what the cache gave (`found`, read by the caller under the
    target's key in `keys`, from report_cache_keys), else computed now and kept."""
    reference = None
    reports = []
    for target in targets:
        report = found.get(keys[target.pk])
        if report is None:
            reference = reference or Reference.load()
            report = _compute(target, scope, reference)
            cache.set(keys[target.pk], report, CACHE_SECONDS)
        reports.append(report)
    return reports


def target_report(target: Target, scope: Scope | None = None) -> TargetReport:
    return target_reports([target], scope)[0]
