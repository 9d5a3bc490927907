"""The worker's database connection: kept from task to task, replaced when it broke.

Tasks run here through Celery's own tracer as a worker runs them (not eagerly), with Celery's
Django fixup installed as a worker installs it, on PostgreSQL, where a closed connection is
really gone (SQLite's in-memory test database ignores close()).
"""

import uuid

import psycopg
import pytest
from celery import shared_task
from celery.app.trace import build_tracer
from celery.fixups.django import DjangoWorkerFixup
from celery.signals import beat_embedded_init, task_postrun, task_prerun, worker_process_init
from django.db import connection

from elearning.celery import app

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@shared_task(name="tests.elearning.database_backend_pid")
def database_backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.fixture
def run_in_worker():
    """Run a task as a worker does: its tracer, its signals, Celery's Django fixup."""
    fixup = DjangoWorkerFixup(app).install()
    tracer = build_tracer(database_backend_pid.name, database_backend_pid, app=app, eager=False)

    def run() -> int:
        task_id = str(uuid.uuid4())
        return tracer(task_id, [], {}, {"id": task_id}).retval

    try:
        yield run
    finally:
        beat_embedded_init.disconnect(fixup.close_database)
        task_prerun.disconnect(fixup.on_task_prerun)
        task_postrun.disconnect(fixup.on_task_postrun)
        worker_process_init.disconnect(fixup.on_worker_process_init)


def test_the_worker_keeps_its_database_connection_from_task_to_task(run_in_worker):
    first = run_in_worker()
    assert run_in_worker() == first
    assert run_in_worker() == first


def test_a_task_after_the_database_dropped_the_connection_runs_on_a_new_one(run_in_worker):
    first = run_in_worker()
    # What a restart of PostgreSQL does to the worker's connection, from another connection.
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [first])
    second = run_in_worker()
    assert second != first
