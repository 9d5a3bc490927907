"""Background work for learning. Thin: take ids, call a service; retries live here."""

from celery import shared_task
from django.db import transaction

from courses import services

RETRY = {
    "acks_late": True,
    "autoretry_for": (Exception,),
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(**RETRY)
def invitation_email_send_task(invitation_id: int) -> bool:
    """Send one invitation e-mail; one already sent is skipped (email_sent_at)."""
    return services.invitation_email_send(invitation_id=invitation_id)


@shared_task(**RETRY)
def enrolment_decision_email_send_task(enrolment_id: int) -> bool:
    """Tell a learner the coordinator approved or declined their request."""
    from courses.emails import enrolment_decision_email
    from courses.models import Enrolment

    enrolment = Enrolment.objects.select_related("user", "course").filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.status == Enrolment.Status.PENDING:
        return False
    enrolment_decision_email(enrolment).send()
    return True


@shared_task(**RETRY)
def waitlist_promotion_email_send_task(registration_id: int) -> bool:
    """Tell a learner they moved up from the waiting list to a seat."""
    from courses.emails import waitlist_promotion_email
    from courses.models import SessionRegistration

    with transaction.atomic():
        registration = (
            SessionRegistration.objects.select_related("user", "session", "session__course")
            .filter(pk=registration_id, status=SessionRegistration.Status.REGISTERED)
            .first()
        )
        if registration is None:
            return False
        waitlist_promotion_email(registration).send()
    return True


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=60, max_retries=5)
def session_reminders_send_task() -> int:
    """Mail everyone with a seat at tomorrow's sessions; idempotent via reminder_sent_at."""
    return services.session_reminders_send()
