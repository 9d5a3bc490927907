"""Settings in both modes, the health endpoint and the Celery round trip."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.core.cache import cache

from tests.live import ROOT


def _run_check(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_development_mode_starts_without_any_variable():
    result = _run_check({"DJANGO_DEBUG": "1", "SECRET_KEY": "", "DATABASE_URL": ""})
    assert result.returncode == 0, result.stderr


def test_production_mode_refuses_to_start_without_secret_key():
    result = _run_check({"DJANGO_DEBUG": "0", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY ontbreekt" in result.stderr


def _production_env(**overrides: str) -> dict:
    env = {
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "x" * 20 + uuid.uuid4().hex + uuid.uuid4().hex,
        "PERSON_KEY_SECRET": "person-" + uuid.uuid4().hex,
        "MFA_ENCRYPTION_SECRET": "mfa-" + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "leerplatform.example.nl",
        "CSRF_TRUSTED_ORIGINS": "https://leerplatform.example.nl",
    }
    env.update(overrides)
    return env


def test_production_mode_with_documented_variables_passes_deploy_check():
    result = _run_check(_production_env(), "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr


@pytest.mark.parametrize("missing", ["PERSON_KEY_SECRET", "MFA_ENCRYPTION_SECRET"])
def test_production_check_fails_without_a_secret_of_its_own(missing):
    # Before: both silently fell back to SECRET_KEY and the deploy check passed.
    result = _run_check(_production_env(**{missing: ""}), "--deploy")
    assert result.returncode != 0
    assert f"{missing} ontbreekt" in result.stderr
    assert "elearning.E001" in result.stderr


@pytest.mark.parametrize("secret", ["PERSON_KEY_SECRET", "MFA_ENCRYPTION_SECRET"])
def test_production_check_fails_when_a_secret_equals_secret_key(secret):
    env = _production_env()
    env[secret] = env["SECRET_KEY"]
    result = _run_check(env)
    assert result.returncode != 0
    assert f"{secret} is gelijk aan SECRET_KEY" in result.stderr


def test_rotating_secret_key_with_a_fallback_passes_the_check():
    # The README's rotation: the old key moves to SECRET_KEY_FALLBACKS, the own secrets stay.
    env = _production_env(SECRET_KEY_FALLBACKS="old-" + uuid.uuid4().hex * 2)
    result = _run_check(env, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def _make_check_deploy(make_env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "check-deploy"],
        cwd=ROOT,
        env=make_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_make_check_deploy_passes_and_fails_without_the_two_secrets(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "PERSON_KEY_SECRET", "MFA_ENCRYPTION_SECRET")
    }
    assert _make_check_deploy(env).returncode == 0
    # The same target with its two secrets taken out of the recipe fails.
    makefile = (ROOT / "Makefile").read_text()
    stripped = makefile.replace("PERSON_KEY_SECRET=", "UNUSED_A=").replace(
        "MFA_ENCRYPTION_SECRET=", "UNUSED_B="
    )
    assert stripped != makefile
    (tmp_path / "Makefile").write_text(stripped)
    result = subprocess.run(
        ["make", "--no-print-directory", "-f", str(tmp_path / "Makefile"), "check-deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "PERSON_KEY_SECRET ontbreekt" in result.stderr
    assert "MFA_ENCRYPTION_SECRET ontbreekt" in result.stderr


@pytest.mark.django_db
def test_health_reports_every_check(client):
    response = client.get("/gezond/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker"}


@pytest.mark.django_db
def test_health_names_the_broker_when_redis_is_unreachable(client, settings):
    from elearning.celery import app

    unreachable = "redis://127.0.0.1:1/0"
    previous = app.conf.broker_url
    settings.CELERY_BROKER_URL = unreachable
    app.conf.broker_url = unreachable
    try:
        response = client.get("/gezond/")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert "broker" in response.json()["failed"]
    assert response.json()["checks"]["broker"].startswith("fout")


@pytest.mark.services
def test_a_real_worker_runs_a_task_through_redis(celery_worker_live):
    from elearning.tasks import ping_task

    token = uuid.uuid4().hex
    ping_task.delay(token)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and cache.get(f"ping:{token}") != "pong":
        time.sleep(0.2)
    assert cache.get(f"ping:{token}") == "pong"


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("certificates.tasks.certificate_pdf_render_task", "certificaten"),
        ("courses.tasks.invitation_email_send_task", "email"),
        ("reporting.tasks.monthly_report_send_task", "email"),
        ("reporting.imports.import_batch_run_task", "bestanden"),
        ("reporting.exports.export_build_task", "bestanden"),
        ("reporting.tasks.counter_snapshot_take_task", "celery"),
    ],
)
def test_each_kind_of_work_has_its_own_queue_and_a_plain_worker_serves_them_all(task, queue):
    import importlib

    from elearning.celery import app

    importlib.import_module(task.rsplit(".", 1)[0])
    assert task in app.tasks
    assert app.amqp.router.route({}, task)["queue"].name == queue
    # `make worker` starts without -Q: it consumes every queue that has a route.
    assert queue in {q.name for q in app.conf.task_queues}
