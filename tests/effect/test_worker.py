"""With a real Celery worker: the follow-up invitation goes out once, however often its task
is delivered (a sweep, a redelivery, a second beat)."""

import time
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from effect.models import FollowUpInvitation
from effect.services import follow_up_invitations_send
from effect.tasks import follow_up_email_send_task
from elearning.models import OutboxEntry, SentEmail
from elearning.outbox import outbox_sweep
from tests.effect.factories import complete, make_measured_course
from tests.factories import UserFactory


@pytest.fixture
def mail_folder(tmp_path, monkeypatch):
    """Where the worker (a separate process) writes its e-mails; set before it starts."""
    folder = tmp_path / "mail"
    monkeypatch.setenv("EMAIL_FILE_PATH", str(folder))
    return folder


def _messages_to(folder, address) -> int:
    if not folder.exists():
        return 0
    return sum(
        path.read_text(errors="replace").count(f"To: {address}") for path in folder.iterdir()
    )


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_invitation_is_sent_once_under_redelivery(mail_folder, celery_worker_live):
    learner = UserFactory(email="vervolg@example.org", first_name="Vera")
    course, _ = make_measured_course()
    done = timezone.localdate() - timedelta(days=91)
    complete(learner.email, course, done, user=learner)
    with transaction.atomic():
        assert follow_up_invitations_send(today=timezone.localdate()) == 1
    invitation = FollowUpInvitation.objects.get()
    # The same task again, as a redelivery or a second beat would hand it out, and a sweep
    # that finds the outbox row still pending.
    for _ in range(3):
        follow_up_email_send_task.apply_async(args=[invitation.pk, False])
    OutboxEntry.objects.update(next_attempt_at=timezone.now() - timedelta(minutes=1))
    outbox_sweep()
    with transaction.atomic():
        assert follow_up_invitations_send(today=timezone.localdate()) == 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if OutboxEntry.objects.filter(done_at__isnull=True).count() == 0 and _messages_to(
            mail_folder, learner.email
        ):
            break
        time.sleep(0.5)
    time.sleep(3)  # the redelivered copies have had their turn
    assert _messages_to(mail_folder, learner.email) == 1
    assert SentEmail.objects.filter(key=f"effect-uitnodiging:{invitation.pk}").count() == 1
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
