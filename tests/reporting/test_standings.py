"""The precomputed standings equal an independent count after any sequence of events.

Property-style: seeded random sequences of what happens to completions (a platform
completion, a late recording, an import, a revocation, an erased account, an expired
certificate and a new round, a target edited) and, after each step, every target's report on
several reference dates is compared with the same report counted straight from the
completions, and its total with a plain SQL count of distinct people.
"""

import random
from dataclasses import asdict
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Function, Municipality, Profession, person_key_for
from accounts.privacy import account_erase
from certificates.services import certificate_issue, certificate_revoke
from courses.completion import completion_record, completions_record_many
from courses.models import Completion
from reporting.consistency import standings_check
from reporting.counters import (
    Reference,
    Scope,
    _compute,
    _marginals_from_completions,
    target_report,
    trained_count,
)
from reporting.models import StandingDue, StandingPerson, StandingTotal, Target
from reporting.standings import standings_settle
from reporting.tasks import standings_settle_task, standings_sweep_task
from tests.factories import UserFactory
from tests.reporting.conftest import completed, coverage_target, moment, number_target, record

pytestmark = pytest.mark.django_db

CODES = ("buit-basis", "buit-extern", "ketenregisseur-basis", "ander")


def _report_fields(report) -> dict:
    fields = asdict(report)
    fields.pop("computed_at")
    return fields


def assert_reports_equal_independent_count(today):
    standings_settle()  # as every report does before it reads (report_cache_keys_and_versions)
    reference = Reference.load()
    for target in Target.objects.select_related("function", "profession"):
        for days_back in (0, 1, 20, 45, 200):
            scope = Scope(as_of=today - timedelta(days=days_back))
            kept = _compute(target, scope, reference)
            counted = _compute(target, scope, reference, _marginals_from_completions(target, scope))
            assert _report_fields(kept) == _report_fields(counted), (target.slug, scope)
            assert kept.count == trained_count(target, scope), (target.slug, scope)


class World:
    """People, places and the events that can happen to their completions."""

    def __init__(self, rng: random.Random, today):
        self.rng = rng
        self.today = today
        self.municipalities = list(Municipality.objects.order_by("pk")[:6]) + [None]
        self.professions = list(Profession.objects.order_by("pk")[:3]) + [None]
        self.functions = list(Function.objects.order_by("pk")[:2])
        self.users = []
        self.emails = [f"p{n}@example.org" for n in range(12)]

    def day(self, back=120):
        return self.today - timedelta(days=self.rng.randint(0, back))

    def where(self):
        return {
            "municipality": self.rng.choice(self.municipalities),
            "organisation_kind": self.rng.choice(["jeugdzorg", "onderwijs", ""]),
            "profession": self.rng.choice(self.professions),
        }

    def complete(self):
        email = self.rng.choice(self.emails)
        day = self.day()
        recorded = min(self.today, day + timedelta(days=self.rng.choice([0, 0, 3, 40])))
        functions = self.rng.sample(self.functions, self.rng.randint(0, len(self.functions)))
        record(
            email,
            self.rng.choice(CODES),
            day,
            recorded_on=recorded,
            functions=functions,
            **self.where(),
        )

    def platform(self):
        """A learner with an account completes, gets a certificate (validity one month)."""
        n = len(self.users)
        user = UserFactory(email=f"leerling{n}@example.org")
        self.users.append(user)
        completion = completion_record(
            person_key=user.person_key,
            course_code=self.rng.choice(CODES),
            course_title="x",
            completed_at=moment(self.day(60)),
            source=Completion.Source.PLATFORM,
            user=user,
            validity_months=1,
            **self.where(),
        ).completion
        certificate_issue(completion=completion)

    def new_round(self):
        """An expired completion is done again: a second round, later."""
        expired = Completion.objects.filter(valid_until__lt=self.today).order_by("?").first()
        if expired is None:
            return
        completion_record(
            person_key=expired.person_key,
            course_code=expired.course_code,
            course_title="x",
            completed_at=moment(self.today),
            source=Completion.Source.PLATFORM,
            validity_months=1,
            **self.where(),
        )

    def imported(self):
        code = self.rng.choice(CODES)
        done = set(Completion.objects.filter(course_code=code).values_list("person_key", flat=True))
        rows = []
        for email in self.rng.sample(self.emails, 3) + [f"extern{self.rng.random()}@example.org"]:
            key = person_key_for(email)
            if key not in done:
                rows.append(
                    Completion(
                        person_key=key,
                        course_code=code,
                        course_title=code,
                        round=1,
                        completed_at=moment(self.day()),
                        source=Completion.Source.IMPORT,
                        import_source="test",
                        municipality=self.rng.choice(self.municipalities),
                        organisation_kind="onderwijs",
                        profession=self.rng.choice(self.professions),
                    )
                )
        completions_record_many(rows)

    def revoke(self):
        certificate = (
            Completion.objects.filter(revoked_at__isnull=True, certificates__isnull=False)
            .order_by("?")
            .first()
        )
        if certificate is not None:
            certificate_revoke(certificate=certificate.certificates.first(), reason="test")

    def erase(self):
        if self.users:
            account_erase(user=self.users.pop(self.rng.randrange(len(self.users))))

    def edit_target(self):
        target = Target.objects.order_by("?").first()
        target.course_codes = self.rng.sample(CODES, self.rng.randint(1, 3))
        target.period_start = self.today - timedelta(days=self.rng.choice([30, 90, 365]))
        target.save()


