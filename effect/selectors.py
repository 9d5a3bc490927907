"""The evaluation report: what the effect measurement shows per course, objective and group.

Read with a fixed number of queries (completions, responses, invitations, the measurements
and names), whatever the number of learners, and computed here in Python so the page and
the exports share one source. Counts are of distinct people: per person the latest round
completed in scope counts. The peildatum rules are the counters': a completion counts when
completed within the period up to the peildatum, known (recorded) by the end of that day and
not revoked then; an answer counts when given by the end of that day.

Figures under the small-cell threshold are hidden, and a breakdown whose hidden cells could
be derived from the course total is withheld as a whole (reporting.disclosure), as for the
public figures. Free text is never read here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation
from courses.models import Completion
from effect.models import EffectAims, EffectMeasurement, FollowUpInvitation, Response
from reporting.counters import Cell, Reference, Scope, day_start
from reporting.disclosure import breakdown_publish

ACTIONS = (
    ("gesignaleerd", gettext_lazy("Mogelijk slachtoffer gesignaleerd")),
    ("besproken", gettext_lazy("Besproken")),
    ("gemeld", gettext_lazy("Gemeld")),
    ("doorverwezen", gettext_lazy("Doorverwezen")),
)


def _threshold() -> int:
    return settings.PUBLIC_SMALL_CELL_THRESHOLD


def _mean(values):
    values = list(values)
    return sum(values) / len(values) if values else None


def normalised_gain(voor: float | None, na: float | None, maximum: float = 100.0):
    """g = (na − voor) / (max − voor), of the group's mean scores; None when undefined."""
    if voor is None or na is None or voor >= maximum:
        return None
    return (na - voor) / (maximum - voor)


def _shown(count: int) -> int | None:
    return None if 0 < count < _threshold() else count


def _share(part: int, whole: int) -> float | None:
    return None if whole < _threshold() or _shown(part) is None else 100.0 * part / whole


@dataclass
class Person:
    key: str
    round: int
    groups: dict  # dimension -> group label
    voor: dict | None = None
    na: dict | None = None
    vervolg: dict | None = None
    invited: bool = False

    @property
    def paired(self) -> bool:
        return self.voor is not None and self.na is not None


@dataclass
class ObjectiveRow:
    title: str
    pairs: int
    voor: float | None
    na: float | None
    gain: float | None


@dataclass
class GroupRow:
    label: str
    completers: int | None
    pairs: int | None
    pair_share: float | None
    gain: float | None
    invited: int | None
    responded: int | None
    response_share: float | None
    signalled_share: float | None


@dataclass
class CourseReport:
    code: str
    title: str
    completers: int
    pairs: int
    invited: int
    responded: int
    objectives: list[ObjectiveRow] = field(default_factory=list)
    confidence: list[tuple] = field(default_factory=list)  # (statement, voor, na, vervolg)
    behaviour: list[tuple] = field(default_factory=list)  # (label, count or None, share)
    mean_signalled: float | None = None
    breakdowns: dict = field(default_factory=dict)  # dimension -> [GroupRow] or None
    pair_aim: int = 80
    response_aim: int = 35

    @property
    def completers_shown(self):
        return _shown(self.completers)

    @property
    def pairs_shown(self):
        return _shown(self.pairs)

    @property
    def pair_share(self):
        return _share(self.pairs, self.completers)

    @property
    def response_share(self):
        return _share(self.responded, self.invited)

    @property
    def pair_aim_met(self):
        share = self.pair_share
        return None if share is None else share >= self.pair_aim

    @property
    def response_aim_met(self):
        share = self.response_share
        return None if share is None else share >= self.response_aim


