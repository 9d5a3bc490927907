"""Interop speed: the SCORM commit endpoint under 8 clients, and ingesting 10,000 xAPI statements.

Standalone (bench/run.py or a person can call it):

    BENCH_INTEROP_DATABASE_URL=postgres://postgres@127.0.0.1:5432/lp_interop \
    BENCH_INTEROP_REDIS_URL=redis://127.0.0.1:6379/8 .venv/bin/python bench/interop.py

1. Migrates its own database (recreated each run) and sets up a course with a SCORM 2004
   package lesson, one learner with a logged-in session and an attempt per client, and an xAPI
   partner with a mapping.
2. Serves the app with gunicorn (2 sync workers, DEBUG off, Redis cache) on 127.0.0.1.
3. SCORM: 8 client threads, each with its own keep-alive connection, session and attempt,
   POST commits (sequence, session, CMI data, a CSRF cookie and header); after 20 warm-up
   requests each measures for BENCH_INTEROP_SECONDS, keeping the latency of every request.
   Budget: p99 < 50 ms.
   Then the same on new attempts: every request is the first commit of an attempt nobody has
   committed to yet (BENCH_INTEROP_NEW_ATTEMPTS per client, learners made in bulk), one pass
   each, as when a cohort starts a package. Budget: p99 < 50 ms.
4. xAPI: 10,000 statements about distinct people (a tenth of them twice, as completed and
   passed) POSTed in batches of 500 by one partner; the wall time from the first request to
   the last answer. Budget: < 20 s.
BENCH_INTEROP_SKIP_SETUP=1 reuses the database and fixture of the last run (its xAPI statements
then already exist, so the ingest measures replays). Prints one JSON object (and writes it to
bench/results/interop-latest.json); exits 1 when a budget is missed.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from environment import SERVER_SETTINGS, gunicorn_start  # bench/, the script's own folder

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORK = ROOT / "bench" / ".work-interop"
CLIENTS = int(os.environ.get("BENCH_INTEROP_CLIENTS", "8"))
SECONDS = float(os.environ.get("BENCH_INTEROP_SECONDS", "10"))
STATEMENTS = int(os.environ.get("BENCH_INTEROP_STATEMENTS", "10000"))
BATCH = 500
NEW_ATTEMPTS = int(os.environ.get("BENCH_INTEROP_NEW_ATTEMPTS", "150"))  # per client
WARM_UP = 20  # requests per client before measuring (workers loaded, connections open)
CSRF = "BenchCsrfToken0123456789abcdefgh"  # 32 alphanumerics: a valid unmasked secret
P99_BUDGET_MS = 50.0
INGEST_BUDGET_S = 20.0
ACTIVITY = "https://partner.example.org/activiteiten/e-learning"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT = int(os.environ.get("BENCH_INTEROP_PORT", _free_port()))
ENV = {
    **os.environ,
    **SERVER_SETTINGS,
    "DATABASE_URL": os.environ.get(
        "BENCH_INTEROP_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/leerplatform_interop"
    ),
    # A Redis database of its own: the cache holds what was read from the database (the
    # catalogue index, outlines, versions), and bench/run.py's server uses 5 for its own.
    "REDIS_URL": os.environ.get("BENCH_INTEROP_REDIS_URL", "redis://127.0.0.1:6379/8"),
    "SITE_URL": f"http://127.0.0.1:{PORT}",
    "MEDIA_ROOT": str(WORK / "media"),
    "STATIC_ROOT": str(WORK / "static"),
    "CELERY_TASK_ALWAYS_EAGER": "1",
}


def log(message: str) -> None:
    print(f"[interop {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def database_recreate() -> None:
    import psycopg

    url = ENV["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    import redis

    # What the cache kept was read from the database just dropped.
    redis.Redis.from_url(ENV["REDIS_URL"]).flushdb()


def manage(*args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=ENV, check=True)


SETUP = """
import io, json
from datetime import date
from django.conf import settings
from django.test import Client
from accounts.models import User
from courses.models import CourseIndexPage, CoursePage
from courses.services import enrolment_request
from scorm.fixtures import scorm_2004
from scorm.models import PackageLessonPage
from scorm.services import attempt_for, package_version_create
from xapi.models import ActivityMapping, Partner

