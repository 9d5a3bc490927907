"""The counting rules of the targets: people, not rows, as known on a reference date."""

from datetime import date, timedelta

import pytest
from django.db import connection

from accounts.models import Function, Municipality, Profession, person_key_for
from accounts.privacy import account_erase
from certificates.services import certificate_issue, certificate_revoke
from reporting.counters import Scope, target_report, target_reports, trained_count
from reporting.models import ExpectedHeadcount
from tests.factories import UserFactory

from .conftest import coverage_target, number_target, record

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 6, 30)


def count(target, as_of=AS_OF, **scope):
    figure = trained_count(target, Scope(as_of=as_of, **scope))
    # Every rule holds for the full report too (the dashboard's figure), not just the count.
    assert target_report(target, Scope(as_of=as_of, **scope)).count == figure
    return figure


def test_people_are_counted_not_completions():
    target = number_target()
    record("a@example.org", "buit-basis", date(2025, 3, 1))
    record("b@example.org", "buit-basis", date(2025, 3, 2))
    record("c@example.org", "iets-anders", date(2025, 3, 2))
    assert count(target) == 2


def test_a_person_who_completes_twice_counts_once():
    target = number_target(codes=("buit-basis", "buit-extern"))
    record("a@example.org", "buit-basis", date(2025, 3, 1))
    record("a@example.org", "buit-extern", date(2025, 5, 1))
    # A second round after expiry is a second row of the same person.
    first = record("b@example.org", "buit-basis", date(2025, 1, 10), validity_months=1)
    second = record("b@example.org", "buit-basis", date(2025, 4, 10), validity_months=1)
    assert (first.round, second.round) == (1, 2)
    assert count(target) == 2


def test_imported_and_platform_completion_of_one_person_count_once():
    target = number_target(codes=("buit-basis", "buit-extern"))
    learner = UserFactory(email="Lieke.Leerling@Example.org")
    record("lieke.leerling@example.org", "buit-extern", date(2025, 2, 1), source="import")
    record(learner.email, "buit-basis", date(2025, 3, 1), user=learner)
    assert person_key_for("LIEKE.leerling@example.org ") == learner.person_key
    assert count(target) == 1


def test_completions_outside_the_targets_period_do_not_count():
    target = number_target(period_start=date(2025, 1, 1), deadline=date(2025, 12, 31))
    record("before@example.org", "buit-basis", date(2024, 12, 31))
    record("first-day@example.org", "buit-basis", date(2025, 1, 1))
    record("last-day@example.org", "buit-basis", date(2025, 12, 31))
    record("after@example.org", "buit-basis", date(2026, 1, 1))
    assert count(target, as_of=date(2026, 6, 30)) == 2


def test_the_reports_own_period_narrows_the_count():
    target = number_target()
    record("march@example.org", "buit-basis", date(2025, 3, 1))
    record("may@example.org", "buit-basis", date(2025, 5, 1))
    assert count(target, start=date(2025, 4, 1), end=date(2025, 6, 30)) == 1


def test_a_revoked_certificates_completion_does_not_count_from_its_revocation(
    today, django_capture_on_commit_callbacks
):
    target = number_target(period_start=today - timedelta(days=400), deadline=today)
    learner = UserFactory(email="herroepen@example.org")
    completion = record(learner.email, "buit-basis", today - timedelta(days=30), user=learner)
    certificate = certificate_issue(completion=completion)
    assert count(target, as_of=today) == 1
    with django_capture_on_commit_callbacks(execute=True):  # as at the end of the request
        certificate_revoke(certificate=certificate, reason="Fraude bij de toets")
    assert count(target, as_of=today) == 0
    # Before the revocation it counted, and a report of that day still says so.
    assert count(target, as_of=today - timedelta(days=1)) == 1


def test_an_expired_completion_still_counts_as_trained(today):
    target = number_target(period_start=today - timedelta(days=900), deadline=today)
    completion = record(
        "verlopen@example.org", "buit-basis", today - timedelta(days=800), validity_months=12
    )
    assert completion.valid_until < today
    assert count(target, as_of=today) == 1


