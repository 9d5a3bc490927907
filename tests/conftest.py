"""Shared fixtures: people per role, a minimal page tree, a live Celery worker."""

import os

import pytest

from accounts import roles
from tests.factories import UserFactory
from tests.live import worker_start, worker_stop


def pytest_collection_modifyitems(config, items):
    """Every committing test restores what the migrations loaded.

    The flush after a committing test without serialized rollback runs post_migrate again, which
    recreates the role groups under new keys; the next test that restores the migrated rows then
    collides with them (on PostgreSQL only, where those tests run).
    """

    def asks(item, marker_option: str, fixture: str) -> bool:
        marker = item.get_closest_marker("django_db")
        by_marker = marker is not None and marker.kwargs.get(marker_option)
        return bool(by_marker) or fixture in getattr(item, "fixturenames", ())

    bare = [
        item.nodeid
        for item in items
        if asks(item, "transaction", "transactional_db")
        and not asks(item, "serialized_rollback", "django_db_serialized_rollback")
    ]
    if bare:
        raise pytest.UsageError(
            "a committing test (transaction=True, transactional_db) needs serialized_rollback=True "
            "(or use committed_db): " + ", ".join(bare)
        )


@pytest.fixture(autouse=True)
def _postgres_when_marked(request, settings):
    """A test marked `postgres` runs only under make test-services, on PostgreSQL: anywhere
    else it fails rather than skips, so a run that lost its database cannot pass quietly."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if request.node.get_closest_marker("postgres") and "postgresql" not in engine:
        pytest.fail("needs PostgreSQL for real concurrent transactions: run make test-services")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def learner(db):
    return UserFactory(email="leerling@example.org", first_name="Lieke", last_name="Leerling")


@pytest.fixture
def other_learner(db):
    return UserFactory(email="ander@example.org", first_name="Ad", last_name="Ander")


@pytest.fixture
def trainer(db):
    return UserFactory(
        email="trainer@example.org", role=roles.TRAINER, first_name="Tom", last_name="Trainer"
    )


@pytest.fixture
def coordinator(db):
    return UserFactory(
        email="coord@example.org", role=roles.COORDINATOR, first_name="Cor", last_name="Coörd"
    )


@pytest.fixture
def vng_user(db):
    return UserFactory(email="vng@example.org", role=roles.VNG)


@pytest.fixture
def programme_user(db):
    return UserFactory(email="programma@example.org", role=roles.PROGRAMME_TEAM)


@pytest.fixture
def administrator(db):
    return UserFactory(
        email="beheer@example.org", role=roles.ADMINISTRATOR, is_superuser=True, is_staff=True
    )


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
    worker = worker_start(settings)
    app.conf.task_always_eager = False
    try:
        yield worker
    finally:
        app.conf.task_always_eager = True
        worker_stop(worker)


@pytest.fixture(autouse=True)
def _fresh_versions():
    """Cached reports, the catalogue snapshot and permission sets are kept under versions
    that move on commit; a test's rolled-back rows never move them back. A fresh version per
    test keeps one test's kept data out of the next (also on the shared Redis of make
    test-services), whose database may reuse the same ids."""
    from django.core.cache import cache
    from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

    from accounts.backends import PERMISSIONS_VERSION_KEY
    from courses.completion import COMPLETIONS_VERSION_KEY
    from courses.outline import CATALOGUE_VERSION_KEY
    from reporting.disclosure import PUBLISHED_VERSION_KEY
    from reporting.holders import HOLDERS_VERSION_KEY
    from reporting.standings import REPORTS_VERSION_KEY

    cache.delete_many(
        [
            COMPLETIONS_VERSION_KEY,
            CATALOGUE_VERSION_KEY,
            PERMISSIONS_VERSION_KEY,
            PUBLISHED_VERSION_KEY,
            HOLDERS_VERSION_KEY,
            REPORTS_VERSION_KEY,  # and with it every report kept under a target's version
        ]
    )
    # Wagtail keeps the sites' root paths in the cache too: a second site that one test added
    # and rolled back would otherwise make the next test's page URLs absolute.
    cache.delete(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
