"""What a course or lesson page reads about the person on every view, in one query.

The enrolment, the facts (courses.selectors.progress.learner_facts: pages started and done),
for the course page the moment of the latest live completion, and for a lesson page the
learner's own saved answers in that lesson (courses.selectors.answers). Plain SQL that
PostgreSQL and SQLite both run: these pages ask on every view, and the ORM spelling of the
union and its subquery cost several times the query itself to compile. Only the person's own
rows are read (by user id, by person key): nothing here is shared between people or kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from django.db import connection

from courses.models import Completion, Enrolment, LearnerAnswer
from courses.selectors.progress import LearnerFacts, facts_selects, moment_read

# The enrolment fields the pages use; any other is read when asked for, as with `.only()`.
ENROLMENT_FIELDS = (
    "id", "user_id", "course_id", "status", "enrolled_at", "last_page_id", "started_at"
)  # fmt: skip
ANSWER_FIELDS = ("id", "user_id", "lesson_id", "block_id", "text", "updated_at")
ENROLMENT, FACT, COMPLETION, ANSWER = 1, 0, 2, 3


class LearnerRead(NamedTuple):
    enrolment: Enrolment | None
    facts: LearnerFacts
    completed_at: datetime | None  # read only when a course code is given
    answers: dict[str, LearnerAnswer] | None  # by block id; read only for a lesson


def _sql(with_completion: bool, with_answers: bool) -> str:
    """Rows of (kind, page or row id, moment, status or block id, last page id, started at,
    answer text), the columns a kind does not have NULL."""
    facts = facts_selects(
        before=f"{FACT}, ",
        after=", NULL, NULL, NULL, NULL",
        user="%(user)s",
        course="= %(course)s",
        passed="%(passed)s",
    )
    sql = f"""
        SELECT {ENROLMENT}, e.id, e.enrolled_at, e.status, e.last_page_id, e.started_at, NULL
        FROM {Enrolment._meta.db_table} e WHERE e.user_id = %(user)s AND e.course_id = %(course)s
        UNION ALL {facts}
    """
    if with_completion:
        sql += f"""
        UNION ALL
        SELECT {COMPLETION}, NULL, (
            SELECT c.completed_at FROM {Completion._meta.db_table} c
            WHERE c.person_key = %(person)s AND c.course_code = %(code)s
                AND c.revoked_at IS NULL
            ORDER BY c.round DESC LIMIT 1
        ), NULL, NULL, NULL, NULL
        """
    if with_answers:
        sql += f"""
        UNION ALL
        SELECT {ANSWER}, a.id, a.updated_at, a.block_id, NULL, NULL, a.text
        FROM {LearnerAnswer._meta.db_table} a
        WHERE a.user_id = %(user)s AND a.lesson_id = %(lesson)s
        """
    return sql


def enrolment_and_facts(
    user, course_id: int, *, course_code: str | None = None, lesson_id: int | None = None
) -> LearnerRead:
    """The person's enrolment in the course (or None) and their LearnerFacts in it, in one
    query; with `course_code` also the moment of their latest live completion of the course,
    with `lesson_id` also their own saved answers in that lesson."""
    params = {"user": user.pk, "course": course_id, "passed": True, "lesson": lesson_id}
    if course_code is not None:
        params |= {"person": user.person_key, "code": course_code}
    with connection.cursor() as cursor:
        cursor.execute(_sql(course_code is not None, lesson_id is not None), params)
        rows = cursor.fetchall()
    enrolment, facts, completed_at = None, LearnerFacts(), None
    answers = {} if lesson_id is not None else None
    for kind, page_or_id, moment, status, last_page_id, started_at, note in rows:
        moment = moment_read(moment)
        if kind == ENROLMENT:
            started_at = moment_read(started_at)
            values = (page_or_id, user.pk, course_id, status, moment, last_page_id, started_at)
            enrolment = Enrolment.from_db(connection.alias, ENROLMENT_FIELDS, values)
        elif kind == COMPLETION:
            completed_at = moment
        elif kind == ANSWER:
            values = (page_or_id, user.pk, lesson_id, status, note, moment)
            answers[status] = LearnerAnswer.from_db(connection.alias, ANSWER_FIELDS, values)
        else:
            facts.note(page_or_id, moment)
    return LearnerRead(enrolment, facts, completed_at, answers)