@pytest.mark.parametrize("seed", range(4))
def test_after_any_sequence_of_events_every_report_equals_the_independent_count(seed, today):
    rng = random.Random(seed)
    number_target(
        codes=("buit-basis", "buit-extern"),
        goal=4,
        period_start=today - timedelta(days=90),
        deadline=today + timedelta(days=30),
    )
    number_target(
        slug="jeugd",
        codes=("buit-basis",),
        goal=50,
        profession=Profession.objects.order_by("pk").first(),
        period_start=today - timedelta(days=365),
        deadline=today,
    )
    coverage_target(
        codes=("ketenregisseur-basis", "buit-basis"),
        function=Function.objects.order_by("pk").first().slug,
        period_start=today - timedelta(days=100),
        deadline=today + timedelta(days=60),
    )
    world = World(rng, today)
    events = (
        [world.complete] * 4
        + [world.platform] * 2
        + [world.imported, world.revoke, world.erase, world.new_round, world.edit_target]
    )
    for _step in range(14):
        rng.choice(events)()
        assert_reports_equal_independent_count(today)
    assert all(not check.differences for check in standings_check())


def test_the_check_finds_and_repairs_a_change_made_around_the_writer(today, capsys):
    target = number_target(period_start=today - timedelta(days=30), deadline=today)
    for n in range(3):
        record(f"p{n}@example.org", "buit-basis", today - timedelta(days=n))
    call_command("standings_check")
    assert "buit: in orde" in capsys.readouterr().out

    # A raw UPDATE revokes one completion without telling anyone.
    Completion.objects.filter(person_key=person_key_for("p0@example.org")).update(
        revoked_at=moment(today - timedelta(days=1))
    )
    assert Scope.today().as_of == today
    with pytest.raises(CommandError):
        call_command("standings_check")
    out = capsys.readouterr().out
    assert "aantal: telstand 3, onafhankelijke telling 2" in out

    call_command("standings_check", "--herstel")
    out = capsys.readouterr().out
    assert "hersteld" in out
    reference = Reference.load()
    assert _compute(target, Scope.today(), reference).count == 2
    call_command("standings_check")  # nothing left to repair


def test_a_report_reads_the_standings_not_the_completions(today, django_assert_max_num_queries):
    """The figures of a target come from the total of the months that ended, kept once it was
    first asked for, and the rows known since: two queries, however many people or months."""
    target = number_target(period_start=today - timedelta(days=120), deadline=today)
    for n in range(30):
        record(f"p{n}@example.org", "buit-basis", today - timedelta(days=n * 4))
    reference = Reference.load()
    assert _compute(target, Scope.today(), reference).count == 30  # keeps the total
    with django_assert_max_num_queries(2) as captured:
        report = _compute(target, Scope.today(), reference)
    assert report.count == 30
    assert not any("courses_completion" in q["sql"] for q in captured.captured_queries)
    assert StandingTotal.objects.filter(target=target).count() == 1


def test_a_change_known_in_an_ended_month_drops_its_kept_total(today):
    """Only a rebuild or a repair writes the past; the kept total then follows at once."""
    target = number_target(period_start=today - timedelta(days=120), deadline=today)
    for n in range(3):
        record(f"p{n}@example.org", "buit-basis", today - timedelta(days=60 + n))
    assert target_report(target).count == 3
    assert StandingTotal.objects.filter(target=target).exists()
    record("laat@example.org", "buit-basis", today - timedelta(days=70))  # known then
    assert target_report(target).count == 4
    assert _compute(target, Scope(as_of=today - timedelta(days=65)), Reference.load()).count == 1


def test_the_nightly_check_keeps_each_months_total_before_any_report_asks(
    today, django_assert_max_num_queries
):
    """The check beat runs every night reads each target as a report does, so the total of the
    month that just ended is kept by then: a report never builds it on a staff member's
    request unless the night's check did not run."""
    target = number_target(period_start=today - timedelta(days=120), deadline=today)
    for n in range(12):
        record(f"p{n}@example.org", "buit-basis", today - timedelta(days=n * 9))
    assert not StandingTotal.objects.filter(target=target).exists()
    assert standings_sweep_task() == 0  # nothing to repair
    assert StandingTotal.objects.filter(target=target).count() == 1
    reference = Reference.load()
    with django_assert_max_num_queries(2):
        assert _compute(target, Scope.today(), reference).count == 12


def test_a_completion_is_noted_as_due_and_every_report_settles_it_first(today):
    target = number_target(period_start=today - timedelta(days=30), deadline=today)
    completed("nieuw@example.org", today)
    # The learner's transaction wrote the note only; the standings are the reports' work.
    assert StandingDue.objects.count() == 1
    assert not StandingPerson.objects.filter(target=target).exists()
    assert target_report(target).count == 1 == trained_count(target, Scope.today())
    assert not StandingDue.objects.exists()
    completed("tweede@example.org", today)
    assert standings_settle_task.apply().get() == 1  # the task every minute
    assert not StandingDue.objects.exists()
    assert target_report(target).count == 2


def test_settling_costs_the_same_for_two_people_as_for_forty(today):
    number_target(period_start=today - timedelta(days=60), deadline=today)
    number_target(slug="ander", codes=("buit-basis", "ander"), deadline=today)

    def settled(people: int, first: int) -> int:
        for n in range(first, first + people):
            completed(f"p{n}@example.org", today - timedelta(days=n % 50))
        with CaptureQueriesContext(connection) as captured:
            assert standings_settle() == 2 * people  # each person counts for both targets
        assert not StandingDue.objects.exists()
        return len(captured.captured_queries)

    assert settled(2, 0) == settled(40, 2)
    with CaptureQueriesContext(connection) as captured:
        assert standings_settle() == 0
    assert len(captured.captured_queries) == 1  # nothing due: one look
