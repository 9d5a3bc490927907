"""The one way tests run a real Celery worker: a process against the test database, a Redis
(the shared one, or a test's own) and this checkout, stopped by its own PID.

Used by the `celery_worker_live` fixture (tests/conftest.py) and by the fault tests that start,
kill and restart workers themselves (tests/elearning/test_redis_outage.py,
tests/security/test_reliability.py).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def wait_for(predicate, *, timeout: float, message: str, pause: float = 0.1):
    """`predicate()`'s first truthy value within `timeout` seconds; the test fails otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(pause)
    pytest.fail(message)


def live_db_url(connection_settings) -> str:
    name = connection_settings["NAME"]
    host = connection_settings.get("HOST") or "127.0.0.1"
    port = connection_settings.get("PORT") or 5432
    user = connection_settings.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{name}"


def worker_start(
    settings, *, env: dict | None = None, drop_env: tuple = (), ready: bool = True
) -> subprocess.Popen:
    """A Celery worker process (solo pool) with the production settings on the test database.

    `env` adds or overrides variables (another Redis, a mail folder); `drop_env` removes some
    (a shortened timeout a test must not inherit). With `ready` it returns once the worker
    answers a ping, and the test fails when it does not within 30 s.
    """
    from elearning.celery import app

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "elearning.settings",
        "DATABASE_URL": live_db_url(connection.settings_dict),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **(env or {}),
    }
    for name in drop_env:
        environment.pop(name, None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "elearning", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-heartbeat", "--without-mingle", "--without-gossip"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    if ready:
        try:
            wait_for(
                lambda: app.control.ping(timeout=0.5) or worker.poll() is not None,
                timeout=30,
                message="De Celery-worker antwoordde niet binnen 30 seconden.",
            )
            if worker.poll() is not None:
                pytest.fail("De Celery-worker stopte direct na het starten.")
        except BaseException:
            # A worker left behind would take the next test's tasks with this test's media.
            worker_stop(worker)
            raise
    return worker


def worker_stop(worker: subprocess.Popen | None) -> None:
    """Stop a worker this test started (by its PID): politely first, then for good."""
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