def _people(codes: list[str], scope: Scope, reference: Reference) -> dict[str, dict]:
    """Per course code, person key -> Person, for the latest round each completed in scope."""
    known_by = day_start(scope.as_of + timedelta(days=1))
    last = min(d for d in (scope.end, scope.as_of) if d is not None)
    completions = Completion.objects.filter(
        course_code__in=codes,
        completed_at__lt=day_start(last + timedelta(days=1)),
        created_at__lt=known_by,
    ).filter(Q(revoked_at__isnull=True) | Q(revoked_at__gte=known_by))
    if scope.start:
        completions = completions.filter(completed_at__gte=day_start(scope.start))
    kinds = dict(Organisation.Kind.choices)
    unknown = _("Onbekend")
    people: dict[str, dict] = defaultdict(dict)
    for code, key, round_, municipality_id, kind, profession_id in completions.order_by(
        "round"
    ).values_list(
        "course_code", "person_key", "round", "municipality_id", "organisation_kind",
        "profession_id",
    ):  # fmt: skip
        region = reference.regions.get(reference.region_of.get(municipality_id))
        people[code][key] = Person(
            key=key,
            round=round_,
            groups={
                "regio": region or unknown,
                "organisatie": str(kinds.get(kind, unknown)),
                "beroep": reference.professions.get(profession_id, unknown),
            },
        )
    responses = Response.objects.filter(
        course_code__in=codes, submitted_at__lt=known_by, skipped=False
    ).values_list("course_code", "person_key", "round", "moment", "scores", "confidence",
                  "behaviour")  # fmt: skip
    for code, key, round_, moment, scores, confidence, behaviour in responses:
        person = people.get(code, {}).get(key)
        if person is not None and person.round == round_:
            setattr(person, moment, {"scores": scores, "confidence": confidence, **behaviour})
    invited = FollowUpInvitation.objects.filter(
        course_code__in=codes, sent_at__lt=known_by
    ).values_list("course_code", "person_key", "round")
    for code, key, round_ in invited:
        person = people.get(code, {}).get(key)
        if person is not None and person.round == round_:
            person.invited = True
    return people


def _objective_score(response: dict, objective_id: int) -> float | None:
    correct_asked = response["scores"].get(str(objective_id))
    if not correct_asked or not correct_asked[1]:
        return None
    return 100.0 * correct_asked[0] / correct_asked[1]


def _objective_rows(measurement, people: list[Person], *, hide: bool) -> list[ObjectiveRow]:
    rows = []
    for objective in measurement.objectives.all():
        pairs = [
            (_objective_score(p.voor, objective.pk), _objective_score(p.na, objective.pk))
            for p in people
            if p.paired
        ]
        pairs = [(v, n) for v, n in pairs if v is not None and n is not None]
        voor = _mean(v for v, _n in pairs)
        na = _mean(n for _v, n in pairs)
        small = hide or len(pairs) < _threshold()
        rows.append(
            ObjectiveRow(
                title=objective.title,
                pairs=len(pairs),
                voor=None if small else voor,
                na=None if small else na,
                gain=None if small else normalised_gain(voor, na),
            )
        )
    return rows


def _person_gain(person: Person) -> tuple[float, float] | None:
    """Mean voor and na score over the objectives the person answered in both."""
    voor, na = [], []
    for objective_id in person.voor["scores"]:
        v = _objective_score(person.voor, objective_id)
        n = _objective_score(person.na, objective_id)
        if v is not None and n is not None:
            voor.append(v)
            na.append(n)
    return (_mean(voor), _mean(na)) if voor else None


def _confidence_mean(people: list[Person], moment: str, statement_id: int):
    values = [
        getattr(p, moment)["confidence"].get(str(statement_id))
        for p in people
        if getattr(p, moment) is not None
    ]
    values = [v for v in values if v is not None]
    return _mean(values) if len(values) >= _threshold() else None


