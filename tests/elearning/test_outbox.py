"""The outbox and the sent markers: work asked for once is done once, each e-mail sent once.

Runs on SQLite with eager tasks as well as under `make test-services`; the real outage, with
a Redis of its own and a live worker, is tests/elearning/test_redis_outage.py.
"""

from datetime import date

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from courses import services as learning
from courses.models import CoursePage
from courses.tasks import enrolment_decision_email_send_task, waitlist_promotion_email_send_task
from elearning.cache import ResilientRedisCache
from elearning.models import OutboxEntry
from elearning.outbox import outbox_add, outbox_done, outbox_sweep
from elearning.tasks import RETRIED_UNTIL_DONE
from reporting.monthly import monthly_report_send
from tests import factories
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_redelivered_decision_task_mails_once(learner, coordinator):
    course = factories.CourseFactory(enrolment_mode=CoursePage.EnrolmentMode.APPROVAL)
    request = learning.enrolment_request(user=learner, course=course)
    learning.enrolment_decide(enrolment=request, approve=True, decided_by=coordinator)
    entry = OutboxEntry.objects.get(key__startswith="inschrijving-besluit:")
    for _delivery in range(3):  # the first delivery, a redelivery, a sweep
        enrolment_decision_email_send_task.delay(*entry.args)
    assert [m.to for m in mail.outbox] == [[learner.email]]
    assert "toegelaten" in mail.outbox[0].subject


def test_a_redelivered_waitlist_task_mails_once_and_a_new_promotion_mails_again(
    learner, other_learner, trainer
):
    course = factories.CourseFactory()
    for person in (learner, other_learner):
        learning.enrolment_request(user=person, course=course)
    session = factories.SessionFactory(course=course, trainer=trainer, capacity=1)
    learning.session_register(user=learner, session=session)
    learning.session_register(user=other_learner, session=session)
    learning.session_cancel(user=learner, session=session)
    entry = OutboxEntry.objects.get(key__startswith="wachtlijst:")
    waitlist_promotion_email_send_task.delay(*entry.args)
    waitlist_promotion_email_send_task.delay(*entry.args)
    assert [m.to for m in mail.outbox] == [[other_learner.email]]


def test_the_sweep_sends_only_what_is_due_and_not_done(learner, coordinator):
    course = factories.CourseFactory()
    learning.invitations_send(course=course, emails=["nieuw@example.org"], invited_by=coordinator)
    entry = OutboxEntry.objects.get()
    assert entry.next_attempt_at > timezone.now()  # queued after commit; not yet the sweep's
    assert outbox_sweep() == 0
    OutboxEntry.objects.update(next_attempt_at=timezone.now())
    assert outbox_sweep() == 1
    entry.refresh_from_db()
    # Two attempts: the send after the commit is counted when the row is written, and here it
    # never ran (the test's transaction does not commit, as a process that died before it);
    # then the sweep's.
    assert entry.done_at is not None and entry.attempts == 2
    assert len(mail.outbox) == 1
    OutboxEntry.objects.update(next_attempt_at=timezone.now())
    assert outbox_sweep() == 0  # done stays done


def test_the_monthly_report_goes_once_per_recipient_even_after_a_failure_half_way(
    programme_user, monkeypatch
):
    from accounts import roles

    second = UserFactory(email="tweede@example.org", role=roles.PROGRAMME_TEAM)
    sent_to = []
    original = mail.EmailMessage.send

    def flaky(message, fail_silently=False):
        if message.to == [second.email] and not sent_to:
            sent_to.append("faalde")
            raise ConnectionError("SMTP weg")
        return original(message, fail_silently=fail_silently)

    monkeypatch.setattr(mail.EmailMessage, "send", flaky)
    with pytest.raises(ConnectionError):
        monthly_report_send(month=date(2026, 5, 1))
    assert [m.to for m in mail.outbox] == [[programme_user.email]]
    assert monthly_report_send(month=date(2026, 5, 1)) == 1  # the retry: only the one missed
    assert monthly_report_send(month=date(2026, 5, 1)) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([programme_user.email, second.email])


