"""The programme's targets, and demo learners with completions, for a checkout's reports.

Demo learners are accounts without a usable password (they only populate the reports), spread
over every RIEC region, with completions from 2024 to today at a pace that picks up over time,
so every chart and table has something real to show. One extra group has no account at all:
completions imported from the old BUIT e-learning, some of them people who also completed
BUIT-basis on the platform (they count once). Fixed random seed: every checkout gets the same
demo data, and a second run finds it all and creates nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db.models import F
from django.utils import timezone

from accounts.models import (
    Function,
    Municipality,
    Organisation,
    Profession,
    Profile,
    Region,
    User,
    person_key_for,
)
from accounts.services import organisation_get_or_create
from courses.completion import completions_record_many, valid_until_for
from courses.models import Completion, CoursePage, Enrolment
from reporting.demo_targets import (  # noqa: F401 (seed_demo and tests import them from here)
    OLD_BUIT_CODE,
    TARGETS,
    seed_targets,
)
from reporting.models import CounterSnapshot, ExpectedHeadcount
from reporting.standings import standings_refresh

SEED = 2026
DEMO_DOMAIN = "demo.leerplatform.example"
OLD_BUIT_SOURCE = "BUIT e-learning (oud platform)"
OLD_BUIT_IMPORTED_ON = date(2025, 7, 1)


@dataclass(frozen=True)
class Cohort:
    """Demo learners of one course: who they are, how many, and how far they got."""

    code: str
    size: int
    first_day: date
    professions: tuple[str, ...]
    kinds: tuple[str, ...]
    function: str = ""
    completed_share: float = 0.8  # the rest is enrolled, still busy
    source: str = Completion.Source.PLATFORM


COHORTS = [
    Cohort(
        "reclassering-mensenhandel",
        190,
        date(2025, 2, 1),
        ("reclasseringswerker",),
        ("reclassering",),
        function="reclasseringswerker",
        completed_share=0.85,
    ),
    Cohort(
        "buit-basis",
        1400,
        date(2024, 3, 1),
        ("jeugdprofessional", "leerkracht", "verpleegkundige", "arts", "wijkteammedewerker"),
        ("jeugdzorg", "onderwijs", "zorg", "gemeente"),
        function="professional-kinderen",
        completed_share=0.85,
    ),
    Cohort(
        "verdieping-minderjarigen",
        420,
        date(2024, 9, 1),
        ("jeugdprofessional", "maatschappelijk-werker", "politie", "zorgcoordinator"),
        ("jeugdzorg", "politie", "zorg", "gemeente"),
        function="professional-kinderen",
        completed_share=0.9,
        source=Completion.Source.ATTENDANCE,
    ),
    Cohort(
        "basistraining-ketenregisseur",
        34,
        date(2026, 1, 15),
        ("beleidsmedewerker",),
        ("gemeente",),
        function="ketenregisseur",
        completed_share=0.55,
    ),
    Cohort(
        "training-aandachtsfunctionaris",
        160,
        date(2026, 1, 15),
        ("maatschappelijk-werker", "wijkteammedewerker", "jeugdprofessional"),
        ("zorg", "gemeente", "jeugdzorg"),
        function="aandachtsfunctionaris",
        completed_share=0.6,
    ),
]
# Regions left without a trained ketenregisseur, so the VNG view has something to show first.
UNCOVERED_REGIONS = ("zeeland-west-brabant", "limburg")
# A region where nobody registered as aandachtsfunctionaris and nobody set a number: its
# expected number is unknown ("onbekend"), and those trained there count outside the group.
REGION_WITHOUT_NUMBER = "oost-brabant"
OLD_BUIT_PEOPLE = 650
OLD_BUIT_ALSO_ON_PLATFORM = 60

FIRST_NAMES = [
    "Anna", "Bas", "Chantal", "Daan", "Emma", "Fatima", "Gijs", "Hanna", "Iris", "Jesse",
    "Kim", "Lars", "Mila", "Noah", "Olga", "Pim", "Rosa", "Sem", "Tess", "Umar",
    "Vera", "Wout", "Yara", "Zoë", "Anouk", "Bram", "Elif", "Joris", "Lotte", "Mohamed",
]  # fmt: skip
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
    "Dekker", "Brouwer", "de Wit", "Dijkstra", "Yilmaz", "El Amrani", "Kaya", "Öztürk",
]  # fmt: skip


def _day_between(rng: random.Random, first: date, last: date) -> date:
    # u ** 0.6 leans towards the end: the pace picks up as the programme rolls out.
    span = (last - first).days
    return first + timedelta(days=int(span * (rng.random() ** 0.6)))


def _moment(rng: random.Random, day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 20), rng.randint(0, 59))))


class _Places:
    """Municipalities per RIEC region, and demo organisations per kind and region."""

    def __init__(self):
        self.regions = list(Region.objects.filter(kind__slug="riec").order_by("code"))
        self.municipalities = {
            region.code: list(region.municipalities.order_by("cbs_code")) for region in self.regions
        }
        self._organisations: dict[tuple[str, str], Organisation] = {}

    def organisation(self, kind: str, region: Region, municipality: Municipality) -> Organisation:
        key = (kind, region.code)
        if key not in self._organisations:
            label = dict(Organisation.Kind.choices)[kind]
            self._organisations[key] = organisation_get_or_create(
                name=f"{label} {region.name} (demo)", kind=kind, municipality=municipality
            )
        return self._organisations[key]


def _demo_email(code: str, number: int) -> str:
    return f"{code}.{number:04d}@{DEMO_DOMAIN}"


def seed_demo_learners() -> tuple[int, int]:
    """Create the demo learners and completions that are missing. Returns (created, present)."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    places = _Places()
    if not places.regions:
        return 0, 0
    courses = {c.code: c for c in CoursePage.objects.filter(code__in=[c.code for c in COHORTS])}
    professions = {p.slug: p for p in Profession.objects.all()}
    functions = {f.slug: f for f in Function.objects.all()}
    password = make_password(None)  # unusable: demo learners only fill the reports
    wanted = {_demo_email(c.code, n) for c in COHORTS for n in range(1, c.size + 1)}
    present = set(User.objects.filter(email__in=wanted).values_list("email", flat=True))

    new_users: list[User] = []
    plans: list[tuple] = []  # (user, cohort, municipality, organisation, profession, done_at)
    unregistered: set[str] = set()  # trained, but without the function in their profile
    for cohort in COHORTS:
        regions = places.regions
        if cohort.code == "basistraining-ketenregisseur":
            # Ketenregisseurs: a few per region, none trained in the "uncovered" regions.
            regions = [r for r in places.regions for _ in range(3)] + places.regions[:4]
        for number in range(1, cohort.size + 1):
            region = (
                regions[(number - 1) % len(regions)]
                if cohort.code == "basistraining-ketenregisseur"
                else rng.choice(places.regions)
            )
            municipality = rng.choice(places.municipalities[region.code])
            kind = rng.choice(cohort.kinds)
            profession = professions[rng.choice(cohort.professions)]
            completes = rng.random() < cohort.completed_share and not (
                cohort.function == "ketenregisseur" and region.code in UNCOVERED_REGIONS
            )
            done_at = (
                _moment(rng, _day_between(rng, cohort.first_day, today)) if completes else None
            )
            email = _demo_email(cohort.code, number)
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if email in present:
                continue
            user = User(
                email=email,
                first_name=first,
                last_name=last,
                password=password,
                person_key=person_key_for(email),
            )
            new_users.append(user)
            organisation = places.organisation(kind, region, municipality)
            plans.append((user, cohort, municipality, organisation, profession, done_at))
            if cohort.function == "aandachtsfunctionaris" and region.code == REGION_WITHOUT_NUMBER:
                unregistered.add(email)
    User.objects.bulk_create(new_users, batch_size=500)
    # bulk_create on SQLite returns no primary keys: read them back by e-mail.
    ids = dict(
        User.objects.filter(email__in=[u.email for u in new_users]).values_list("email", "pk")
    )
    for user in new_users:
        user.pk = ids[user.email]

    profiles = [
        Profile(
            user_id=user.pk,
            organisation=organisation,
            profession=profession,
            municipality=municipality,
            completed_at=_moment(rng, cohort.first_day - timedelta(days=30)),
        )
        for user, cohort, municipality, organisation, profession, _done in plans
    ]
    Profile.objects.bulk_create(profiles, batch_size=500)
    profile_ids = dict(
        Profile.objects.filter(user_id__in=ids.values()).values_list("user_id", "pk")
    )
    Profile.functions.through.objects.bulk_create(
        [
            Profile.functions.through(
                profile_id=profile_ids[user.pk], function_id=functions[cohort.function].pk
            )
            for user, cohort, *_rest in plans
            if cohort.function and user.email not in unregistered
        ],
        batch_size=1000,
    )

    enrolments, completions = [], []
    for user, cohort, municipality, organisation, profession, done_at in plans:
        course = courses.get(cohort.code)
        # Some who have not completed never started: the VNG view shows all three statuses.
        started = done_at is not None or rng.random() < 0.6
        if course is not None and started:
            enrolled_at = _moment(
                rng, (done_at.date() if done_at else today) - timedelta(days=rng.randint(1, 40))
            )
            enrolments.append(
                Enrolment(
                    user_id=user.pk,
                    course=course,
                    status=Enrolment.Status.ACTIVE,
                    enrolled_at=max(enrolled_at, _moment(rng, cohort.first_day)),
                )
            )
        if done_at is not None:
            completions.append(
                Completion(
                    person_key=user.person_key,
                    user_id=user.pk,
                    course=course,
                    course_code=cohort.code,
                    course_title=course.title if course else cohort.code,
                    completed_at=done_at,
                    valid_until=valid_until_for(
                        done_at, course.certificate_validity_months if course else None
                    ),
                    source=cohort.source,
                    municipality=municipality,
                    organisation_kind=organisation.kind,
                    profession=profession,
                )
            )
    Enrolment.objects.bulk_create(enrolments, batch_size=500, ignore_conflicts=True)
    _completions_create(completions, functions_of=plans)
    created_imports = _old_buit_imports(rng, places, today)
    expected_created, expected_present = _expected_headcounts(places)
    cases = _statistics_cases(places)
    return (
        len(new_users) + created_imports + expected_created + cases,
        len(present) + (0 if created_imports else OLD_BUIT_PEOPLE) + expected_present,
    )