course = CoursePage(title="Interop", slug="interop", code="interop", summary="s",
    learning_objectives="<p>x</p>", format="elearning", level="basis", study_time_minutes=10)
CourseIndexPage.objects.get().add_child(instance=course)
course.save_revision().publish()
version = package_version_create(package=None, file=io.BytesIO(scorm_2004()))
lesson = PackageLessonPage(title="Pakket", package=version.package)
course.add_child(instance=lesson)
lesson.save_revision().publish()
clients = []
for n in range({clients}):
    user = User.objects.create_user(email=f"interop-{{n}}@example.org", password="x" * 20)
    enrolment_request(user=user, course=course)
    attempt = attempt_for(user=user, lesson=lesson)
    client = Client()
    client.force_login(user)
    clients.append({{"session": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "attempt": str(attempt.uuid)}})
# Learners with an attempt nobody has committed to yet, made in bulk: {new} per client.
import sys
sys.path.insert(0, "bench")  # the bench's scripts import each other by name
from fixture import sessions_for
from accounts.models import person_key_for
from courses.models import Enrolment
from django.utils import timezone
from scorm.models import PackageAttempt
emails = [f"nieuw-{{n}}@example.org" for n in range({clients} * {new})]
User.objects.bulk_create(User(email=e, person_key=person_key_for(e), password="!") for e in emails)
fresh = list(User.objects.filter(email__in=emails).order_by("pk"))
Enrolment.objects.bulk_create(
    Enrolment(user=u, course=course, enrolled_at=timezone.now()) for u in fresh)
PackageAttempt.objects.bulk_create(
    PackageAttempt(user=u, lesson=lesson, version=version) for u in fresh)
attempts = dict(PackageAttempt.objects.filter(user__in=fresh).values_list("user_id", "uuid"))
keys = sessions_for(fresh)
for n, (user, key) in enumerate(zip(fresh, keys)):
    clients[n % {clients}].setdefault("new", []).append(
        {{"session": key, "attempt": str(attempts[user.pk])}})
partner = Partner(name="Partner", code="partner", username="partner")
partner.set_password("partner-wachtwoord")
partner.save()
ActivityMapping.objects.create(partner=partner, activity_iri={activity!r}, course_code="interop")
print("FIXTURE" + json.dumps(clients))
"""


def setup() -> list[dict]:
    script = SETUP.format(clients=CLIENTS, activity=ACTIVITY, new=NEW_ATTEMPTS)
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("FIXTURE"))
    return json.loads(line.removeprefix("FIXTURE"))


def server_start() -> subprocess.Popen:
    return gunicorn_start(port=PORT, env=ENV, log=WORK / "gunicorn.log", keep_alive=30)


def _commit_body(sequence: int, session: str) -> bytes:
    cmi = {
        "location": f"pagina-{sequence % 40}",
        "suspend_data": "antwoorden=" + "1" * 200,
        "completion_status": "incomplete",
        "success_status": "unknown",
        "session_time": f"PT{sequence % 60}S",
    }
    return json.dumps({"sequence": sequence, "session": session, "cmi": cmi}).encode()


def scorm_client(fixture: dict, seconds: float, out: list) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    headers = {
        "Content-Type": "application/json",
        "Cookie": f"sessionid={fixture['session']}; csrftoken={CSRF}",
        "X-CSRFToken": CSRF,
        "Host": "127.0.0.1",
    }
    path = f"/leren/pakket/{fixture['attempt']}/opslaan/"
    sequence, session = 0, uuid.uuid4().hex
    stop_at = None
    while stop_at is None or time.perf_counter() < stop_at:
        sequence += 1
        start = time.perf_counter()
        connection.request("POST", path, body=_commit_body(sequence, session), headers=headers)
        response = connection.getresponse()
        response.read()
        took = time.perf_counter() - start
        if response.status != 200:
            raise SystemExit(f"commit gaf {response.status}")
        if sequence == WARM_UP:  # warmed up: measure from here on
            stop_at = time.perf_counter() + seconds
        elif sequence > WARM_UP:
            out.append(took)
    connection.close()


def new_attempts_client(fixture: dict, out: list) -> None:
    """One client committing once to each of its fresh attempts, each as its own learner (a
    new session each time too), over one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    for fresh in fixture["new"]:
        headers = {
            "Content-Type": "application/json",
            "Cookie": f"sessionid={fresh['session']}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "Host": "127.0.0.1",
        }
        path = f"/leren/pakket/{fresh['attempt']}/opslaan/"
        start = time.perf_counter()
        connection.request("POST", path, body=_commit_body(1, uuid.uuid4().hex), headers=headers)
        response = connection.getresponse()
        body = response.read()
        took = time.perf_counter() - start
        if response.status != 200 or not json.loads(body)["stored"]:
            raise SystemExit(f"eerste opslag gaf {response.status}: {body[:200]!r}")
        out.append(took)
    connection.close()


