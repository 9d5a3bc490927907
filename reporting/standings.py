"""Precomputed standings: each target's figures kept up to date as completions are written.

A report asks, for a target and a reference date D (peildatum): which people have a counted
completion as known at the end of D, and where and when was each one's first counted
completion. Counting that from the completions costs a scan of every completion of the
target. Instead, each person's contribution is worked out when their completions change:

- a completion counts for a target from the day it became known (the later of the day it was
  recorded and the day it was completed) until the day it was revoked (if ever), provided its
  course code, period, profession and function match the target;
- on each reference date the person is attributed to their earliest counting completion;
  between the days on which something became known or was revoked that attribution is fixed,
  so it is a short list of segments (StandingPerson);
- each segment adds +1 to its cell (completed on, municipality, organisation kind, profession)
  on its first day and -1 on the day it ends (Standing).

A report as of D sums the Standing rows known on or before D, grouped per day, municipality,
organisation kind or profession: a handful of grouped reads whose size follows the days and
places, not the completions. The writer's transaction notes whose completions changed
(through courses.completion.completions_written: one row in StandingDue), and every reader
settles what is due before it reads (standings_settle), as does a task every minute: a
learner's completion costs one INSERT, and no report reads a figure that misses a committed
completion. The command `standings_check` compares every target with an independent count
from the completions and repairs what differs (a change made behind the writer's back, such
as a raw UPDATE).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from courses.completion import completions_changed
from courses.models import Completion
from elearning.versions import version_bump
from reporting.links import Interval, Membership, granted_functions, membership
from reporting.models import PersonLink, Standing, StandingDue, StandingPerson, Target
from reporting.standing_totals import standings_summed, totals_drop

CHUNK = 2000

# Cached reports are kept under these (reporting.counters.report_cache_keys): a target's own
# version moves when its standings do, the reports version when what every report reads
# besides the standings changes (a target or an expected headcount).
REPORTS_VERSION_KEY = "rapportage:versie"


def standings_version_key(target_id: int) -> str:
    return f"rapportage:stand:{target_id}:versie"


def reports_changed() -> None:
    """Every cached report is stale once the transaction commits (and at once within it)."""
    completions_changed()  # the reports for a narrower period are kept under this one
    version_bump(REPORTS_VERSION_KEY)


# One completion as the standings need it.
_FIELDS = (
    "pk",
    "person_key",
    "course_code",
    "completed_at",
    "created_at",
    "revoked_at",
    "municipality_id",
    "organisation_kind",
    "profession_id",
)


@dataclass(frozen=True)
class _TargetRule:
    pk: int
    codes: frozenset
    profession_id: int | None
    function_id: int | None
    period_start: date
    deadline: date
    refreshers_count: bool = False


def _rules(targets: Iterable[Target] | None = None) -> list[_TargetRule]:
    if targets is None:
        targets = Target.objects.only(
            "pk",
            "course_codes",
            "profession_id",
            "function_id",
            "period_start",
            "deadline",
            "refreshers_count",
        )
    return [
        _TargetRule(
            pk=t.pk,
            codes=frozenset(t.course_codes or ()),
            profession_id=t.profession_id,
            function_id=t.function_id,
            period_start=t.period_start,
            deadline=t.deadline,
            refreshers_count=t.refreshers_count,
        )
        for t in targets
    ]


def _day(moment) -> date:
    return timezone.localtime(moment).date()


def _clip(known_from: date, known_until: date | None, span: Interval):
    """The part of [known_from, known_until) inside `span` (None: nothing)."""
    start, end = span
    if start is not None and start > known_from:
        known_from = start
    if end is not None and (known_until is None or end < known_until):
        known_until = end
    if known_until is not None and known_until <= known_from:
        return None
    return known_from, known_until


def _segments(
    rule: _TargetRule, members: list[tuple[tuple, list]], functions: dict[int, set], granted
) -> list[list]:
    """The periods (reference dates) in which each of a person's completions is their first
    counted one for `rule`, as [from, until or None, completed_on, municipality, kind,
    profession] with dates in ISO form (JSON).

    `members` are (completion row, spans of reference dates in which it is this person's):
    a linked address's completions are the person's only while the link holds. Under the
    target's default rule a completion of its courses from before its period (as long as it
    is known and not revoked) keeps the person out: a refresher is not new training.
    """
    spans, blocking = [], []
    for row, member_spans in members:
        pk, _key, code, completed_at, created_at, revoked_at, municipality, kind, profession = row
        if code not in rule.codes:
            continue
        completed_on = _day(completed_at)
        known_from = max(_day(created_at), completed_on)
        known_until = _day(revoked_at) if revoked_at is not None else None
        if completed_on < rule.period_start:
            if not rule.refreshers_count:
                for member_span in member_spans:
                    clipped = _clip(known_from, known_until, member_span)
                    if clipped is not None:
                        blocking.append(clipped)
            continue
        if completed_on > rule.deadline:
            continue
        if rule.profession_id and profession != rule.profession_id:
            continue
        if rule.function_id and not (
            rule.function_id in functions.get(pk, ()) or granted.get(code) == rule.function_id
        ):
            continue
        cell = (completed_on.isoformat(), municipality or 0, kind or "", profession or 0)
        for member_span in member_spans:
            clipped = _clip(known_from, known_until, member_span)
            if clipped is not None:
                spans.append((*clipped, (completed_at, pk), cell))
    if not spans:
        return []
    edges = sorted(
        {s[0] for s in spans}
        | {s[1] for s in spans if s[1] is not None}
        | {b[0] for b in blocking}
        | {b[1] for b in blocking if b[1] is not None}
    )
    segments: list[list] = []
    for i, edge in enumerate(edges):
        active = [s for s in spans if s[0] <= edge and (s[1] is None or s[1] > edge)]
        if any(b[0] <= edge and (b[1] is None or b[1] > edge) for b in blocking):
            active = []
        cell = min(active, key=lambda s: s[2])[3] if active else None
        end = edges[i + 1] if i + 1 < len(edges) else None
        continues = segments and segments[-1][1] == edge.isoformat()
        if continues and cell is not None and segments[-1][2:] == list(cell):
            segments[-1][1] = end.isoformat() if end else None  # same cell continues
        elif cell is not None:
            segments.append([edge.isoformat(), end.isoformat() if end else None, *cell])
    return segments


def _deltas(segments: list[list], sign: int, into: Counter) -> None:
    for known_from, known_until, *cell in segments:
        into[(known_from, *cell)] += sign
        if known_until is not None:
            into[(known_until, *cell)] -= sign


def _apply(target_id: int, deltas: Counter) -> None:
    """Add the deltas to the target's Standing rows (insert or add in one statement each)."""
    rows = [
        (target_id, date.fromisoformat(known), date.fromisoformat(done), *cell, n)
        for (known, done, *cell), n in deltas.items()
        if n
    ]
    if not rows:
        return
    table = connection.ops.quote_name(Standing._meta.db_table)
    sql = (
        f"INSERT INTO {table} (target_id, known_on, completed_on, municipality_id, "
        "organisation_kind, profession_id, people) VALUES (%s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (target_id, known_on, completed_on, municipality_id, organisation_kind, "
        f"profession_id) DO UPDATE SET people = {table}.people + excluded.people"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    totals_drop([target_id], known_on=min(row[1] for row in rows))
    if any(row[-1] < 0 for row in rows):
        # A contribution moved or ended: cells it left at zero are dropped, so the rows a
        # report reads stay those with people in them.
        Standing.objects.filter(target_id=target_id, people=0).delete()


LOCK_BUCKETS = 256


def _lock(person_keys: list[str]) -> None:
    """Serialise refreshes of the same people (PostgreSQL; SQLite serialises all writes).

    A lock per bucket of people, not per person: an import of 20,000 lines holds at most
    LOCK_BUCKETS locks (PostgreSQL's lock table is small), and two refreshes of different
    people in one bucket only wait for each other briefly.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(7319, b) FROM (SELECT DISTINCT "
                f"mod(abs(hashtext(k)), {LOCK_BUCKETS}) AS b "
                "FROM unnest(%s::text[]) AS k) AS buckets ORDER BY b",
                [person_keys],
            )


def _functions_of(completion_ids: list[int]) -> dict[int, set]:
    functions: dict[int, set] = defaultdict(set)
    through = Completion.functions.through
    for completion_id, function_id in through.objects.filter(
        completion_id__in=completion_ids
    ).values_list("completion_id", "function_id"):
        functions[completion_id].add(function_id)
    return functions


def _contributions(rules, keys: list[str], old: dict, members: Membership | None = None) -> int:
    """Work out and write the contributions of the people `keys` (with their linked
    addresses' completions where a link holds)."""
    codes = set().union(*(r.codes for r in rules))
    with_functions = any(r.function_id for r in rules)
    members = members or membership(keys)
    rows = list(
        Completion.objects.filter(
            person_key__in=sorted(members.row_keys), course_code__in=codes
        ).values_list(*_FIELDS)
    )
    functions = _functions_of([r[0] for r in rows]) if with_functions and rows else {}
    granted = granted_functions() if with_functions else {}
    by_key: dict[str, list] = defaultdict(list)
    for row in rows:
        by_key[row[1]].append(row)
    per_person = {
        key: [(row, spans) for member, spans in members.of(key) for row in by_key.get(member, ())]
        for key in keys
    }
    return _write(rules, keys, per_person, functions, granted, old)


def standings_refresh(*, person_keys: Iterable[str], targets=None) -> int:
    """Bring these people's contributions to the standings in line with their completions
    (and those of the people they are linked to, or were: links move both sides).

    Idempotent: a second run finds nothing to change. Runs in the caller's transaction (or its
    own). Returns how many (target, person) contributions changed.
    """
    rules = _rules(targets)
    keys = sorted(set(person_keys))
    if not keys or not rules:
        return 0
    changed = 0
    # No savepoint of its own inside a caller's transaction: a failure here must undo the
    # completion that caused it anyway, and a savepoint is two more round trips on the
    # request that recorded it.
    with transaction.atomic(savepoint=False):
        members = membership(keys)
        keys = sorted(members.people)
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            _lock(chunk)
            old = {
                (target_id, key): segments
                for target_id, key, segments in StandingPerson.objects.filter(
                    target_id__in=[r.pk for r in rules], person_key__in=chunk
                ).values_list("target_id", "person_key", "segments")
            }
            # One chunk (the usual case: a few people) reuses the links already read.
            changed += _contributions(rules, chunk, old, members if len(keys) <= CHUNK else None)
    return changed


def standings_due(*, person_keys: Iterable[str]) -> None:
    """Note that these people's standings are to be refreshed (one INSERT, in the caller's
    transaction: a completion that is rolled back leaves nothing due)."""
    StandingDue.objects.bulk_create(
        [StandingDue(person_key=key) for key in sorted(set(person_keys))], batch_size=1000
    )


def standings_settle() -> int:
    """Refresh the standings of everyone noted as due, and clear what was settled.

    One query when nothing is due, which is what a reader of the standings usually finds.
    The due rows are taken and deleted in one statement, in the transaction of the refresh:
    should the refresh fail, they stay due. Two settles at once take different rows (SKIP
    LOCKED on PostgreSQL; SQLite serialises writes), and a person refreshed twice changes
    nothing the second time. Returns how many (target, person) contributions changed.
    """
    if not StandingDue.objects.exists():
        return 0
    table = connection.ops.quote_name(StandingDue._meta.db_table)
    taken = f"DELETE FROM {table}"
    if connection.vendor == "postgresql":
        # The ids as one array, then deleted by primary key: as `id IN (subquery)` the
        # planner joined the table with itself row by row (37 s for an import's 20,000).
        taken += f" WHERE id = ANY(ARRAY(SELECT id FROM {table} FOR UPDATE SKIP LOCKED))"
    # No savepoint of its own inside a caller's transaction (an import's): a failure there
    # undoes the caller's writes as well, and those are what made these people due.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(f"{taken} RETURNING person_key")
        keys = {key for (key,) in cursor.fetchall()}
        return standings_refresh(person_keys=keys) if keys else 0


def _write(rules, keys, per_person, functions, granted, old) -> int:
    changed = 0
    upserts, removed = [], defaultdict(list)
    for rule in rules:
        deltas: Counter = Counter()
        changed_before = changed
        for key in keys:
            new = _segments(rule, per_person.get(key, []), functions, granted)
            before = old.get((rule.pk, key), [])
            if new == before:
                continue
            changed += 1
            _deltas(before, -1, deltas)
            _deltas(new, +1, deltas)
            if new:
                upserts.append(StandingPerson(target_id=rule.pk, person_key=key, segments=new))
            else:
                removed[rule.pk].append(key)
        _apply(rule.pk, deltas)
        if changed > changed_before:  # the people it counts (StandingPerson) moved too
            version_bump(standings_version_key(rule.pk))
    for target_id, gone in removed.items():
        StandingPerson.objects.filter(target_id=target_id, person_key__in=gone).delete()
    if upserts:
        StandingPerson.objects.bulk_create(
            upserts,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["target", "person_key"],
            update_fields=["segments"],
        )
    return changed


@transaction.atomic
def standings_rebuild(*, targets=None) -> int:
    """Recompute the standings of `targets` (default: all) from the completions. Idempotent.

    Used when a target is created or edited, after a bulk load that bypassed the writer, and
    by the repair. Reads the completions once, person by person. Returns the people counted.
    """
    rules = _rules(targets)
    if not rules:
        return 0
    ids = [r.pk for r in rules]
    # Reports building a month's total wait for this rebuild (standing_totals._built).
    list(Target.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
    totals_drop(ids)
    Standing.objects.filter(target_id__in=ids).delete()
    StandingPerson.objects.filter(target_id__in=ids).delete()
    codes = set().union(*(r.codes for r in rules))
    keys = set(
        Completion.objects.filter(course_code__in=codes)
        .values_list("person_key", flat=True)
        .distinct()
    )
    keys |= set(PersonLink.objects.values_list("person_key", flat=True))
    keys = sorted(keys)
    for start in range(0, len(keys), CHUNK):
        _contributions(rules, keys[start : start + CHUNK], {})
    Standing.objects.filter(target_id__in=ids, people=0).delete()
    for target_id in ids:
        version_bump(standings_version_key(target_id))
    return StandingPerson.objects.filter(target_id__in=ids).count()


@dataclass
class Marginals:
    """A target's counted people as of a date, each counted once, in four breakdowns."""

    per_day: Counter
    per_municipality: Counter  # None: not known
    per_kind: Counter  # None: not known
    per_profession: Counter  # None: not known


def standings_marginals(target: Target, as_of: date) -> Marginals:
    """The target's people as known at the end of `as_of`: the kept total through an ended
    month, and the rows known since (reporting.standing_totals)."""
    summed = standings_summed(target.pk, as_of)
    return Marginals(
        per_day=Counter({day: n for day, n in summed["completed_on"].items() if n}),
        per_municipality=_known(summed["municipality_id"]),
        per_kind=_known(summed["organisation_kind"]),
        per_profession=_known(summed["profession_id"]),
    )


def _known(counts: Counter) -> Counter:
    """Cells with people, "none" (0 or "") as None."""
    return Counter({key or None: n for key, n in counts.items() if n})


def standings_first_completed(target: Target, as_of: date, person_keys) -> dict[str, date]:
    """Per person (of `person_keys`, a list or a subquery) the day of their first counted
    completion as of `as_of`, for those counted then (one query, rows per person asked)."""
    day = as_of.isoformat()
    firsts = {}
    for key, segments in StandingPerson.objects.filter(
        target=target, person_key__in=person_keys
    ).values_list("person_key", "segments"):
        for known_from, known_until, completed_on, *_cell in segments:
            if known_from <= day and (known_until is None or day < known_until):
                firsts[key] = date.fromisoformat(completed_on)
                break
    return firsts


def standings_people(target: Target, as_of: date) -> dict[str, int | None]:
    """Every person counted for the target as of `as_of`, with the municipality of their
    first counted completion (one query, a row per person the target ever counted)."""
    day = as_of.isoformat()
    people = {}
    for key, segments in StandingPerson.objects.filter(target=target).values_list(
        "person_key", "segments"
    ):
        for known_from, known_until, _completed_on, municipality, *_cell in segments:
            if known_from <= day and (known_until is None or day < known_until):
                people[key] = municipality or None
                break
    return people
