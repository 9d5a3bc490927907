"""Demo effect measurements: item banks for two courses and believable paired results.

Gains differ per learning objective (signalen herkennen is learned best, melden least) and per
region, so the report shows a pattern worth reading. Built with bulk inserts over the demo
completions that reporting.demo made; idempotent per course and per person.
"""

from __future__ import annotations

import random
import secrets
from datetime import timedelta

from django.utils import timezone

from courses.models import Completion, CoursePage
from effect.models import (
    ConfidenceStatement,
    EffectMeasurement,
    FollowUpInvitation,
    Item,
    LearningObjective,
    Response,
)
from reporting.counters import Reference

SEED = 23
# BUIT-basis stays without one: the browser tests walk its lessons without a voormeting.
COURSES = ("verdieping-minderjarigen", "reclassering-mensenhandel", "opfriscursus-signaleren")
# (objective, items as (question, options, correct), mean voor score, mean gain g)
OBJECTIVES = [
    ("Signalen herkennen", [
        ("Welk signaal past het best bij seksuele uitbuiting van een jongere?",
         "Veel nieuwe spullen zonder verklaring\nGoede schoolresultaten\nEen vaste bijbaan", 1),
        ("Een cliënt werkt lange dagen en woont bij de werkgever. Wat doet u eerst?",
         "Niets, dit is gebruikelijk\nDoorvragen en vastleggen\nDe werkgever bellen", 2),
        ("Wat is géén signaal van arbeidsuitbuiting?",
         "Paspoort ingenomen door werkgever\nSchulden bij de werkgever\nEen arbeidscontract", 3),
    ], 48, 0.55),
    ("Handelingskader en doorverwijzen", [
        ("Waar begint u bij een vermoeden volgens de meldcode?",
         "In kaart brengen van signalen\nDirect aangifte doen\nHet gezin confronteren", 1),
        ("Wie raadpleegt u bij twijfel?",
         "Alleen de cliënt\nEen collega of aandachtsfunctionaris\nNiemand", 2),
    ], 42, 0.45),
    ("Rol van CoMensha en zorgcoördinator", [
        ("Wat doet CoMensha?",
         "Registreert slachtoffers en coördineert opvang\nVervolgt daders\nGeeft subsidies", 1),
        ("Wat doet de zorgcoördinator mensenhandel?",
         "Regelt zorg en opvang voor het slachtoffer in de regio\nDoet opsporing\nNiets", 1),
    ], 30, 0.40),
    ("Melden", [
        ("Wanneer meldt u een vermoeden bij Veilig Thuis?",
         "Bij acute onveiligheid of als hulp niet volstaat\nNooit\nAlleen met toestemming", 1),
        ("Mag u zonder toestemming melden?",
         "Nee, nooit\nJa, onder voorwaarden van de meldcode\nAlleen met een advocaat", 2),
    ], 38, 0.30),
]  # fmt: skip
STATEMENTS = [
    "Ik herken signalen van uitbuiting bij een jongere",
    "Ik weet wie ik moet bellen bij een vermoeden",
    "Ik durf een vermoeden bespreekbaar te maken met de betrokkene",
    "Ik weet wanneer ik een vermoeden moet melden",
]


def _measurement(course: CoursePage) -> tuple[EffectMeasurement, bool]:
    existing = EffectMeasurement.objects.filter(course=course).first()
    if existing is not None:
        return existing, False
    measurement = EffectMeasurement.objects.create(course=course)
    for n, (title, items, _voor, _gain) in enumerate(OBJECTIVES):
        objective = LearningObjective.objects.create(
            measurement=measurement, title=title, sort_order=n
        )
        Item.objects.bulk_create(
            Item(objective=objective, question=q, options=o, correct_option=c) for q, o, c in items
        )
    ConfidenceStatement.objects.bulk_create(
        ConfidenceStatement(measurement=measurement, text=t, sort_order=n)
        for n, t in enumerate(STATEMENTS)
    )
    return measurement, True


