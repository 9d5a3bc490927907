"""Background work: the sweep after a broker outage, expiry reminders, a live worker."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_expiry_reminders_send, certificate_issue
from certificates.tasks import certificate_expiry_reminders_task
from elearning.celery import app
from elearning.models import OutboxEntry
from elearning.outbox import outbox_sweep
from elearning.tasks import outbox_sweep_task
from tests.certificates.test_issue import pdf_text
from tests.factories import CertificateFactory, CompletionFactory, CourseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down():
    """Celery publishes for real, to a broker address where nothing listens."""
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url = "redis://127.0.0.1:9/0"
    app.conf.task_always_eager = False
    app._after_fork()  # drop pooled connections so the new address is used

    def restore():
        app.conf.broker_url, app.conf.task_always_eager = saved
        app._after_fork()

    yield restore
    restore()


def _due_now():
    """The sweep's retry delay has passed for every pending entry."""
    OutboxEntry.objects.filter(done_at__isnull=True).update(next_attempt_at=timezone.now())


def test_sweep_renders_what_a_broker_outage_left_without_pdf(
    learner, course, broker_down, django_capture_on_commit_callbacks
):
    # Changed with issue 18: the outbox's one sweep replaces certificate_pdf_sweep_task.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        certificate = CertificateFactory(
            user=learner, course=course
        )  # the learner's request does not fail
    assert callbacks
    certificate.refresh_from_db()
    assert not certificate.pdf
    entry = OutboxEntry.objects.get(key=f"certificaat-pdf:{certificate.pk}")
    assert entry.done_at is None and entry.enqueued_at is None

    _due_now()
    assert outbox_sweep() == 0  # the broker is still down: nothing sent, nothing lost
    entry.refresh_from_db()
    assert entry.done_at is None and entry.attempts == 2

    broker_down()  # the broker is back
    _due_now()
    with django_capture_on_commit_callbacks(execute=True):
        outbox_sweep_task.delay()
    certificate.refresh_from_db()
    assert certificate.pdf
    assert certificate.display_code in pdf_text(certificate)
    entry.refresh_from_db()
    assert entry.done_at is not None
    # The PDF asked for its "ready" e-mail, sent once.
    assert [m.subject for m in mail.outbox] == [
        f"[Leerplatform] Uw certificaat {certificate.course_title} staat klaar"
    ]
    assert f"/certificaten/{certificate.uuid}/pdf/" in mail.outbox[0].body
    _due_now()
    assert outbox_sweep() == 0
    assert len(mail.outbox) == 1


def test_sweep_skips_certificates_that_have_a_pdf(certificate):
    rendered_at = certificate.pdf_rendered_at
    assert rendered_at is not None
    _due_now()
    assert outbox_sweep_task.delay().get() == 0
    certificate.refresh_from_db()
    assert certificate.pdf_rendered_at == rendered_at


def test_expiry_reminder_is_sent_once_within_the_window(learner, course, settings):
    settings.CERTIFICATE_EXPIRY_REMINDER_DAYS = 60
    refresher = CourseFactory(
        code="buit-opfris",
        title="Opfriscursus mensenhandel",
        certificate_validity_months=24,
        summary="Samenvatting",
        learning_objectives="<p>Leerdoelen</p>",
    )
    course.refresher_course = refresher
    course.save()
    certificate = CertificateFactory(user=learner, course=course)
    expires = certificate.valid_until

    assert certificate_expiry_reminders_send(today=expires - timedelta(days=61)) == 0
    assert certificate_expiry_reminders_task.delay().get() == 0  # today: two years early
    assert mail.outbox == []

    assert certificate_expiry_reminders_send(today=expires - timedelta(days=59)) == 1
    assert certificate_expiry_reminders_send(today=expires - timedelta(days=58)) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [learner.email]
    assert "verloopt binnenkort" in message.subject
    assert "Opfriscursus mensenhandel" in message.body
    assert "http://" in message.body and "/cursussen/buit-opfris/" in message.body
    certificate.refresh_from_db()
    assert certificate.reminder_sent_at is not None


def test_recertified_and_revoked_holders_get_no_reminder(learner, other_learner, course):
    mine = CertificateFactory(user=learner, course=course)
    later = mine.completion.completed_at + timedelta(days=1)
    # A new round of the same course, completed after the first: already recertified.
    complete_again = CompletionFactory(user=learner, course=course, completed_at=later)
    assert complete_again.pk == mine.completion.pk  # still valid: the same round

    from courses.models import Completion

    Completion.objects.filter(pk=mine.completion.pk).update(valid_until=mine.valid_until)
    refresher_course = CourseFactory(
        code="opfris",
        title="Opfris",
        summary="Samenvatting",
        learning_objectives="<p>Leerdoelen</p>",
    )
    course.refresher_course = refresher_course
    course.save()
    certificate_issue(
        completion=CompletionFactory(user=learner, course=refresher_course, completed_at=later)
    )

    theirs = CertificateFactory(user=other_learner, course=course)
    from certificates.services import certificate_revoke

    certificate_revoke(certificate=theirs, reason="Onterecht")
    today = mine.valid_until - timedelta(days=10)
    assert certificate_expiry_reminders_send(today=today) == 0
    assert mail.outbox == []
    mine.refresh_from_db()
    assert mine.reminder_sent_at is not None  # considered once, not again every morning


def test_expired_certificate_and_refresher_issue_a_new_certificate(learner, course):
    from tests.certificates.conftest import years_ago

    old = CertificateFactory(user=learner, course=course, completed_at=years_ago(3))
    new = CertificateFactory(user=learner, course=course)
    assert new.pk != old.pk and new.completion.round == 2
    assert Certificate.objects.filter(replaced_at__isnull=True).count() == 2


@pytest.mark.services
# The module's plain django_db mark would hide the serialized rollback that committed_db needs.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_live_worker_renders_the_pdf(celery_worker_live, learner, course):
    with transaction.atomic():
        certificate = certificate_issue(completion=CompletionFactory(user=learner, course=course))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        certificate.refresh_from_db()
        if certificate.pdf:
            break
        time.sleep(0.5)
    assert certificate.pdf, "de worker maakte binnen 60 seconden geen PDF"
    text = pdf_text(certificate)
    assert "Lieke Leerling" in text and certificate.display_code in text
