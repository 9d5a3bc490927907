"""Project-level tasks."""

from celery import shared_task
from django.core.cache import cache


@shared_task(name="elearning.tasks.ping_task")
def ping_task(token: str) -> str:
    """Leave a mark in the shared cache; proves that a worker receives and runs tasks."""
    cache.set(f"ping:{token}", "pong", 60)
    return "pong"
