"""Background work about people."""

from celery import shared_task

from accounts.privacy import unverified_accounts_remove
from elearning.tasks import IDEMPOTENT


@shared_task(name="accounts.tasks.unverified_accounts_remove_task", **IDEMPOTENT)
def unverified_accounts_remove_task() -> int:
    return unverified_accounts_remove()