LINKED_WORK = f"dubbel.werk@{DEMO_DOMAIN}"
LINKED_PRIVATE = f"dubbel.prive@{DEMO_DOMAIN}"
REFRESHED = f"herhaling.ketenregisseur@{DEMO_DOMAIN}"


def _statistics_cases(places: _Places) -> int:
    """The cases a statistician asks about: one person with a work and a private address
    (linked by the programme team), and a ketenregisseur trained in 2025 who followed the
    refresher in 2026 (not newly trained, so not counted under the target's default rule).
    Returns what it created (0 on a second run)."""
    from reporting.models import PersonLink

    if PersonLink.objects.filter(alias_key=person_key_for(LINKED_PRIVATE)).exists():
        return 0
    region = places.regions[0]
    municipality = places.municipalities[region.code][0]
    jeugd = Profession.objects.get(slug="jeugdprofessional")
    keten = Function.objects.get(slug="ketenregisseur")

    def moment(day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(11)))

    def completion(email, code, day, **extra) -> Completion:
        return Completion(
            person_key=person_key_for(email),
            course_code=code,
            course_title=code,
            completed_at=moment(day),
            municipality=municipality,
            organisation_kind="gemeente",
            **extra,
        )

    rows = [
        completion(LINKED_WORK, "buit-basis", date(2026, 3, 10), profession=jeugd,
                   source=Completion.Source.PLATFORM),
        completion(LINKED_PRIVATE, OLD_BUIT_CODE, date(2025, 5, 1), profession=jeugd,
                   source=Completion.Source.IMPORT, import_source="Demo: privé-adres"),
        completion(REFRESHED, "basistraining-ketenregisseur", date(2025, 6, 2),
                   source=Completion.Source.PLATFORM, valid_until=date(2025, 12, 31)),
        completion(REFRESHED, "basistraining-ketenregisseur", date(2026, 3, 2), round=2,
                   source=Completion.Source.PLATFORM),
    ]  # fmt: skip
    completions_record_many(rows)
    keys = {row.person_key for row in rows}
    written = Completion.objects.filter(person_key__in=keys)
    written.update(created_at=F("completed_at"))
    through = Completion.functions.through
    through.objects.bulk_create(
        [
            through(completion_id=pk, function_id=keten.pk)
            for pk in written.filter(course_code="basistraining-ketenregisseur").values_list(
                "pk", flat=True
            )
        ],
        ignore_conflicts=True,
    )
    PersonLink.objects.create(
        alias_key=person_key_for(LINKED_PRIVATE),
        person_key=person_key_for(LINKED_WORK),
        linked_on=date(2026, 6, 1),
        via=PersonLink.Via.PROGRAMME_TEAM,
        reason="Demo: werk- en privé-adres van één persoon",
    )
    standings_refresh(person_keys=keys)
    return len(rows) + 1