def test_retries_wait_less_than_the_visibility_timeout(settings):
    # A retry is held unacknowledged until its time; longer than the timeout means twice.
    assert RETRIED_UNTIL_DONE["retry_backoff_max"] < settings.CELERY_VISIBILITY_TIMEOUT
    assert RETRIED_UNTIL_DONE["acks_late"] and RETRIED_UNTIL_DONE["reject_on_worker_lost"]
    assert settings.CELERY_VISIBILITY_TIMEOUT + 10 <= 120
    assert settings.CELERY_BEAT_SCHEDULE["outbox"]["task"] == "elearning.tasks.outbox_sweep_task"


def test_asking_the_cache_for_no_keys_does_not_go_to_redis():
    # A page whose course structures are all kept in the process asks for none: no round
    # trip. Nothing listens on port 9, so a call would have failed and marked Redis down.
    cache = ResilientRedisCache("redis://127.0.0.1:9/7", {"RETRY_AFTER": 60})
    assert cache.get_many([]) == {}
    assert not cache.is_down
    assert cache.get_many(["iets"]) == {} and cache.is_down


def test_the_cache_answers_from_memory_while_redis_is_unreachable():
    # Nothing listens on port 9: every call fails at once, as with a stopped Redis.
    cache = ResilientRedisCache("redis://127.0.0.1:9/0", {"RETRY_AFTER": 60})
    cache._fallback.clear()
    assert cache.get("versie") is None
    assert cache.add("versie", 1, timeout=None) is True
    assert cache.get("versie") == 1
    assert cache.incr("versie") == 2
    with pytest.raises(ValueError):
        cache.incr("onbekend")
    cache.set_many({"a": 1, "b": 2})
    assert cache.get_many(["a", "b"]) == {"a": 1, "b": 2}
    cache.delete("a")
    assert not cache.has_key("a")
    with pytest.raises(Exception):  # noqa: B017 - /gezond/ must see the outage
        cache.ping_primary()


def test_work_just_asked_for_is_sent_without_reading_its_row_again(
    django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outbox_add(key="proef:1", task="elearning.tasks.ping_task", args=["proef"])
    # After the commit: the task (eager here, so it runs and marks the row done at once), and
    # nothing more: the row was written with this attempt counted and is not read back.
    with django_assert_num_queries(1):
        for callback in callbacks:
            callback()
    entry = OutboxEntry.objects.get(key="proef:1")
    assert entry.done_at is not None and entry.enqueued_at is not None
    assert entry.attempts == 1 and entry.next_attempt_at > timezone.now()
    assert cache.get("ping:proef") == "pong"


@pytest.mark.postgres
# Real commits: the setting under test lasts exactly one transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_only_the_outboxs_own_bookkeeping_commits_without_waiting_for_the_disk():
    first = OutboxEntry.objects.create(key="proef:3", task="elearning.tasks.ping_task")
    second = OutboxEntry.objects.create(key="proef:4", task="elearning.tasks.ping_task")
    seen = []

    def synchronous_commit_at_update(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith('UPDATE "elearning_outboxentry"'):
            with context["connection"].connection.cursor() as cursor:
                seen.append(cursor.execute("SHOW synchronous_commit").fetchone()[0])
        return result

    with connection.execute_wrapper(synchronous_commit_at_update):
        outbox_done(task_id=f"outbox-{first.pk}-proef")
        assert seen == ["off"]
        with transaction.atomic():  # a caller's transaction, with a fact of its own
            OutboxEntry.objects.create(key="proef:5", task="elearning.tasks.ping_task")
            outbox_done(task_id=f"outbox-{second.pk}-proef")
        assert seen == ["off", "on"]  # the caller's commit still waits for the disk
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"  # and so does every later commit
    assert OutboxEntry.objects.filter(done_at__isnull=False).count() == 2