def _group_rows(dimension: str, people: list[Person]) -> list[GroupRow] | None:
    groups: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        groups[person.groups[dimension]].append(person)
    labels = sorted(groups)
    completers = breakdown_publish([Cell(label=g, count=len(groups[g])) for g in labels])
    if completers is None:
        return None
    pairs_cells = [Cell(label=g, count=sum(p.paired for p in groups[g])) for g in labels]
    pairs = breakdown_publish(pairs_cells)
    responded_cells = [
        Cell(label=g, count=sum(p.vervolg is not None for p in groups[g])) for g in labels
    ]
    responded = breakdown_publish(responded_cells)
    rows = []
    for n, label in enumerate(labels):
        members = groups[label]
        hidden = completers[n]["count"] is None
        pair_count = None if hidden or pairs is None else pairs[n]["count"]
        gains = [_person_gain(p) for p in members if p.paired]
        gains = [g for g in gains if g is not None]
        invited = sum(p.invited for p in members)
        respondents = [p for p in members if p.vervolg is not None]
        response_count = None if hidden or responded is None else responded[n]["count"]
        yes = sum(bool(p.vervolg.get("gesignaleerd")) for p in respondents)
        signalled = breakdown_publish(
            [Cell(label="ja", count=yes), Cell(label="nee", count=len(respondents) - yes)]
        )
        rows.append(
            GroupRow(
                label=label,
                completers=completers[n]["count"],
                pairs=pair_count,
                pair_share=(None if pair_count is None else _share(pair_count, len(members))),
                gain=(
                    normalised_gain(_mean(v for v, _n in gains), _mean(n for _v, n in gains))
                    if pair_count is not None and len(gains) >= _threshold()
                    else None
                ),
                invited=None if hidden else _shown(invited),
                responded=response_count,
                response_share=(
                    None if response_count is None else _share(response_count, invited)
                ),
                signalled_share=(
                    100.0 * signalled[0]["count"] / len(respondents)
                    if signalled is not None
                    and signalled[0]["count"] is not None
                    and len(respondents) >= _threshold()
                    and response_count is not None
                    else None
                ),
            )
        )
    return rows


DIMENSIONS = (
    ("regio", gettext_lazy("Regio")),
    ("organisatie", gettext_lazy("Soort organisatie")),
    ("beroep", gettext_lazy("Beroep")),
)


def effect_report(scope: Scope, *, course_code: str | None = None) -> list[CourseReport]:
    """One CourseReport per measured course (or the one asked for). Fixed number of queries."""
    measurements = EffectMeasurement.objects.select_related("course").prefetch_related(
        "objectives", "confidence_statements"
    )
    if course_code:
        measurements = measurements.filter(course__code=course_code)
    measurements = sorted(measurements, key=lambda m: m.course.title)
    codes = [m.course.code for m in measurements]
    aims = EffectAims.load()
    people = _people(codes, scope, Reference.load()) if codes else {}
    reports = []
    for measurement in measurements:
        members = list(people.get(measurement.course.code, {}).values())
        report = CourseReport(
            code=measurement.course.code,
            title=measurement.course.title,
            completers=len(members),
            pairs=sum(p.paired for p in members),
            invited=sum(p.invited for p in members),
            responded=sum(p.vervolg is not None for p in members),
            pair_aim=aims.pair_share_percent,
            response_aim=aims.follow_up_response_percent,
        )
        report.objectives = _objective_rows(measurement, members, hide=False)
        report.confidence = [
            (
                statement.text,
                _confidence_mean(members, "voor", statement.pk),
                _confidence_mean(members, "na", statement.pk),
                _confidence_mean(members, "vervolg", statement.pk),
            )
            for statement in measurement.confidence_statements.all()
        ]
        respondents = [p for p in members if p.vervolg is not None]
        for action, label in ACTIONS:
            did = sum(bool(p.vervolg.get(action)) for p in respondents)
            cells = breakdown_publish(
                [Cell(label="ja", count=did), Cell(label="nee", count=len(respondents) - did)]
            )
            shown = None if cells is None else cells[0]["count"]
            share = None if shown is None or not respondents else 100.0 * did / len(respondents)
            report.behaviour.append((label, shown, share))
        if len(respondents) >= _threshold():
            report.mean_signalled = _mean(p.vervolg.get("aantal", 0) for p in respondents)
        report.breakdowns = {str(label): _group_rows(key, members) for key, label in DIMENSIONS}
        reports.append(report)
    return reports