def _completions_create(completions: list[Completion], *, functions_of) -> None:
    """Write completions as they were on the day they happened (recorded then, not today)."""
    completions_record_many(completions)
    keys = [c.person_key for c in completions]
    rows = Completion.objects.filter(person_key__in=keys, created_at__gt=F("completed_at"))
    rows.update(created_at=F("completed_at"))
    function_of = {user.person_key: cohort.function for user, cohort, *_rest in functions_of}
    function_ids = dict(Function.objects.values_list("slug", "pk"))
    through = Completion.functions.through
    through.objects.bulk_create(
        [
            through(completion_id=pk, function_id=function_ids[function_of[key]])
            for pk, key in Completion.objects.filter(person_key__in=keys).values_list(
                "pk", "person_key"
            )
            if function_of.get(key)
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    # Recorded moments and functions were written here, after the writer: tell the standings.
    standings_refresh(person_keys=keys)


def _old_buit_imports(rng: random.Random, places: _Places, today: date) -> int:
    """Completions from the old BUIT platform: people without an account, some also on ours."""
    if Completion.objects.filter(course_code=OLD_BUIT_CODE, import_source=OLD_BUIT_SOURCE).exists():
        return 0
    platform = list(
        User.objects.filter(email__startswith="buit-basis.", email__endswith=DEMO_DOMAIN)
        .order_by("email")
        .values_list("person_key", flat=True)[:OLD_BUIT_ALSO_ON_PLATFORM]
    )
    keys = platform + [
        person_key_for(f"oud-buit.{n:04d}@{DEMO_DOMAIN}")
        for n in range(1, OLD_BUIT_PEOPLE - len(platform) + 1)
    ]
    professions = list(Profession.objects.filter(slug__in=["jeugdprofessional", "leerkracht"]))
    rows = []
    for key in keys:
        region = rng.choice(places.regions)
        done_at = _moment(rng, _day_between(rng, date(2024, 1, 8), date(2025, 6, 30)))
        rows.append(
            Completion(
                person_key=key,
                course_code=OLD_BUIT_CODE,
                course_title="BUIT e-learning (oud platform)",
                completed_at=done_at,
                source=Completion.Source.IMPORT,
                import_source=OLD_BUIT_SOURCE,
                municipality=rng.choice(places.municipalities[region.code]),
                organisation_kind=rng.choice(["jeugdzorg", "onderwijs"]),
                profession=rng.choice(professions),
            )
        )
    completions_record_many(rows)
    Completion.objects.filter(course_code=OLD_BUIT_CODE).update(
        created_at=timezone.make_aware(datetime.combine(OLD_BUIT_IMPORTED_ON, time(12)))
    )
    standings_refresh(person_keys=[c.person_key for c in rows])
    return len(rows)


def _expected_headcounts(places: _Places) -> tuple[int, int]:
    """The VNG has set the expected ketenregisseurs for some regions, not yet for all."""
    function = Function.objects.get(slug="ketenregisseur")
    created = 0
    regions = places.regions[:5]
    for region in regions:
        _, made = ExpectedHeadcount.objects.get_or_create(
            function=function, region=region, defaults={"headcount": 4}
        )
        created += made
    return created, len(regions) - created


def seed_counter_snapshots() -> tuple[int, int]:
    """The tellerstand each month end and each of the last 31 days, as beat would have taken
    them had the platform run since 2024 (the demo's completions were recorded when made)."""
    from reporting.snapshots import counter_snapshots_take

    present = CounterSnapshot.objects.count()
    today = timezone.localdate()
    created = 0
    month = date(2024, 1, 1)
    while month < today.replace(day=1):
        next_month = (month + timedelta(days=32)).replace(day=1)
        created += counter_snapshots_take(next_month - timedelta(days=1), backfill_days=1)
        month = next_month
    created += counter_snapshots_take()
    return created, present
