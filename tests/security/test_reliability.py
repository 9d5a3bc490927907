"""Background work never loses a fact: a broker outage and a dying worker, for real.

Both tests run a real Celery worker against Redis and PostgreSQL (`make test-services`):
(a) the broker is unreachable while a learner completes a course: the learner's request still
    succeeds, the completion and certificate are committed, and once the broker is back the
    outbox's sweep renders the PDF; exactly one certificate exists.
(b) a worker is killed (SIGKILL) in the middle of rendering a PDF: because tasks are
    acknowledged late, Redis hands the task to the next worker after the visibility timeout
    of the production settings (60 s, looked for every 10 s), and the PDF is rendered exactly
    once, within two minutes of the new worker.
"""

import os
import signal
import subprocess
import threading
import time

import pytest
from django.db import connection, connections
from django.utils import timezone

from certificates.models import Certificate
from certificates.tasks import certificate_pdf_render_task
from courses.models import Completion
from courses.services import enrolment_request
from elearning.celery import app
from elearning.models import OutboxEntry
from elearning.outbox import outbox_sweep
from tests import factories
from tests.factories import UserFactory
from tests.live import wait_for, worker_start, worker_stop

pytestmark = pytest.mark.services

# Changed with issue 18: the killed worker's task must come back with the production settings
# (no shortened visibility timeout) within two minutes of a new worker.
REDELIVERY_WITHIN = 120


class _BrokerDown:
    """Celery in this process publishes to an address where nothing listens."""

    def __enter__(self):
        self.saved = app.conf.broker_url
        app.conf.broker_url = "redis://127.0.0.1:9/0"
        app._after_fork()  # drop pooled connections so the new address is used
        return self

    def __exit__(self, *exc):
        app.conf.broker_url = self.saved
        app._after_fork()


def _course_with_one_lesson():
    course = factories.CourseFactory(code="rel-basis", title="Betrouwbaarheid")
    lesson = factories.LessonFactory(parent=factories.ModuleFactory(parent=course))
    return course, lesson


def test_completion_during_a_broker_outage_yields_one_certificate(celery_worker_live, client):
    learner = UserFactory(email="uitval@example.org", first_name="Uma", last_name="Uitval")
    course, lesson = _course_with_one_lesson()
    enrolment_request(user=learner, course=course)
    client.force_login(learner)

    with _BrokerDown():
        response = client.post(f"/leren/les/{lesson.pk}/afronden/")
    # The learner's request does not fail: the fact is committed, the task could not be queued.
    assert response.status_code == 302
    assert response.url == "/mijn/"
    completion = Completion.objects.get(user=learner, course=course)
    certificate = Certificate.objects.get(completion=completion)
    assert not certificate.pdf

    # The broker is back: the outbox's sweep re-queues the render, the worker renders it.
    OutboxEntry.objects.update(next_attempt_at=timezone.now())
    assert outbox_sweep() == 1

    def rendered():
        certificate.refresh_from_db()
        return bool(certificate.pdf)

    wait_for(rendered, timeout=40, message="De sweep renderde het certificaat niet.")
    assert Certificate.objects.filter(completion__course=course).count() == 1
    assert Completion.objects.filter(person_key=learner.person_key).count() == 1
    with certificate.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # A second sweep finds nothing left to do.
    rendered_at = certificate.pdf_rendered_at
    OutboxEntry.objects.filter(done_at__isnull=True).update(next_attempt_at=timezone.now())
    outbox_sweep()
    time.sleep(1)
    certificate.refresh_from_db()
    assert certificate.pdf_rendered_at == rendered_at


def _start_worker(settings) -> subprocess.Popen:
    # Not waited for: the timings below count from the moment the process exists. The
    # production visibility timeout, never a shortened one from the environment.
    return worker_start(settings, drop_env=("CELERY_VISIBILITY_TIMEOUT",), ready=False)


def _backends_waiting_for_a_lock() -> int:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


class _RowLock(threading.Thread):
    """Holds the certificate row locked in another connection until released.

    The render service locks the same row first thing; a worker that picked up the task is
    then provably inside it (delivered, running, not yet acknowledged) when it is killed.
    """

    def __init__(self, certificate_id: int):
        super().__init__(daemon=True)
        self.certificate_id = certificate_id
        self.locked = threading.Event()
        self.release = threading.Event()

    def run(self):
        from django.db import transaction

        try:
            with transaction.atomic():
                Certificate.objects.select_for_update().get(pk=self.certificate_id)
                self.locked.set()
                self.release.wait(timeout=60)
        finally:
            connections.close_all()


def test_a_worker_killed_mid_render_hands_the_task_back(committed_db, settings):
    if not os.environ.get("REDIS_URL") or connection.vendor != "postgresql":
        pytest.fail("Deze test heeft REDIS_URL en PostgreSQL nodig: make test-services")
    learner = UserFactory(email="afgebroken@example.org", first_name="Bo", last_name="Breuk")
    course, lesson = _course_with_one_lesson()
    enrolment_request(user=learner, course=course)
    # Issued with the broker out of reach, so no render is queued before the test queues one.
    app.conf.task_always_eager = False
    with _BrokerDown():
        from courses.services import lesson_complete

        lesson_complete(user=learner, lesson=lesson)
    certificate = Certificate.objects.get(completion__user=learner)
    assert not certificate.pdf

    lock = _RowLock(certificate.pk)
    first = second = None
    try:
        lock.start()
        assert lock.locked.wait(timeout=10)
        first = _start_worker(settings)
        certificate_pdf_render_task.delay(certificate.pk)
        wait_for(
            _backends_waiting_for_a_lock,
            timeout=30,
            message="De worker begon niet aan de taak.",
        )
        first.send_signal(signal.SIGKILL)  # mid-task: delivered, running, not acknowledged
        first.wait(timeout=10)
        lock.release.set()
        lock.join(timeout=10)
        certificate.refresh_from_db()
        assert not certificate.pdf  # the killed worker rendered nothing

        # A new worker: after the visibility timeout it gets the same task back from Redis.
        second = _start_worker(settings)
        started = time.monotonic()

        def rendered():
            certificate.refresh_from_db()
            return bool(certificate.pdf)

        wait_for(
            rendered,
            timeout=REDELIVERY_WITHIN,
            message="De taak kwam niet binnen twee minuten terug na het afbreken.",
        )
        assert time.monotonic() - started < REDELIVERY_WITHIN
    finally:
        app.conf.task_always_eager = True
        lock.release.set()
        for worker in (first, second):
            worker_stop(worker)

    assert Certificate.objects.filter(completion__user=learner).count() == 1
    files = list((settings.MEDIA_ROOT / os.path.dirname(certificate.pdf.name)).iterdir())
    assert [f.name for f in files] == [os.path.basename(certificate.pdf.name)]
    with certificate.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
