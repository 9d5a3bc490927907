"""Project-level tasks and the options every task of the platform uses."""

from celery import shared_task
from django.core.cache import cache

# Every task is idempotent (its service is, or a status or sent marker guards it), so each is
# acknowledged only after it ran and handed back when its worker dies: a worker killed
# mid-task costs a second run, never the work.
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}

# A task that must not lose its work is also retried with growing, jittered pauses. The pause
# stays under the broker's visibility timeout (settings): a retry waiting longer would be
# handed to a second worker. After the retries the outbox's sweep sends it again.
RETRIED_UNTIL_DONE = {
    **IDEMPOTENT,
    "autoretry_for": (Exception,),
    "retry_backoff": 5,
    "retry_backoff_max": 45,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(name="elearning.tasks.ping_task")
def ping_task(token: str) -> str:
    """Leave a mark in the shared cache; proves that a worker receives and runs tasks."""
    cache.set(f"ping:{token}", "pong", 60)
    return "pong"


@shared_task(name="elearning.tasks.outbox_sweep_task", **IDEMPOTENT)
def outbox_sweep_task() -> int:
    """Send again every background task still pending in the outbox (elearning/outbox.py)."""
    from elearning.outbox import outbox_sweep

    return outbox_sweep()
