"""Project-level tasks."""

from celery import shared_task
from django.core.cache import cache

# Options of a task that must not lose its work: acknowledged after it ran (a worker that
# dies mid-task gets it redelivered) and retried with growing, jittered pauses.
RETRIED_UNTIL_DONE = {
    "acks_late": True,
    "autoretry_for": (Exception,),
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(name="elearning.tasks.ping_task")
def ping_task(token: str) -> str:
    """Leave a mark in the shared cache; proves that a worker receives and runs tasks."""
    cache.set(f"ping:{token}", "pong", 60)
    return "pong"
