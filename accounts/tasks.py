"""Background work about people."""

from celery import shared_task

from accounts.privacy import unverified_accounts_remove


@shared_task(name="accounts.tasks.unverified_accounts_remove_task", acks_late=True)
def unverified_accounts_remove_task() -> int:
    return unverified_accounts_remove()