def test_an_erased_accounts_completion_keeps_counting(today):
    target = number_target(period_start=today - timedelta(days=400), deadline=today)
    learner = UserFactory(email="wissen@example.org")
    record(learner.email, "buit-basis", today - timedelta(days=20), user=learner)
    account_erase(user=learner, reason="op verzoek")
    assert count(target, as_of=today) == 1
    # And the person key still recognises the person if they come back through an import.
    record("wissen@example.org", "buit-basis", today - timedelta(days=10), source="import")
    assert count(target, as_of=today) == 1


def test_a_report_for_a_past_date_never_changes_afterwards():
    target = number_target()
    record("a@example.org", "buit-basis", date(2025, 3, 1))
    before = count(target, as_of=date(2025, 6, 30))
    # Imported later about the same period: known only from its recording day.
    record("late@example.org", "buit-basis", date(2025, 3, 5), recorded_on=date(2025, 9, 1))
    assert count(target, as_of=date(2025, 6, 30)) == before == 1
    assert count(target, as_of=date(2025, 9, 1)) == 2


def test_profession_and_function_filters():
    reclassering = Profession.objects.get(slug="reclasseringswerker")
    target = number_target(codes=("reclassering-mensenhandel",), profession=reclassering)
    record("r@example.org", "reclassering-mensenhandel", date(2025, 3, 1), profession=reclassering)
    record("j@example.org", "reclassering-mensenhandel", date(2025, 3, 1))
    assert count(target) == 1

    keten = coverage_target()
    holder = Function.objects.get(slug="ketenregisseur")
    record("k@example.org", "basistraining-ketenregisseur", date(2026, 2, 1), functions=[holder])
    record("x@example.org", "basistraining-ketenregisseur", date(2026, 2, 1))
    assert count(keten) == 1