def _figures(latencies: list[float], clients: int, seconds: float) -> dict:
    if not latencies:
        raise SystemExit("geen metingen: zie de fouten hierboven")
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000, 1)

    return {
        "clients": clients,
        "requests": len(latencies),
        "per_second": round(len(latencies) / seconds, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "budget_p99_ms": P99_BUDGET_MS,
    }


def _threads(target, argsets) -> float:
    threads = [threading.Thread(target=target, args=args) for args in argsets]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def scorm_bench(fixtures: list[dict]) -> dict:
    latencies: list[float] = []
    _threads(scorm_client, [(f, SECONDS, latencies) for f in fixtures])
    return _figures(latencies, len(fixtures), SECONDS)


def scorm_new_attempts_bench(fixtures: list[dict]) -> dict:
    latencies: list[float] = []
    seconds = _threads(new_attempts_client, [(f, latencies) for f in fixtures])
    return _figures(latencies, len(fixtures), seconds)


def xapi_bench() -> dict:
    token = base64.b64encode(b"partner:partner-wachtwoord").decode()
    headers = {
        "Content-Type": "application/json",
        "Authorization": f"Basic {token}",
        "X-Experience-API-Version": "1.0.3",
    }
    statements = []
    for n in range(STATEMENTS):
        person = n if n % 10 else n // 10  # a tenth are second statements of earlier people
        verb = "completed" if n % 10 else "passed"
        statements.append(
            {
                "id": str(uuid.uuid4()),
                "actor": {"mbox": f"mailto:deelnemer-{person}@partner.example.org"},
                "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
                "object": {"id": ACTIVITY},
                "timestamp": "2026-03-01T10:00:00+01:00",
            }
        )
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    start = time.perf_counter()
    for offset in range(0, len(statements), BATCH):
        body = json.dumps(statements[offset : offset + BATCH]).encode()
        connection.request("POST", "/xapi/statements", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"xAPI gaf {response.status}")
    seconds = time.perf_counter() - start
    connection.close()
    return {
        "statements": len(statements),
        "batch": BATCH,
        "seconds": round(seconds, 2),
        "per_second": round(len(statements) / seconds),
        "budget_seconds": INGEST_BUDGET_S,
    }


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    if os.environ.get("BENCH_INTEROP_SKIP_SETUP") and (WORK / "fixture.json").exists():
        fixtures = json.loads((WORK / "fixture.json").read_text())[:CLIENTS]
    else:
        log(f"database {ENV['DATABASE_URL']} opnieuw aanmaken en migreren")
        database_recreate()
        manage("migrate", "--noinput", "-v", "0")
        manage("collectstatic", "--noinput", "-v", "0")
        fixtures = setup()
        (WORK / "fixture.json").write_text(json.dumps(fixtures))
    server = server_start()
    try:
        log(f"SCORM-opslaan: {CLIENTS} clients, {SECONDS:g} s")
        scorm = scorm_bench(fixtures)
        log(f"SCORM-opslaan op nieuwe pogingen: {CLIENTS} clients, {NEW_ATTEMPTS} elk")
        scorm_new = scorm_new_attempts_bench(fixtures)
        log(f"xAPI: {STATEMENTS} statements in batches van {BATCH}")
        xapi = xapi_bench() if STATEMENTS else {"statements": 0, "seconds": 0.0}
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {
        "scorm_commit": scorm,
        "scorm_commit_new_attempts": scorm_new,
        "xapi_ingest": xapi,
        "budgets_met": scorm["p99_ms"] < P99_BUDGET_MS
        and scorm_new["p99_ms"] < P99_BUDGET_MS
        and xapi["seconds"] < INGEST_BUDGET_S,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "interop-latest.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["budgets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
