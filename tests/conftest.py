"""Shared fixtures: people per role, a minimal page tree, a live Celery worker."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import Function, Municipality, Profession, User
from accounts.services import profile_update

PASSWORD = "een-lang-test-wachtwoord"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


def make_user(
    email: str, *, role: str | None = None, profile: bool = True, mfa: bool | None = None, **extra
) -> User:
    """A verified user with a complete profile, optionally in a role group.

    Staff (any role, or is_staff/is_superuser) have TOTP enrolled unless mfa=False, as the
    platform requires before any staff page.
    """
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if mfa is None:
        mfa = bool(role) or user.is_staff or user.is_superuser
    if mfa:
        TOTP.activate(user, TEST_TOTP_SECRET)
    if profile:
        profile_update(
            user=user,
            organisation_name="Testorganisatie",
            organisation_kind="jeugdzorg",
            profession=Profession.objects.get(slug="jeugdprofessional"),
            functions=list(Function.objects.filter(slug="professional-kinderen")),
            municipality=Municipality.objects.get(cbs_code="GM0344"),
        )
    return user


@pytest.fixture
def learner(db):
    return make_user("leerling@example.org", first_name="Lieke", last_name="Leerling")


@pytest.fixture
def other_learner(db):
    return make_user("ander@example.org", first_name="Ad", last_name="Ander")


@pytest.fixture
def trainer(db):
    return make_user(
        "trainer@example.org", role=roles.TRAINER, first_name="Tom", last_name="Trainer"
    )


@pytest.fixture
def coordinator(db):
    return make_user(
        "coord@example.org", role=roles.COORDINATOR, first_name="Cor", last_name="Coörd"
    )


@pytest.fixture
def vng_user(db):
    return make_user("vng@example.org", role=roles.VNG)


@pytest.fixture
def programme_user(db):
    return make_user("programma@example.org", role=roles.PROGRAMME_TEAM)


@pytest.fixture
def administrator(db):
    return make_user(
        "beheer@example.org", role=roles.ADMINISTRATOR, is_superuser=True, is_staff=True
    )


def _live_db_url(connection_settings) -> str:
    name = connection_settings["NAME"]
    host = connection_settings.get("HOST") or "127.0.0.1"
    port = connection_settings.get("PORT") or 5432
    user = connection_settings.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{name}"


@pytest.fixture
def committed_db(transactional_db, django_db_serialized_rollback):
    """Real commits (for threads, other processes and on_commit hooks).

    Serialized rollback restores what the migrations loaded (reference data, the site root,
    role groups) after the flush, so the tests that follow still find it.
    """


@pytest.fixture
def celery_worker_live(committed_db, settings):
    """A real Celery worker process against Redis and the test database.

    Only under `make test-services` (PostgreSQL + REDIS_URL). The app stops running tasks
    eagerly for the duration, so `.delay()` really goes through the broker.
    """
    from django.db import connection

    from elearning.celery import app

    if not os.environ.get("REDIS_URL") or connection.vendor != "postgresql":
        pytest.fail("celery_worker_live needs REDIS_URL and PostgreSQL: run make test-services")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "elearning.settings",
        "DATABASE_URL": _live_db_url(connection.settings_dict),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "elearning",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    app.conf.task_always_eager = False
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            replies = app.control.ping(timeout=0.5)
            if replies:
                break
            if worker.poll() is not None:
                pytest.fail("De Celery-worker stopte direct na het starten.")
        else:
            pytest.fail("De Celery-worker antwoordde niet binnen 30 seconden.")
        yield worker
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()


@pytest.fixture(autouse=True)
def _fresh_versions():
    """Cached reports, the catalogue snapshot and permission sets are kept under versions
    that move on commit; a test's rolled-back rows never move them back. A fresh version per
    test keeps one test's kept data out of the next (also on the shared Redis of make
    test-services), whose database may reuse the same ids."""
    from django.core.cache import cache

    from accounts.backends import PERMISSIONS_VERSION_KEY
    from courses.completion import COMPLETIONS_VERSION_KEY
    from courses.outline import CATALOGUE_VERSION_KEY
    from reporting.disclosure import PUBLISHED_VERSION_KEY

    cache.delete_many(
        [
            COMPLETIONS_VERSION_KEY,
            CATALOGUE_VERSION_KEY,
            PERMISSIONS_VERSION_KEY,
            PUBLISHED_VERSION_KEY,
        ]
    )