def _score(rng: random.Random, mean: float, asked: int) -> list[int]:
    share = min(1.0, max(0.0, rng.gauss(mean / 100, 0.18)))
    return [round(share * asked), asked]


def _raised(rng, confidence: dict, steps: tuple) -> dict:
    return {k: min(5, v + rng.choice(steps)) for k, v in confidence.items()}


def _behaviour(rng) -> dict:
    signalled = rng.random() < 0.45
    behaviour = {"gesignaleerd": signalled, "aantal": rng.randint(1, 4) if signalled else 0}
    for action, chance in (("besproken", 0.8), ("gemeld", 0.35), ("doorverwezen", 0.5)):
        behaviour[action] = signalled and rng.random() < chance
    return behaviour


def _person(rng, measurement, objectives, items, statements, common, done_at, region_effect):
    """The responses and invitation of one demo completer."""
    voor, na = {}, {}
    for objective, (_t, _i, mean_voor, gain) in zip(objectives, OBJECTIVES, strict=True):
        before = _score(rng, mean_voor, items[objective.pk])
        g = max(0.0, gain + region_effect + rng.gauss(0, 0.12))
        voor[str(objective.pk)] = before
        na[str(objective.pk)] = _score(rng, mean_voor + g * (100 - mean_voor), before[1])
    confidence = {str(s): rng.choice((2, 2, 3, 3, 4)) for s in statements}
    responses, invitation = [], None
    if rng.random() < 0.86:
        responses.append(Response(**common, moment="voor", scores=voor, confidence=confidence,
                                  submitted_at=done_at - timedelta(days=14)))  # fmt: skip
    if rng.random() < 0.93:
        responses.append(Response(**common, moment="na", scores=na, submitted_at=done_at,
                                  confidence=_raised(rng, confidence, (1, 1, 2))))  # fmt: skip
    sent = done_at + timedelta(days=measurement.follow_up_days)
    if sent <= timezone.now():
        invitation = FollowUpInvitation(
            **common, token_hash=secrets.token_hex(32), invited_on=timezone.localdate(sent),
            expires_at=sent + timedelta(days=28), sent_at=sent,
        )  # fmt: skip
        if rng.random() < 0.42:
            responses.append(Response(
                **common, moment="vervolg", behaviour=_behaviour(rng),
                submitted_at=sent + timedelta(days=rng.randint(0, 20)),
                confidence=_raised(rng, confidence, (0, 1, 1)),
            ))  # fmt: skip
    return responses, invitation


def seed_effect() -> tuple[int, int]:
    """Measurements for the demo courses and answers for their demo completers."""
    rng = random.Random(SEED)
    reference = Reference.load()
    region_rank = {rid: n for n, rid in enumerate(reference.regions)}
    created = existing = 0
    for course in CoursePage.objects.filter(code__in=COURSES):
        measurement, new = _measurement(course)
        created, existing = created + new, existing + (not new)
        objectives = list(measurement.objectives.all())
        items = {o.pk: o.items.count() for o in objectives}
        statements = [s.pk for s in measurement.confidence_statements.all()]
        if Response.objects.filter(course_code=course.code).exists():
            continue  # answered in an earlier run: the demo is seeded once per course
        responses, invitations = [], []
        for person_key, round_, done_at, municipality_id in Completion.objects.filter(
            course_code=course.code, revoked_at__isnull=True
        ).values_list("person_key", "round", "completed_at", "municipality_id"):
            # Regions differ: some learn a little more, some a little less.
            rank = region_rank.get(reference.region_of.get(municipality_id), 0)
            common = {"person_key": person_key, "course": course, "course_code": course.code,
                      "round": round_}  # fmt: skip
            rows, invitation = _person(
                rng, measurement, objectives, items, statements, common, done_at,
                ((rank % 5) - 2) * 0.06,
            )  # fmt: skip
            responses += rows
            if invitation is not None:
                invitations.append(invitation)
        Response.objects.bulk_create(responses, batch_size=1000, ignore_conflicts=True)
        FollowUpInvitation.objects.bulk_create(invitations, batch_size=1000, ignore_conflicts=True)
        created += len(responses)
    return created, existing
