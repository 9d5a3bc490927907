"""The Leerplatform project package: settings, URLs, the Celery app and WSGI entry point."""

from elearning.celery import app as celery_app

__all__ = ["celery_app"]
