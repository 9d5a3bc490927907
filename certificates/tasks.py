"""Background work for certificates. Thin: take ids, call a service; retries live here."""

from celery import shared_task

from certificates import services
from elearning.tasks import RETRIED_UNTIL_DONE


@shared_task(**RETRIED_UNTIL_DONE)
def certificate_pdf_render_task(certificate_id: int) -> bool:
    """Render one certificate's PDF; a certificate that already has one is skipped."""
    certificate = services.certificate_pdf_render(certificate_id=certificate_id)
    return certificate is not None and bool(certificate.pdf)


@shared_task(**RETRIED_UNTIL_DONE)
def certificate_ready_email_send_task(certificate_id: int) -> bool:
    """Tell the holder their certificate is ready, with a link; once per certificate."""
    return services.certificate_ready_email_send(certificate_id=certificate_id)


@shared_task(**RETRIED_UNTIL_DONE)
def certificate_expiry_reminders_task() -> int:
    """Mail holders whose certificate expires within CERTIFICATE_EXPIRY_REMINDER_DAYS."""
    return services.certificate_expiry_reminders_send()
