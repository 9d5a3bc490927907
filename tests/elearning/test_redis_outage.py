"""Redis is a cache, not a single point of failure: an outage mid-journey, for real.

A Redis of this test's own (a free port, stopped by its PID) is the cache and the broker of
the app in this process and of a live Celery worker. While it is down a learner finishes the
course (lesson, toets, certificate), people log in with the rate limits still counting, a
coordinator decides a request, invites, a seat moves up from the waiting list, an export and
an import are asked for, and /gezond/ says 503 for cache and broker. Once Redis is back, the
outbox's sweep sends what waited, and exactly one PDF and one e-mail of each kind exist, also
after the sweep and a redelivered task ran again.
"""

import os
import socket
import subprocess
import time
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from allauth.account.adapter import get_adapter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from certificates.models import Certificate
from courses import services as learning
from courses.models import CoursePage, Enrolment
from elearning.celery import app
from elearning.models import OutboxEntry, SentEmail
from elearning.outbox import outbox_sweep
from reporting.counters import Scope
from reporting.exports import export_request
from reporting.imports import import_batch_queue, import_batch_validate
from reporting.models import ExportRequest, ImportBatch
from tests import factories
from tests.factories import PASSWORD, UserFactory
from tests.live import wait_for, worker_start, worker_stop

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A redis-server on a free port, in a folder of the test, stopped by its own PID."""

    def __init__(self, folder):
        self.folder = folder
        self.port = _free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip

        def answers():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    return sock.recv(16).startswith(b"+PONG")
            except OSError:
                return False

        wait_for(answers, timeout=10, message="De eigen Redis startte niet.", pause=0.2)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def own_redis(tmp_path, settings):
    """This process's cache and broker on a Redis of the test's own."""
    redis = OwnRedis(tmp_path)
    redis.start()
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "elearning.cache.ResilientRedisCache",
            "LOCATION": redis.url,
            "RETRY_AFTER": 0.5,
        }
    }
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url = redis.url
    app.conf.task_always_eager = False
    app._after_fork()  # drop pooled connections so the new address is used
    try:
        yield redis
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        app._after_fork()
        redis.stop()


@pytest.fixture
def mail_folder(tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


def _start_worker(redis: OwnRedis, settings, mail_folder) -> subprocess.Popen:
    env = {"REDIS_URL": redis.url, "EMAIL_URL": "", "EMAIL_FILE_PATH": str(mail_folder)}
    return worker_start(settings, env=env)


def _subjects(folder) -> list[str]:
    """Subjects of every e-mail the worker wrote (file backend: messages split by dashes)."""
    subjects = []
    for path in sorted(folder.iterdir()):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                subject = message_from_bytes(chunk.strip())["Subject"]
                subjects.append(str(make_header(decode_header(subject))))
    return subjects


def _kind(subject: str) -> str:
    for kind in ("Uitnodiging", "toegelaten", "plaats voor u vrijgekomen", "staat klaar"):
        if kind in subject:
            return kind
    return subject


def _toets_post(toets) -> dict:
    data = {"submission_key": "0b0e2b1c-3c1f-4e0a-9a51-0d6f2a9d5e11"}
    for block in toets.questions.raw_data:
        correct = [o["id"] for o in block["value"]["options"] if o["value"]["is_correct"]]
        data[f"vraag-{block['id']}"] = correct
    return data


def test_a_redis_outage_mid_journey_loses_nothing_and_doubles_nothing(
    own_redis, settings, mail_folder, client, coordinator, programme_user, trainer
):
    settings.OUTBOX_RETRY_AFTER_SECONDS = 1
    learner = UserFactory(email="storing@example.org", first_name="Sam", last_name="Storing")
    waiting = UserFactory(email="wachtend@example.org", first_name="Wim", last_name="Wachter")
    applicant = UserFactory(email="aanvrager@example.org", first_name="Ada", last_name="Aanvraag")
    course = factories.CourseFactory(code="storing-basis", title="Doorwerken bij storing")
    module = factories.ModuleFactory(parent=course)
    lesson = factories.LessonFactory(parent=module)
    toets = factories.ToetsFactory(
        parent=module,
        questions=[
            factories.question(
                "Wat is een signaal?",
                [factories.option("Een aanwijzing", correct=True), factories.option("Niets")],
            )
        ],
    )
    closed = factories.CourseFactory(
        code="storing-besloten",
        title="Besloten cursus",
        enrolment_mode=CoursePage.EnrolmentMode.APPROVAL,
    )
    session = factories.SessionFactory(course=course, trainer=trainer, capacity=1)
    learning.enrolment_request(user=learner, course=course)
    learning.enrolment_request(user=waiting, course=course)
    request = learning.enrolment_request(user=applicant, course=closed)
    learning.session_register(user=learner, session=session)
    learning.session_register(user=waiting, session=session)
    worker = _start_worker(own_redis, settings, mail_folder)
    try:
        assert (
            client.post(
                "/accounts/login/", {"login": learner.email, "password": PASSWORD}
            ).status_code
            == 302
        )
        assert client.get(lesson.url).status_code == 200  # fills the cache and the snapshot

        own_redis.stop()  # --- the outage ---------------------------------------------------

        health = client.get("/gezond/")
        assert health.status_code == 503
        assert set(health.json()["failed"]) == {"cache", "broker"}
        # The signed-in learner keeps working: pages, the lesson, the toets.
        assert client.get("/mijn/").status_code == 200
        assert client.get(course.url).status_code == 200
        assert client.get(lesson.url).status_code == 200
        assert client.post(f"/leren/les/{lesson.pk}/afronden/").status_code == 302
        assert client.get(toets.url).status_code == 200
        assert client.post(
            f"/leren/toets/{toets.pk}/inleveren/", _toets_post(toets)
        ).status_code in (
            200,
            302,
        )
        certificate = Certificate.objects.get(completion__user=learner)
        assert not certificate.pdf
        # Everyone else's work of the day goes on too.
        learning.enrolment_decide(enrolment=request, approve=True, decided_by=coordinator)
        learning.invitations_send(
            course=course, emails=["nieuw@example.org"], invited_by=coordinator
        )
        learning.session_cancel(user=learner, session=session)  # the waiting one moves up
        export = export_request(
            user=programme_user,
            table="doelen",
            format="csv",
            scope=Scope(as_of=timezone.localdate()),
        )
        batch = import_batch_validate(
            file=SimpleUploadedFile(
                "buit.csv",
                b"email;gemeente;afgerond_op\r\nimport@example.org;GM0344;2025-03-14\r\n",
            ),
            source="BUIT e-learning",
            course_code="buit-extern",
            user=programme_user,
        )
        import_batch_queue(batch=batch, user=programme_user)
        # Log-in works, and its rate limit still counts (per process while Redis is gone).
        other = client.__class__()
        wrong = [
            other.post("/accounts/login/", {"login": waiting.email, "password": "fout-wachtwoord"})
            for _ in range(6)
        ]
        too_many = str(get_adapter().error_messages["too_many_login_attempts"])
        assert all(response.status_code == 200 for response in wrong)
        assert too_many not in wrong[0].context["form"].non_field_errors()
        assert too_many in wrong[-1].context["form"].non_field_errors()
        assert (
            other.post(
                "/accounts/login/", {"login": applicant.email, "password": PASSWORD}
            ).status_code
            == 302
        )
        assert other.get("/mijn/").status_code == 200
        pending = OutboxEntry.objects.filter(done_at__isnull=True)
        assert pending.count() == 6  # PDF, decision, invitation, waiting list, export, import
        assert not pending.exclude(enqueued_at__isnull=True).exists()

        own_redis.start()  # --- Redis is back (empty: every queued message is gone) --------
        time.sleep(1)  # this process's cache tries Redis again after RETRY_AFTER
        assert client.get("/gezond/").status_code == 200

        def all_done():
            OutboxEntry.objects.filter(done_at__isnull=True).update(next_attempt_at=timezone.now())
            outbox_sweep()  # what beat runs every minute
            return not OutboxEntry.objects.filter(done_at__isnull=True).exists()

        wait_for(
            all_done, pause=0.2, timeout=90, message="De outbox raakte niet leeg na de storing."
        )
        # The sweep once more, and a redelivered e-mail task: nothing is made or sent twice.
        OutboxEntry.objects.update(done_at=None, next_attempt_at=timezone.now())
        outbox_sweep()
        wait_for(
            all_done, pause=0.2, timeout=60, message="De tweede ronde van de outbox liep niet af."
        )
    finally:
        worker_stop(worker)

    certificate.refresh_from_db()
    pdfs = list((settings.MEDIA_ROOT / "certificaten").rglob("*.pdf"))
    assert [p.name for p in pdfs] == [os.path.basename(certificate.pdf.name)]
    kinds = sorted(_kind(s) for s in _subjects(mail_folder))
    assert kinds == sorted(
        ["Uitnodiging", "toegelaten", "plaats voor u vrijgekomen", "staat klaar"]
    )
    assert (
        SentEmail.objects.count() == 3
    )  # decision, waiting list, certificate (+ invitation's own)
    export.refresh_from_db()
    assert export.status == ExportRequest.Status.READY
    assert len(list((settings.MEDIA_ROOT / "exports").rglob("*.csv"))) == 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED and batch.created_count == 1
    assert Enrolment.objects.get(pk=request.pk).status == Enrolment.Status.ACTIVE
