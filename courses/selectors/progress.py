"""A course's structure, a person's facts in it, and the one count of their progress.

Every count of "how far is this person" goes through `course_progress`, the one function that
turns a course's structure and a person's facts into done/total/percent. The structure of a
course (its live lessons and toetsen, in tree order) is read in one query whatever its size,
and a person's facts for any number of courses in one more, so page query counts stay flat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Page

from courses.models import (
    CoursePage,
    LessonProgress,
    SessionRegistration,
    ToetsAttempt,
)
from courses.outline import (
    CourseOutline,
    CourseStructure,
    StructureItem,
    course_structures,
    course_structures_kept,
)

# --- Structure ------------------------------------------------------------------------------
# The structure of a course is part of its outline (courses.outline), kept in the shared cache.


def live_structures(courses) -> dict[int, CourseStructure]:
    """Structures of live courses kept under the catalogue version, of any other course read
    from the database (one query for all that are not kept)."""
    courses = [c for c in courses if c is not None]
    structures = course_structures_kept([c for c in courses if c.live])
    structures.update(course_structures([c for c in courses if c.pk not in structures]))
    return structures


def course_structure(course) -> CourseStructure:
    """The structure of `course`: an outline's own, a live course's kept under the catalogue
    version (no query once kept), else read (one query). Pages hand their outline's
    structure to the page states, so a page reads none."""
    if isinstance(course, CourseOutline):
        return course.structure
    return live_structures([course])[course.pk]


def course_of_page(page) -> CoursePage | None:
    """The course a lesson, module or toets sits in, a course page's being itself: the kept
    live course page when the page is in the catalogue (no query), else read (one query)."""
    from courses.catalogue_index import catalogue_index, catalogue_page

    course_id = catalogue_index().course_id_of(page.path or "")
    course = catalogue_page(course_id) if course_id is not None else None
    if isinstance(course, CoursePage):
        return course
    steplen = Page.steplen
    ancestors = [page.path[: steplen * n] for n in range(1, page.depth + 1)]
    return CoursePage.objects.filter(path__in=ancestors).first()


# --- A person's facts -----------------------------------------------------------------------


@dataclass
class LearnerFacts:
    """What one person did in one course: pages started, pages done, attended a session.

    `done` holds completed lessons and passed toetsen alike (page ids never collide); the
    course structure tells which is which.
    """

    started: set[int] = field(default_factory=set)
    done: set[int] = field(default_factory=set)
    attended: bool = False
    # When each done page was first done (lesson completed, toets first passed): the moment a
    # completion rule was met is the latest of these, not the moment it was noticed.
    done_at: dict[int, datetime] = field(default_factory=dict)

    def note(self, page_id: int, done_at: datetime | None) -> None:
        """A page started, and done at `done_at` unless that is None (the earliest counts)."""
        self.started.add(page_id)
        if done_at is not None:
            self.done.add(page_id)
            earlier = self.done_at.get(page_id)
            if earlier is None or done_at < earlier:
                self.done_at[page_id] = done_at


def moment_read(value) -> datetime | None:
    """A datetime read by plain SQL: PostgreSQL hands back an aware one, SQLite a naive one
    (or, out of a UNION, its text) in UTC."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def facts_selects(
    *,
    before: str = "",
    after: str = "",
    user: str = "%s",
    course: str = "= %s",
    passed: str = "%s",
) -> str:
    """What counts as a learner's facts in a course, as SQL: a row per lesson opened or
    completed (its progress; done when completed_at is set) and per passed attempt of a toets,
    each giving (page id, moment done). The one spelling of that rule for every statement that
    reads facts: `before` and `after` are the columns around those two, `user`, `course` (a
    condition on the course id) and `passed` the placeholders, in that order in each arm."""
    return f"""
        SELECT {before}lesson_id, completed_at{after} FROM {LessonProgress._meta.db_table}
        WHERE user_id = {user} AND course_id {course}
        UNION ALL
        SELECT {before}toets_id, submitted_at{after} FROM {ToetsAttempt._meta.db_table}
        WHERE user_id = {user} AND course_id {course} AND passed = {passed}
    """


