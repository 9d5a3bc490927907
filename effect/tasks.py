"""Background work of the effect measurement. Thin: take ids, call a service."""

from celery import shared_task

from effect import services
from elearning.tasks import RETRIED_UNTIL_DONE


@shared_task(**RETRIED_UNTIL_DONE)
def follow_up_invitations_send_task(today: str | None = None) -> int:
    """Invite completers whose follow-up day has come; `today` (ISO date) moves the clock."""
    from datetime import date

    return services.follow_up_invitations_send(today=date.fromisoformat(today) if today else None)


@shared_task(**RETRIED_UNTIL_DONE)
def follow_up_email_send_task(invitation_id: int, reminder: bool = False) -> bool:
    """Send one invitation or its reminder; once, whatever redelivers this task."""
    return services.follow_up_email_send(invitation_id=invitation_id, reminder=reminder)
