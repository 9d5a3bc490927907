"""Lesson progress: a lesson opened (the place to resume) and a lesson completed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.completion import course_completion_evaluate
from courses.learner_reads import enrolment_and_facts
from courses.models import (
    Completion,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
)
from courses.outline import CourseOutline, StructureItem
from courses.selectors.progress import (
    LearnerFacts,
    course_of_page,
    course_structure,
    learner_facts,
    learner_facts_noted,
    learner_facts_query,
    moment_read,
    next_step,
)
from courses.services.enrolment import _active_enrolment_locked
from courses.services.errors import LearningError

# --- Lesson progress ------------------------------------------------------------------------


def _course_and_enrolment_for_page(
    user, page, outline: CourseOutline | None = None
) -> tuple[CourseOutline | CoursePage | None, Enrolment | None]:
    """The page's course and the user's enrolment in it, in one query.

    Given the course's outline (the page read it from the shared cache already), the query
    reads the enrolment alone rather than joining the whole course page in."""
    from wagtail.models import Page

    if outline is not None:
        return outline, Enrolment.objects.filter(user=user, course_id=outline.id).first()
    steplen = Page.steplen
    ancestors = [page.path[: steplen * n] for n in range(1, page.depth)]
    enrolment = (
        Enrolment.objects.filter(user=user, course__path__in=ancestors)
        .select_related("course")
        .first()
    )
    if enrolment is not None:
        return enrolment.course, enrolment
    return course_of_page(page), None


@dataclass(frozen=True)
class LessonVisit:
    """What lesson_open read about the learner in the lesson's course: handed on explicitly to
    courses.selectors.page_states.lesson_page_state in the same request, so the page reads
    neither again. `facts` is None when the visitor is not actively enrolled; `answers` (the
    learner's own saved answers in the lesson, by block id) is None when they were not read."""

    course: CourseOutline | CoursePage | None
    enrolment: Enrolment | None
    facts: LearnerFacts | None
    answers: dict | None = None


def lesson_open(
    *, user, lesson: LessonPage, outline: CourseOutline | None = None
) -> LessonVisit | None:
    """Mark the lesson started and remember it as the place to resume. Idempotent.

    Only for an actively enrolled learner; for anyone else nothing is written. A lesson opened
    again keeps its first start time. Returns the course, the enrolment and the learner's
    facts in the course it read (None for an anonymous visitor), for the page's state.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    if outline is not None:  # the usual case: enrolment and facts in one query
        # With the learner's own answers in the lesson: its page shows them.
        course = outline
        enrolment, facts, _, answers = enrolment_and_facts(user, outline.id, lesson_id=lesson.pk)
    else:
        course, enrolment = _course_and_enrolment_for_page(user, lesson, outline)
        facts, answers = None, None
    if enrolment is None or enrolment.status != Enrolment.Status.ACTIVE:
        return LessonVisit(course=course, enrolment=enrolment, facts=None, answers=answers)
    if facts is None:
        facts = learner_facts(user, [course.pk])[course.pk]
    changes = {}
    if lesson.pk not in facts.started:
        try:
            with transaction.atomic():
                progress = LessonProgress.objects.create(
                    user=user, lesson=lesson, course_id=course.pk, started_at=timezone.now()
                )
        except IntegrityError:
            pass  # another tab opened it at the same moment: one row, as it should be
        else:
            if enrolment.started_at is None:  # the first step in the course
                # Written with the place to resume, below: the first opening costs no query
                # more. Coalesce keeps a start another tab wrote meanwhile.
                changes["started_at"] = Coalesce(F("started_at"), Value(progress.started_at))
                enrolment.started_at = progress.started_at
        facts.started.add(lesson.pk)
    if enrolment.last_page_id != lesson.pk:
        changes["last_page"] = lesson.pk
        enrolment.last_page_id = lesson.pk
    if changes:
        Enrolment.objects.filter(pk=enrolment.pk).update(**changes)
    return LessonVisit(course=course, enrolment=enrolment, facts=facts, answers=answers)


@dataclass(frozen=True)
class StepResult:
    created: bool
    completion: Completion | None
    # Where the learner goes on: the first unfinished lesson or toets after this one (None
    # when nothing is left), worked out from what the transaction itself read.
    next_page: StructureItem | None = None


@transaction.atomic
def lesson_complete(*, user, lesson: LessonPage, origin: dict | None = None) -> StepResult:
    """Mark a lesson completed for an enrolled learner. Idempotent.

    One LessonProgress row per person and lesson; completing again, a second tab or a replayed
    POST changes nothing (created=False). When the lesson is newly completed the course's
    completion rule is evaluated in the same transaction. Raises LearningError when the user
    is not enrolled. `origin` is kept on a completion this causes (default: this lesson).
    """
    course = course_of_page(lesson)
    if course is None:
        raise LearningError(_("Deze les hoort niet bij een cursus."))
    enrolment = _active_enrolment_locked(user=user, course=course)
    started_at, facts = _progress_completed(
        user=user, lesson=lesson, course=course, at=timezone.now()
    )
    structure = course_structure(course)
    after = next_step(structure=structure, facts=facts, after_id=lesson.pk)
    if started_at is None:
        return StepResult(created=False, completion=None, next_page=after)
    _enrolment_stepped(
        enrolment,
        last_page_id=lesson.pk,
        # The first step in the course (the row is locked).
        started_at=started_at if enrolment.started_at is None else None,
    )
    completion = course_completion_evaluate(
        user=user,
        course=course,
        facts=facts,
        structure=structure,
        origin=origin or {"kind": "les", "lesson": lesson.pk},
    )
    return StepResult(created=True, completion=completion, next_page=after)


# A data-modifying statement in a WITH clause: PostgreSQL has it, SQLite does not.
_WRITES_IN_WITH = ("postgresql",)


def _progress_completed(
    *, user, lesson: LessonPage, course: CoursePage, at
) -> tuple[datetime | None, LearnerFacts]:
    """Mark the lesson completed at `at`, whether it was opened before or not, and read the
    learner's facts in the course: when the lesson was started (None when it was completed
    already) and the facts with this lesson done.

    An upsert: the row is inserted (never opened: started and completed now) or its open
    completion filled in, and a completed row is left as it was and returns nothing. On
    PostgreSQL the facts are read in the same statement (one round trip where there were two,
    on every lesson completed). That read sees the rows as they were before the upsert, and
    after the enrolment lock was taken, so nothing another tab committed is missed; the lesson
    itself is noted done below. SQLite reads them in a second statement.
    """
    progress_sql = f"""
        INSERT INTO {LessonProgress._meta.db_table}
            (user_id, lesson_id, course_id, started_at, completed_at)
        VALUES (%s, %s, %s, %s, %s)
        ON CONFLICT (user_id, lesson_id) DO UPDATE SET completed_at = excluded.completed_at
        WHERE {LessonProgress._meta.db_table}.completed_at IS NULL
        RETURNING started_at
    """
    moment = connection.ops.adapt_datetimefield_value(at)
    progress_params = [user.pk, lesson.pk, course.pk, moment, moment]
    facts_sql, facts_params = learner_facts_query(user, [course.pk])
    with connection.cursor() as cursor:
        if connection.vendor in _WRITES_IN_WITH:
            # The upsert's row is told apart from the facts by a course id of NULL.
            cursor.execute(
                f"WITH completed AS ({progress_sql}) "
                f"SELECT NULL, NULL, started_at FROM completed UNION ALL {facts_sql}",
                [*progress_params, *facts_params],
            )
            rows = cursor.fetchall()
            started = [row[2] for row in rows if row[0] is None]
            rows = [row for row in rows if row[0] is not None]
        else:
            cursor.execute(progress_sql, progress_params)
            started = [row[0] for row in cursor.fetchall()]
            cursor.execute(facts_sql, facts_params)
            rows = cursor.fetchall()
    facts = learner_facts_noted({course.pk: LearnerFacts()}, rows)[course.pk]
    started_at = moment_read(started[0]) if started else None
    if started_at is not None:
        facts.note(lesson.pk, at)
    return started_at, facts


def _enrolment_stepped(enrolment: Enrolment, *, last_page_id: int, started_at) -> None:
    """The locked enrolment after a step: the place to resume, and its start when this was the
    first step (`started_at`, else None). Plain SQL, one statement or none: written on every
    lesson completed without opening it first, and the ORM's update cost twice the statement
    itself to compile."""
    columns, params = [], []
    if enrolment.last_page_id != last_page_id:
        columns.append("last_page_id = %s")
        params.append(last_page_id)
        enrolment.last_page_id = last_page_id
    if started_at is not None:
        columns.append("started_at = %s")
        params.append(connection.ops.adapt_datetimefield_value(started_at))
        enrolment.started_at = started_at
    if columns:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Enrolment._meta.db_table} SET {', '.join(columns)} WHERE id = %s",
                [*params, enrolment.pk],
            )