def test_the_count_agrees_with_an_independent_sql_count():
    target = number_target(codes=("buit-basis", "buit-extern"))
    for n in range(12):
        record(f"p{n}@example.org", "buit-basis", date(2025, 1 + n % 12, 3))
        if n % 3 == 0:
            record(f"p{n}@example.org", "buit-extern", date(2025, 2, 1), source="import")
    record("outside@example.org", "buit-basis", date(2024, 5, 1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(DISTINCT person_key) FROM courses_completion "
            "WHERE course_code IN ('buit-basis', 'buit-extern') "
            "AND completed_at >= %s AND completed_at < %s AND revoked_at IS NULL",
            ["2025-01-01", "2026-07-01"],
        )
        (independent,) = cursor.fetchone()
    assert count(target) == independent == 12


def test_report_figures_month_by_month_pace_and_projection():
    target = number_target(goal=10, period_start=date(2026, 1, 1), deadline=date(2026, 12, 31))
    for n in range(3):
        record(f"jan{n}@example.org", "buit-basis", date(2026, 1, 10 + n))
    for n in range(3):
        record(f"mei{n}@example.org", "buit-basis", date(2026, 5, 10 + n))
    report = target_report(target, Scope(as_of=date(2026, 6, 30)))
    assert [m.cumulative for m in report.months] == [3, 3, 3, 3, 6, 6]
    assert report.months[4].new == 3
    assert report.percentage == 60
    assert report.remaining == 4
    # Six months left for four people: one a month.
    assert report.pace_needed == 1
    # Three people in the last 90 days: about one a month, and 4 more take ~120 days.
    assert report.pace_recent == 1
    assert report.projected_on == date(2026, 6, 30) + timedelta(days=120)
    assert report.reached_on is None


def test_coverage_counts_regions_and_uses_the_expected_headcount_where_set():
    target = coverage_target()
    holder = Function.objects.get(slug="ketenregisseur")
    utrecht = Municipality.objects.get(cbs_code="GM0344")  # Midden-Nederland
    UserFactory(email="k1@example.org")
    record("k1@example.org", "basistraining-ketenregisseur", date(2026, 2, 1), functions=[holder])
    region = utrecht.regions.get(kind__slug="riec")
    report = target_report(target, Scope(as_of=AS_OF))
    assert report.regions_covered == 1
    assert report.regions_total == 10
    assert report.goal is None  # nobody set a number, and nobody registered the function
    ExpectedHeadcount.objects.create(function=holder, region=region, headcount=4)
    report = target_report(target, Scope(as_of=date(2026, 7, 1)))
    cell = next(c for c in report.by_region if c.label == region.name)
    assert (cell.count, cell.expected, cell.expected_source, cell.percentage) == (
        1,
        4,
        "vastgesteld",
        25,
    )
    assert report.goal_source == "gedeeltelijk"


def test_without_a_set_headcount_coverage_counts_every_registered_holder():
    target = coverage_target()
    holder = Function.objects.get(slug="ketenregisseur")
    for email in ("een@example.org", "twee@example.org", "drie@example.org"):
        UserFactory(email=email).profile.functions.add(holder)  # all three in Utrecht
    record("een@example.org", "basistraining-ketenregisseur", date(2026, 2, 1), functions=[holder])
    report = target_report(target, Scope(as_of=AS_OF))
    region = Municipality.objects.get(cbs_code="GM0344").regions.get(kind__slug="riec")
    cell = next(c for c in report.by_region if c.label == region.name)
    assert (cell.count, cell.expected, cell.expected_source) == (1, 3, "geregistreerd")
    # Nine regions have neither a number nor a registered holder: the goal covers one region.
    assert (report.goal, report.goal_source) == (3, "gedeeltelijk")


def test_a_completion_recomputes_only_the_reports_of_the_targets_it_counts_for(
    django_capture_on_commit_callbacks,
):
    buit = number_target(slug="buit", codes=("buit-basis",))
    other = number_target(slug="reclassering", codes=("reclassering-basis",))
    scope = Scope(as_of=AS_OF)
    before = {report.slug: report for report in target_reports([buit, other], scope)}
    with django_capture_on_commit_callbacks(execute=True):
        record("a@example.org", "buit-basis", date(2026, 6, 1))
    after = {report.slug: report for report in target_reports([buit, other], scope)}
    assert after["buit"].count == before["buit"].count + 1
    # The other target's report is served as it was kept: nothing it counts has changed.
    assert after["reclassering"].computed_at == before["reclassering"].computed_at
    assert after["buit"].computed_at > before["buit"].computed_at

    # An edited target is read by its report whatever its standings.
    other.target_number = 7
    other.save()
    edited = target_report(other, scope)
    assert edited.goal == 7 and edited.computed_at > before["reclassering"].computed_at


def test_a_report_for_a_narrower_period_sees_every_new_completion(
    django_capture_on_commit_callbacks,
):
    target = number_target(codes=("buit-basis",))
    narrow = {"start": date(2026, 5, 1), "end": date(2026, 5, 31)}
    record("a@example.org", "buit-basis", date(2026, 4, 1))
    assert count(target, **narrow) == 0  # kept in the cache from here
    with django_capture_on_commit_callbacks(execute=True):
        record("b@example.org", "buit-basis", date(2026, 5, 10))
    assert count(target, **narrow) == 1


def test_a_kept_report_is_plain_data():
    """A report comes out of the cache on every report page: what is kept there must unpickle
    as plain values. A lazy label (an organisation kind's) built a proxy class per label per
    read, half the cost of a page served from the cache."""
    from django.core.cache import cache

    from reporting.counters import report_cache_keys
    from tests.plain_data import not_plain

    targets = [number_target(profession=Profession.objects.get(slug="jeugdprofessional"))]
    targets.append(coverage_target())
    record("a@example.org", "buit-basis", date(2025, 3, 1))
    record("b@example.org", "basistraining-ketenregisseur", date(2025, 3, 1))
    for scope in (Scope(as_of=AS_OF), Scope(as_of=AS_OF, start=date(2025, 2, 1))):
        reports = target_reports(targets, scope)
        kept = cache.get_many(list(report_cache_keys(targets, scope).values()))
        assert len(kept) == 2
        assert not_plain(list(kept.values())) == []
        labels = [cell.label for cell in reports[0].by_organisation_kind]
        assert labels[:2] == ["Reclassering", "Gemeente"]