def learner_facts_query(user, course_ids: list[int]) -> tuple[str, list]:
    """The SQL and parameters of learner_facts: rows of (course id, page id, done at). For a
    statement that reads the facts alongside a write (courses.services.progress)."""
    courses = ", ".join(["%s"] * len(course_ids))
    sql = facts_selects(before="course_id, ", course=f"IN ({courses})")
    return sql, [user.pk, *course_ids, user.pk, *course_ids, True]


def learner_facts_noted(facts: dict[int, LearnerFacts], rows) -> dict[int, LearnerFacts]:
    """`facts` with the rows of learner_facts_query noted in them."""
    for course_id, page_id, done_at in rows:
        facts[course_id].note(page_id, moment_read(done_at))
    return facts


def learner_facts(user, course_ids) -> dict[int, LearnerFacts]:
    """Facts of `user` in the given courses, in one query: {course id: LearnerFacts}.

    Lesson progress and passed attempts are read as one UNION, so the count stays one query
    however many courses or lessons there are. Attendance is added by the caller. Plain SQL
    that PostgreSQL and SQLite both run: every completion reads it under the enrolment lock,
    and the ORM spelling of the union cost twice the query itself to compile.
    """
    course_ids = list(course_ids)
    facts = {course_id: LearnerFacts() for course_id in course_ids}
    if not course_ids or not getattr(user, "is_authenticated", False):
        return facts
    with connection.cursor() as cursor:
        cursor.execute(*learner_facts_query(user, course_ids))
        return learner_facts_noted(facts, cursor.fetchall())


def attended_course_ids(registrations) -> set[int]:
    return {
        r.session.course_id
        for r in registrations
        if r.attendance == SessionRegistration.Attendance.PRESENT
    }


# --- Progress: the one function -------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        if self.total <= 0:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def is_done(self) -> bool:
        return self.total > 0 and self.done >= self.total


def course_progress(
    *,
    course,
    structure: CourseStructure,
    facts: LearnerFacts,
    completed: bool = False,
) -> Progress:
    """THE progress of a person in a course, used by every page and report.

    Counts the course's live lessons (completed) and toetsen (passed), plus one step for
    attending a session when the course requires it. A completed course shows as fully done
    even if an editor added a lesson afterwards: the completion is the fact that counts.
    """
    item_ids = structure.lesson_ids | structure.toets_ids
    done = len(item_ids & facts.done)
    total = len(item_ids)
    if course.requires_session_attendance:
        total += 1
        done += 1 if facts.attended else 0
    if completed and total:
        done = total
    return Progress(done=done, total=total)


def module_progress(*, structure: CourseStructure, facts: LearnerFacts) -> list[dict]:
    done_ids = facts.done
    return [
        {
            "module": module,
            "progress": Progress(
                done=len(set(module.item_ids) & done_ids), total=len(module.item_ids)
            ),
        }
        for module in structure.modules
    ]


def _item_done(item: StructureItem, facts: LearnerFacts) -> bool:
    return item.id in facts.done


def next_step(
    *, structure: CourseStructure, facts: LearnerFacts, after_id: int | None = None
) -> StructureItem | None:
    """The first unfinished lesson or toets after `after_id` (wrapping round), else None."""
    items = structure.items
    start = 0
    if after_id is not None:
        for index, item in enumerate(items):
            if item.id == after_id:
                start = index + 1
                break
    for item in items[start:] + items[:start]:
        if not _item_done(item, facts):
            return item
    return None


def continue_step(
    *, structure: CourseStructure, facts: LearnerFacts, last_page_id: int | None
) -> StructureItem | None:
    """Where the learner resumes: the page they left off at if unfinished, else the next one."""
    last = structure.item(last_page_id)
    if last is not None and not _item_done(last, facts):
        return last
    return next_step(structure=structure, facts=facts, after_id=last_page_id)
