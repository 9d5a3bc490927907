"""The coordinator's learner list: a course's active enrolments, each annotated with the
learner's facts, filtered and sorted in the database (paged by courses.learner_list)."""

from __future__ import annotations

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from courses.learner_status import LearnerStatus, learner_status_filter, live_completions
from courses.models import (
    Enrolment,
    LessonProgress,
    SessionRegistration,
    ToetsAttempt,
)
from courses.outline import CourseStructure
from courses.selectors.progress import Progress, course_structure

# Sort keys of the learner list (in the URL, Dutch) and the columns they order by; the e-mail
# address breaks ties so the pages of a sorted list never overlap.
LEARNER_SORTS = {
    "naam": ("user__last_name", "user__first_name"),
    "email": ("user__email",),
    "status": ("status_rank",),
    "voortgang": ("done_count",),
    "ingeschreven": ("enrolled_at",),
    "begonnen": ("start_shown",),
    "afgerond": ("completed_at",),
}


def course_learners_queryset(
    course,
    *,
    structure: CourseStructure,
    status: str = "",
    query: str = "",
    region=None,
    organisation=None,
    session=None,
    sort: str = "naam",
):
    """Active enrolments of `course`, each annotated with the learner's facts, filtered and
    sorted in the database, so a page of the list reads only its own rows.

    Annotations: completed_at and valid_until (latest live completion), start_shown (the real
    start: the enrolment's started_at, its first lesson opened, toets handed in or session
    attended; for a completion with none of those recorded, as with an import, its date),
    done_count (live lessons completed and toetsen passed, plus attendance when the course
    requires it), status and status_rank. `sort` is a key of LEARNER_SORTS, "-" in front for
    descending. Status filters and the start are a column and semi-joins, not per-learner
    subqueries (see courses.learner_list).
    """
    user = OuterRef("user_id")
    completions = live_completions(course)
    lessons = LessonProgress.objects.filter(course=course, user_id=user)
    attempts = ToetsAttempt.objects.filter(course=course, user_id=user)
    attended = SessionRegistration.objects.filter(
        session__course=course, user_id=user, attendance=SessionRegistration.Attendance.PRESENT
    )
    done_lessons = (
        lessons.filter(completed_at__isnull=False, lesson_id__in=structure.lesson_ids)
        .order_by()
        .values("user_id")
        .annotate(n=Count("lesson_id"))
        .values("n")[:1]
    )
    passed_toetsen = (
        attempts.filter(passed=True, toets_id__in=structure.toets_ids)
        .order_by()
        .values("user_id")
        .annotate(n=Count("toets_id", distinct=True))
        .values("n")[:1]
    )
    done = Coalesce(Subquery(done_lessons), 0) + Coalesce(Subquery(passed_toetsen), 0)
    if course.requires_session_attendance:
        done = done + Case(When(Exists(attended), then=1), default=0)
    enrolments = (
        Enrolment.objects.filter(course=course, status=Enrolment.Status.ACTIVE)
        .select_related("user")
        .annotate(
            completed_at=Subquery(completions.values("completed_at")[:1]),
            valid_until=Subquery(completions.values("valid_until")[:1]),
        )
        .annotate(
            start_shown=Coalesce("started_at", "completed_at"),
            done_count=done,
            status_rank=Case(
                When(completed_at__isnull=False, then=Value(2)),
                When(started_at__isnull=False, then=Value(1)),
                default=Value(0),
            ),
        )
    )
    if query:
        enrolments = enrolments.filter(
            Q(user__email__icontains=query)
            | Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
        )
    enrolments = learner_status_filter(enrolments, status, completions)
    if region is not None:
        enrolments = enrolments.filter(
            user__profile__municipality__in=region.municipalities.values("pk")
        )
    if organisation is not None:
        enrolments = enrolments.filter(user__profile__organisation=organisation)
    if session is not None:
        enrolments = enrolments.filter(
            user__session_registrations__session=session,
            user__session_registrations__status__in=[
                SessionRegistration.Status.REGISTERED,
                SessionRegistration.Status.WAITLISTED,
            ],
        )
    descending = sort.startswith("-")
    columns = LEARNER_SORTS.get(sort.lstrip("-"), LEARNER_SORTS["naam"])
    ordering = [
        F(column).desc(nulls_last=True) if descending else F(column).asc(nulls_last=True)
        for column in columns
    ]
    return enrolments.order_by(*ordering, "user__email", "pk")


def learner_rows(course, enrolments, *, structure: CourseStructure) -> list[dict]:
    """The rows the learner list and its export show, from annotated enrolments (no query)."""
    total = len(structure.lesson_ids | structure.toets_ids)
    if course.requires_session_attendance:
        total += 1
    rows = []
    for enrolment in enrolments:
        learner_status = LearnerStatus.ORDER[enrolment.status_rank]
        completed = enrolment.completed_at is not None
        done = total if completed and total else min(enrolment.done_count, total)
        rows.append(
            {
                "enrolment": enrolment,
                "user": enrolment.user,
                "progress": Progress(done=done, total=total),
                "status": learner_status,
                "status_label": LearnerStatus.LABELS[learner_status],
                "enrolled_at": enrolment.enrolled_at,
                "started_at": enrolment.start_shown,
                "completed_at": enrolment.completed_at,
                "valid_until": enrolment.valid_until,
            }
        )
    return rows


def course_learners(course, **filters) -> list[dict]:
    """Every row of the learner list with these filters (the export: complete, unpaged).

    Two queries whatever the number of learners: the structure and the annotated enrolments.
    """
    structure = course_structure(course)
    enrolments = course_learners_queryset(course, structure=structure, **filters)
    return learner_rows(course, enrolments, structure=structure)
