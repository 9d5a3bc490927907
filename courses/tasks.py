"""Background work for learning. Thin: take ids, call a service; retries live here.

Each e-mail task is queued through the outbox (elearning/outbox.py) and sends at most once per
event: the invitation by its email_sent_at, the reminders by reminder_sent_at, the others by
their outbox key as sent marker (elearning/mail.py).
"""

from celery import shared_task

from courses import services
from elearning.tasks import RETRIED_UNTIL_DONE


@shared_task(**RETRIED_UNTIL_DONE)
def invitation_email_send_task(invitation_id: int) -> bool:
    """Send one invitation e-mail; one already sent is skipped (email_sent_at)."""
    return services.invitation_email_send(invitation_id=invitation_id)


@shared_task(**RETRIED_UNTIL_DONE)
def enrolment_decision_email_send_task(enrolment_id: int, event: str) -> bool:
    """Tell a learner the coordinator approved or declined their request, once per decision."""
    return services.enrolment_decision_email_send(enrolment_id=enrolment_id, event=event)


@shared_task(**RETRIED_UNTIL_DONE)
def waitlist_promotion_email_send_task(registration_id: int, event: str) -> bool:
    """Tell a learner they moved up from the waiting list to a seat, once per promotion."""
    return services.waitlist_promotion_email_send(registration_id=registration_id, event=event)


@shared_task(**RETRIED_UNTIL_DONE)
def session_reminders_send_task() -> int:
    """Mail everyone with a seat at tomorrow's sessions; idempotent via reminder_sent_at."""
    return services.session_reminders_send()
