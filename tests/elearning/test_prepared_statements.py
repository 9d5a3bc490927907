"""PostgreSQL keeps the statements a process runs again and again prepared (planned once).

Planning was most of PostgreSQL's work for a learner's page and write; these tests hold the
setting in place, and the way to turn it off for a connection pooler that cannot follow it.
"""

import os
import subprocess
import sys

import pytest
from django.db import connection

from tests.factories import EnrolmentFactory, LearningCourseFactory, lessons_of
from tests.live import ROOT


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.postgres
def test_a_learners_page_read_is_planned_once_per_connection(client, learner):
    course = LearningCourseFactory()
    EnrolmentFactory(user=learner, course=course)
    lesson = lessons_of(course)[0]
    client.force_login(learner)
    for _ in range(6):
        assert client.get(lesson.url).status_code == 200
    # The learner's enrolment, progress and answers: one statement, kept by PostgreSQL.
    assert any("e.last_page_id" in statement for statement in _prepared_statements())


def _settings_loaded(threshold: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DB_PREPARE_THRESHOLD"}
    if threshold is not None:
        env["DB_PREPARE_THRESHOLD"] = threshold
    env.update(DJANGO_SETTINGS_MODULE="elearning.settings.test")
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/unused"
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(sorted(settings.DATABASES['default'].get('OPTIONS', {}).items()))"
    )
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )


def _database_options(threshold: str | None) -> str:
    result = _settings_loaded(threshold)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_pooler_that_cannot_follow_prepared_statements_can_turn_them_off():
    assert "('prepare_threshold', 5)" in _database_options(None)
    assert "('server_side_binding', True)" in _database_options(None)
    assert "('prepare_threshold', 2)" in _database_options("2")
    assert "prepare_threshold" not in _database_options("off")
    assert "server_side_binding" not in _database_options("off")


def test_a_mistyped_threshold_stops_the_start_with_a_dutch_message():
    result = _settings_loaded("vijf")
    assert result.returncode != 0
    assert "DB_PREPARE_THRESHOLD='vijf' is ongeldig" in result.stderr
