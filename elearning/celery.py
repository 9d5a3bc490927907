"""The Celery app. Configuration comes from Django settings under the CELERY_ namespace."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elearning.settings")

app = Celery("elearning")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Project-level tasks live outside the installed apps, so they are imported explicitly.
app.conf.imports = ("elearning.tasks",)


def _database_connections_check(sender=None, **_kwargs) -> None:
    """Before and after a task, treat the database connection as Django does around a request:
    drop it when it broke, was left inside a transaction or outlived CONN_MAX_AGE, and check
    it before its next query (CONN_HEALTH_CHECKS); otherwise keep it for the next task.

    Celery's Django fixup would close it around every task (unless CELERY_DB_REUSE_MAX is
    set, see settings), which made each task open a new connection: about 7 ms, twice per
    certificate (its PDF and its e-mail). An eager task runs inside its caller's request or
    transaction, whose connection is not the task's to close.
    """
    if getattr(getattr(sender, "request", None), "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()


task_prerun.connect(_database_connections_check, weak=False, dispatch_uid="leerplatform-db-pre")
task_postrun.connect(_database_connections_check, weak=False, dispatch_uid="leerplatform-db-post")
