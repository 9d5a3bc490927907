"""Background work of the reports: the daily counter snapshots and the monthly report e-mail."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone
from django.utils.formats import date_format

from accounts import roles
from accounts.models import Function, Region
from reporting.counters import Scope, target_report
from reporting.models import CounterSnapshot, ExpectedHeadcount, MonthlyReportDispatch, Target
from reporting.monthly import month_end, month_last_ended, monthly_report_send
from reporting.snapshots import BACKFILL_DAYS, counter_snapshots_take
from reporting.tasks import counter_snapshot_take_task, monthly_report_send_task
from tests.factories import UserFactory
from tests.reporting.conftest import record

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def yesterday():
    return today() - timedelta(days=1)


def make_target(slug="reclassering-250", **extra) -> Target:
    fields = {
        "title": "Reclassering",
        "course_codes": ["reclassering-mensenhandel"],
        "mode": Target.Mode.NUMBER,
        "target_number": 250,
        "period_start": today() - timedelta(days=400),
        "deadline": today() + timedelta(days=400),
        **extra,
    }
    return Target.objects.create(slug=slug, **fields)


def make_coverage_target() -> Target:
    function = Function.objects.get(slug="ketenregisseur")
    ExpectedHeadcount.objects.create(
        function=function,
        region=Region.objects.get(kind__slug="riec", code="midden-nederland"),
        headcount=4,
    )
    return make_target(
        slug="ketenregisseurs-2026",
        title="Ketenregisseurs",
        mode=Target.Mode.COVERAGE,
        target_number=None,
        function=function,
        course_codes=["basistraining-ketenregisseur"],
    )


def complete(email, *, code="reclassering-mensenhandel", days_ago=3, recorded_days_ago=None, **kw):
    """A completion `days_ago`, recorded on the platform `recorded_days_ago` (default: then)."""
    today = timezone.localdate()
    recorded = days_ago if recorded_days_ago is None else recorded_days_ago
    return record(
        email,
        code,
        today - timedelta(days=days_ago),
        recorded_on=today - timedelta(days=recorded),
        source="import",
        **kw,
    )


# --- Daily snapshots -------------------------------------------------------------------------


def test_the_snapshot_of_yesterday_is_the_report_as_of_yesterday():
    number = make_target()
    coverage = make_coverage_target()
    ketenregisseur = Function.objects.get(slug="ketenregisseur")
    for n in range(3):
        complete(f"r{n}@example.org")
    complete("r9@example.org", days_ago=0)  # today: not in yesterday's figure
    complete("k0@example.org", code="basistraining-ketenregisseur", functions=[ketenregisseur])

    counter_snapshot_take_task.delay()

    for target in (number, coverage):
        snapshot = CounterSnapshot.objects.get(target=target, taken_on=yesterday())
        report = target_report(target, Scope(as_of=yesterday()))
        assert snapshot.count == report.count
        assert snapshot.regions_covered == report.regions_covered
        assert snapshot.regions_total == report.regions_total
    assert CounterSnapshot.objects.get(target=number, taken_on=yesterday()).count == 3
    assert CounterSnapshot.objects.get(target=number, taken_on=yesterday()).expected is None
    snapshot = CounterSnapshot.objects.get(target=coverage, taken_on=yesterday())
    assert (snapshot.count, snapshot.expected, snapshot.regions_covered) == (1, 4, 1)
    assert snapshot.regions_total == Region.objects.filter(kind__slug="riec").count()
    assert not CounterSnapshot.objects.filter(taken_on=today()).exists()


def test_taking_the_snapshots_twice_writes_each_once():
    make_target()
    make_coverage_target()
    complete("r0@example.org")
    first = counter_snapshots_take()
    assert first == 2 * BACKFILL_DAYS
    assert counter_snapshots_take() == 0
    assert counter_snapshot_take_task.delay().get() == 0
    assert CounterSnapshot.objects.count() == first


def test_a_completion_recorded_later_changes_neither_the_snapshot_nor_the_recount(
    django_capture_on_commit_callbacks,
):
    target = make_target()
    complete("r0@example.org", days_ago=3)
    counter_snapshots_take()
    assert CounterSnapshot.objects.get(target=target, taken_on=yesterday()).count == 1

    # Imported today, completed three days ago: it was not known at the end of yesterday.
    with django_capture_on_commit_callbacks(execute=True):
        complete("laat@example.org", days_ago=3, recorded_days_ago=0)

    assert counter_snapshots_take() == 0
    assert CounterSnapshot.objects.get(target=target, taken_on=yesterday()).count == 1
    assert target_report(target, Scope(as_of=yesterday())).count == 1
    assert target_report(target, Scope.today()).count == 2  # known as of today


def test_missing_days_are_filled_back_to_the_previous_snapshot():
    target = make_target()
    complete("r0@example.org", days_ago=20)
    complete("r1@example.org", days_ago=8)

    assert counter_snapshots_take(yesterday() - timedelta(days=10)) == BACKFILL_DAYS
    # The daily run stopped for ten days; the next run fills them.
    assert counter_snapshots_take() == 10
    days = set(CounterSnapshot.objects.filter(target=target).values_list("taken_on", flat=True))
    assert days == {yesterday() - timedelta(days=n) for n in range(BACKFILL_DAYS + 10)}
    # Each filled day has the figure as it stood at the end of that day.
    counts = dict(CounterSnapshot.objects.filter(target=target).values_list("taken_on", "count"))
    assert counts[today() - timedelta(days=21)] == 0
    assert counts[today() - timedelta(days=20)] == 1
    assert counts[today() - timedelta(days=8)] == 2
    assert all(
        counts[day] == target_report(target, Scope(as_of=day)).count
        for day in (today() - timedelta(days=n) for n in (1, 8, 9, 20, 21))
    )

    # A hole in the middle is filled too; nothing else is touched.
    CounterSnapshot.objects.filter(target=target, taken_on=yesterday() - timedelta(days=5)).delete()
    assert counter_snapshots_take() == 1


def test_filling_stops_at_the_window_and_at_the_start_of_the_period():
    old = make_target()
    new = make_target(slug="nieuw", title="Nieuw", period_start=today() - timedelta(days=3))
    make_target(slug="later", title="Later", period_start=today() + timedelta(days=10))
    counter_snapshots_take()
    assert CounterSnapshot.objects.filter(target=old).count() == BACKFILL_DAYS
    assert CounterSnapshot.objects.filter(target=new).count() == 3
    assert CounterSnapshot.objects.count() == BACKFILL_DAYS + 3


# --- Monthly report --------------------------------------------------------------------------


@pytest.fixture
def team(programme_user, learner, vng_user, administrator):
    UserFactory(email="oud-lid@example.org", role=roles.PROGRAMME_TEAM, is_active=False)
    return [programme_user]


def test_the_monthly_report_goes_to_the_programme_team_only(team):
    target = make_target()
    for n in range(3):
        complete(f"r{n}@example.org", days_ago=40)
    complete("deze-maand@example.org", days_ago=0)  # after the month's last day

    assert monthly_report_send_task.delay().get() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [team[0].email]
    as_of = month_end(month_last_ended())
    assert message.subject == f"Maandrapport leerplatform: stand per {date_format(as_of, 'j F Y')}"
    link = f"{settings.SITE_URL.rstrip('/')}/rapportage/?peildatum={as_of.isoformat()}"
    assert "Reclassering" in message.body
    assert "Getraind: 3 van 250 personen (1%)" in message.body
    report = target_report(target, Scope(as_of=as_of))
    assert f"Nodig tempo: {report.pace_needed} personen per maand" in message.body
    assert report.pace_recent == 1  # three people in the last 90 days
    assert "Tempo afgelopen 90 dagen: 1 persoon per maand" in message.body
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert '<td align="right">3</td>' in html
    dispatch = MonthlyReportDispatch.objects.get()
    assert dispatch.month == month_last_ended()
    assert dispatch.recipient_count == 1
    assert dispatch.sent_at is not None


def test_the_monthly_report_goes_out_once_per_month(team):
    make_target()
    assert monthly_report_send() == 1
    assert monthly_report_send() == 0
    assert monthly_report_send_task.delay().get() == 0
    assert len(mail.outbox) == 1
    # Another month is another report.
    earlier = (month_last_ended() - timedelta(days=1)).replace(day=1)
    assert monthly_report_send(month=earlier) == 1
    assert len(mail.outbox) == 2
    assert MonthlyReportDispatch.objects.count() == 2


def test_a_crash_before_the_report_is_marked_sent_sends_it_again(team, monkeypatch):
    make_target()

    def broken(self, messages):
        raise ConnectionError("SMTP weg")

    monkeypatch.setattr(EmailBackend, "send_messages", broken)
    with pytest.raises(ConnectionError):
        monthly_report_send()
    assert not MonthlyReportDispatch.objects.filter(sent_at__isnull=False).exists()

    monkeypatch.undo()
    assert monthly_report_send() == 1  # the retry
    assert len(mail.outbox) == 1
    assert monthly_report_send() == 0


def test_a_month_without_recipients_stays_unsent(learner):
    make_target()
    assert monthly_report_send() == 0
    assert mail.outbox == []
    assert not MonthlyReportDispatch.objects.filter(sent_at__isnull=False).exists()
