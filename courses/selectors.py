"""Reads about learning that pages, views and reports share.

CONTRACT (used by the page templates):
- course_page_state(user, course) -> dict: enrolment, progress, next_page, continue_page,
  invitation, completion, sessions the learner registered for
- lesson_page_state(user, lesson) -> dict: enrolment, progress record, course progress,
  module progress, next step
- toets_page_state(user, toets) -> dict: attempts, attempts_left, best attempt, result of the
  latest attempt (scored feedback)
`user` may be anonymous; then the dicts say so and run no per-user query.

Every count of "how far is this person" goes through `course_progress`, the one function that
turns a course's structure and a person's facts into done/total/percent. The structure of a
course (its live lessons and toetsen, in tree order) is read in one query whatever its size,
and a person's facts for any number of courses in one more, so page query counts stay flat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, NullIf
from django.utils import timezone
from wagtail.models import Page

from courses.learner_status import LearnerStatus
from courses.models import (
    ClassroomSession,
    Completion,
    CourseCoordinator,
    CoursePage,
    Enrolment,
    Invitation,
    LessonProgress,
    SessionRegistration,
    ToetsAttempt,
)
from courses.outline import (
    LESSON,
    TOETS,
    CourseOutline,
    CourseStructure,
    StructureItem,
    StructureModule,
    course_structures,
    course_structures_kept,
    outline_of_page,
)

__all__ = [  # the structure types are read from here by services and reports
    "LESSON",
    "TOETS",
    "CourseStructure",
    "StructureItem",
    "StructureModule",
    "course_structures",
]

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
    """The structure of `course`: an outline's own, else read (one query). Pages hand their
    outline's structure to the page states, so a page reads none."""
    if isinstance(course, CourseOutline):
        return course.structure
    return course_structures([course])[course.pk]


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


def learner_facts(user, course_ids) -> dict[int, LearnerFacts]:
    """Facts of `user` in the given courses, in one query: {course id: LearnerFacts}.

    Lesson progress and passed attempts are read as one UNION, so the count stays one query
    however many courses or lessons there are. Attendance is added by the caller.
    """
    course_ids = list(course_ids)
    facts = {course_id: LearnerFacts() for course_id in course_ids}
    if not course_ids or not getattr(user, "is_authenticated", False):
        return facts
    lessons = LessonProgress.objects.filter(user=user, course_id__in=course_ids).values_list(
        "course_id", "lesson_id", "completed_at"
    )
    passed = ToetsAttempt.objects.filter(
        user=user, course_id__in=course_ids, passed=True
    ).values_list("course_id", "toets_id", "submitted_at")
    for course_id, page_id, done_at in lessons.union(passed, all=True):
        course_facts = facts[course_id]
        course_facts.started.add(page_id)
        if done_at is not None:
            course_facts.done.add(page_id)
            earlier = course_facts.done_at.get(page_id)
            if earlier is None or done_at < earlier:
                course_facts.done_at[page_id] = done_at
    return facts


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


# --- Shared small reads ---------------------------------------------------------------------


def enrolment_for(user, course) -> Enrolment | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def _enrolment_in(user, course_id: int) -> Enrolment | None:
    return Enrolment.objects.filter(user=user, course_id=course_id).first()


def course_of_page(page) -> CoursePage | None:
    """The course a lesson, module or toets sits in, a course page's being itself (one query)."""
    steplen = Page.steplen
    ancestors = [page.path[: steplen * n] for n in range(1, page.depth + 1)]
    return CoursePage.objects.filter(path__in=ancestors).first()


def completion_for(user, course) -> Completion | None:
    """The person's latest live completion of this course (any round), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Completion.objects.filter(
            person_key=user.person_key, course_code=course.code, revoked_at__isnull=True
        )
        .order_by("-round")
        .first()
    )


def invitation_for(user, course) -> Invitation | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Invitation.objects.filter(course=course, email__iexact=user.email).first()


# --- Page states ----------------------------------------------------------------------------


def course_page_state(
    user, course, *, has_sessions: bool = True, structure: CourseStructure | None = None
) -> dict:
    """What the course page shows about the person: enrol button, progress, resume link.

    `has_sessions=False` (the course's outline has no classroom session, past or planned)
    spares the read of the person's session registrations.
    """
    state: dict = {"authenticated": bool(getattr(user, "is_authenticated", False))}
    state["mode"] = course.enrolment_mode
    if not state["authenticated"]:
        return state
    # The enrolment, the latest live completion and the facts: one query for all three.
    from courses.learner_reads import enrolment_and_facts

    enrolment, facts, completed_at = enrolment_and_facts(user, course.pk, course_code=course.code)
    state["enrolment"] = enrolment
    state["is_enrolled"] = bool(enrolment and enrolment.status == Enrolment.Status.ACTIVE)
    state["is_pending"] = bool(enrolment and enrolment.status == Enrolment.Status.PENDING)
    state["is_declined"] = bool(enrolment and enrolment.status == Enrolment.Status.DECLINED)
    if course.enrolment_mode == CoursePage.EnrolmentMode.INVITATION and not state["is_enrolled"]:
        state["invitation"] = invitation_for(user, course)
    # As before: the completion is shown with an enrolment (an imported one alone is not).
    completion = {"completed_at": completed_at} if completed_at and enrolment else None
    state["completion"] = completion
    if not state["is_enrolled"]:
        return state
    structure = structure or course_structure(course)
    registrations = (
        list(
            SessionRegistration.objects.filter(user=user, session__course=course)
            .exclude(status=SessionRegistration.Status.CANCELLED)
            .select_related("session")
        )
        if has_sessions
        else []
    )
    facts.attended = course.pk in attended_course_ids(registrations)
    state["structure"] = structure
    state["facts"] = facts
    state["progress"] = course_progress(
        course=course, structure=structure, facts=facts, completed=completion is not None
    )
    state["modules"] = module_progress(structure=structure, facts=facts)
    state["continue_page"] = continue_step(
        structure=structure, facts=facts, last_page_id=enrolment.last_page_id
    )
    state["registrations"] = {r.session_id: r for r in registrations}
    now = timezone.now()
    state["past_registrations"] = sorted(
        (
            r
            for r in registrations
            if r.session.starts_at <= now and r.status == SessionRegistration.Status.REGISTERED
        ),
        key=lambda r: r.session.starts_at,
        reverse=True,
    )
    return state


def lesson_page_state(
    user, lesson, *, visit=None, structure: CourseStructure | None = None
) -> dict:
    """What the lesson page shows: completed?, course and module progress, the next step.

    `visit` is what courses.services.lesson_open returned in the same request (course,
    enrolment, facts), so the lesson page costs the same handful of queries for a course of
    any size; without it the course is the lesson's outline and the enrolment is read here.
    """
    state: dict = {"authenticated": bool(getattr(user, "is_authenticated", False))}
    if not state["authenticated"]:
        return state
    if visit is None:
        course = outline_of_page(lesson)
        enrolment = _enrolment_in(user, course.id) if course else None
        facts = None
    else:
        course, enrolment, facts = visit.course, visit.enrolment, visit.facts
    state["course"] = course
    state["enrolment"] = enrolment
    state["is_enrolled"] = bool(enrolment and enrolment.status == Enrolment.Status.ACTIVE)
    if course is None or not state["is_enrolled"]:
        return state
    structure = structure or course_structure(course)
    if facts is None:
        facts = learner_facts(user, [course.pk])[course.pk]
    if course.requires_session_attendance:
        facts.attended = SessionRegistration.objects.filter(
            user=user,
            session__course_id=course.pk,
            attendance=SessionRegistration.Attendance.PRESENT,
        ).exists()
    state["is_completed"] = lesson.pk in facts.done
    state["progress"] = course_progress(course=course, structure=structure, facts=facts)
    item = structure.item(lesson.pk)
    state["module_progress"] = None
    if item is not None and item.module_id is not None:
        for entry in module_progress(structure=structure, facts=facts):
            if entry["module"].id == item.module_id:
                state["module_progress"] = entry
    state["next_page"] = next_step(structure=structure, facts=facts, after_id=lesson.pk)
    if state["next_page"] is not None and state["next_page"].id == lesson.pk:
        state["next_page"] = None
    return state


def learner_answers(user, lesson) -> dict:
    """The person's own saved answers in a lesson, by block id (one query). The only read of
    LearnerAnswer for a learner: nobody else's answers, whatever they shared."""
    from courses.models import LearnerAnswer

    if not getattr(user, "is_authenticated", False):
        return {}
    return {
        answer.block_id: answer
        for answer in LearnerAnswer.objects.filter(user=user, lesson_id=lesson.pk)
    }


def shared_answers(session) -> list:
    """Answers that learners seated at `session` wrote in its course and that the block shared
    with the trainer (one query). For the session's attendance page, whose access rule
    (trained_sessions) decides who may read them; private answers are never read here."""
    from courses.models import LearnerAnswer

    seated = SessionRegistration.objects.filter(
        session=session, status=SessionRegistration.Status.REGISTERED
    ).values("user_id")
    return list(
        LearnerAnswer.objects.filter(
            course_id=session.course_id, shared_with_trainer=True, user_id__in=seated
        )
        .select_related("user", "lesson")
        .order_by("user__last_name", "user__email", "lesson__path", "created_at")
    )


def toets_page_state(user, toets) -> dict:
    """What the toets page shows: attempts used and left, the attempt to show, its feedback.

    Once passed, no attempt is left and the passing attempt is the one shown. The feedback
    holds only what the toets's feedback policy allows at this point
    (courses.scoring.feedback_level): before passing or the last attempt never a correct
    option the learner did not choose.
    """
    from courses.scoring import attempt_feedback, feedback_level

    state: dict = {"authenticated": bool(getattr(user, "is_authenticated", False))}
    if not state["authenticated"]:
        state["attempts_left"] = toets.max_attempts
        return state
    course = outline_of_page(toets)
    enrolment = _enrolment_in(user, course.id) if course else None
    state["course"] = course
    state["enrolment"] = enrolment
    state["is_enrolled"] = bool(enrolment and enrolment.status == Enrolment.Status.ACTIVE)
    attempts = list(ToetsAttempt.objects.filter(user=user, toets=toets).order_by("number"))
    passed = any(a.passed for a in attempts)
    state["attempts"] = attempts
    state["attempt_count"] = len(attempts)
    if passed:
        state["attempts_left"] = 0
    else:
        state["attempts_left"] = (
            None if toets.max_attempts is None else max(0, toets.max_attempts - len(attempts))
        )
    state["best_attempt"] = max(
        attempts, key=lambda a: (a.passed, a.score_percent, -a.number), default=None
    )
    state["passed"] = passed
    latest = attempts[-1] if attempts else None
    # After passing, the passing attempt is the result; before, the latest attempt.
    shown = state["best_attempt"] if passed else latest
    state["latest_attempt"] = shown
    level = feedback_level(toets, passed=passed, attempts_left=state["attempts_left"])
    state["feedback_level"] = level
    # Rebuilt from the stored answers and layout against the stored questions; the scores
    # shown are the ones stored at submission time.
    state["feedback"] = attempt_feedback(toets, shown, level=level) if shown else []
    return state


# --- My learning ----------------------------------------------------------------------------


def my_learning(user) -> dict:
    """Everything /mijn/ shows, in a fixed number of queries whatever the history's size."""
    now = timezone.now()
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("course")
        .order_by("-enrolled_at", "-requested_at")
    )
    completions = list(
        Completion.objects.filter(person_key=user.person_key, revoked_at__isnull=True)
        .select_related("course", "course__refresher_course")
        # The current certificate (at most one per completion: a unique constraint) through
        # the reverse relation the certificates app adds, so courses need not import it.
        .annotate(
            current_certificate=FilteredRelation(
                "certificates", condition=Q(certificates__replaced_at__isnull=True)
            ),
            certificate_uuid=F("current_certificate__uuid"),
        )
        .order_by("-completed_at")
    )
    registrations = list(
        SessionRegistration.objects.filter(user=user)
        .exclude(status=SessionRegistration.Status.CANCELLED)
        .select_related("session", "session__course")
        .order_by("session__starts_at")
    )
    active = [e for e in enrolments if e.status == Enrolment.Status.ACTIVE]
    structures = live_structures([e.course for e in active])
    facts = learner_facts(user, [e.course_id for e in active])
    attended = attended_course_ids(registrations)
    # The latest round per course code counts.
    latest: dict[str, Completion] = {}
    for completion in completions:
        if completion.course_code not in latest:
            latest[completion.course_code] = completion
    completed_codes = set(latest)
    in_progress = []
    for enrolment in active:
        course = enrolment.course
        course_facts = facts[course.pk]
        course_facts.attended = course.pk in attended
        structure = structures[course.pk]
        is_completed = course.code in completed_codes
        progress = course_progress(
            course=course, structure=structure, facts=course_facts, completed=is_completed
        )
        if is_completed:
            continue
        in_progress.append(
            {
                "enrolment": enrolment,
                "course": course,
                "progress": progress,
                "next_page": continue_step(
                    structure=structure,
                    facts=course_facts,
                    last_page_id=enrolment.last_page_id,
                ),
            }
        )
    horizon = timezone.localdate() + timedelta(
        days=getattr(settings, "CERTIFICATE_EXPIRY_REMINDER_DAYS", 60)
    )
    today = timezone.localdate()
    expiring = [
        c
        for c in latest.values()
        if c.valid_until is not None and today <= c.valid_until <= horizon
    ]
    for completion in completions:
        completion.certificate = (
            _CertificateLink(completion.certificate_uuid) if completion.certificate_uuid else None
        )
    return {
        "in_progress": in_progress,
        "pending": [e for e in enrolments if e.status == Enrolment.Status.PENDING],
        # Not begun: the learner may still cancel. Begun or over: the seat now carries the
        # attendance, which is shown instead (also after the course is completed).
        "upcoming_sessions": [r for r in registrations if r.session.starts_at > now],
        "past_sessions": [
            r
            for r in reversed(registrations)
            if r.session.starts_at <= now and r.status == SessionRegistration.Status.REGISTERED
        ],
        "completions": list(latest.values()),
        "expiring": expiring,
    }


@dataclass(frozen=True)
class _CertificateLink:
    uuid: object


# --- Coordinators and trainers --------------------------------------------------------------


def may_coordinate(user) -> bool:
    """Holds a coordinator role at all (own courses or every course): opens the coordinator
    and certificate-management pages, which then show only coordinated_courses(user)."""
    return getattr(user, "is_authenticated", False) and (
        user.has_perm("courses.coordinate_courses") or user.has_perm("courses.manage_all_courses")
    )


def coordinates_all_courses(user) -> bool:
    """True for whoever manages every course (administrators: courses.manage_all_courses)."""
    return getattr(user, "is_authenticated", False) and user.has_perm("courses.manage_all_courses")


def coordinated_courses(user):
    """Which courses this person coordinates: the one rule for courses, certificates, reporting.

    Every course for whoever manages all courses; otherwise the courses the person is assigned
    to (CourseCoordinator), and only while they hold the coordinator role
    (courses.coordinate_courses). An assignment row without the role opens nothing: taking the
    role away ends the access, wherever it is checked.
    """
    if not getattr(user, "is_authenticated", False):
        return CoursePage.objects.none()
    if coordinates_all_courses(user):
        return CoursePage.objects.all()
    if user.has_perm("courses.coordinate_courses"):
        return CoursePage.objects.filter(
            pk__in=CourseCoordinator.objects.filter(user=user).values("course_id")
        )
    return CoursePage.objects.none()


def has_coordinator_assignment(user) -> bool:
    """Any assignment row at all, role or not: enough to require MFA (accounts.mfa)."""
    return CourseCoordinator.objects.filter(user=user).exists()


def trains_a_session(user) -> bool:
    """Trainer of any session, role or not: enough to require MFA (accounts.mfa)."""
    return ClassroomSession.objects.filter(trainer=user).exists()


def trained_sessions(user):
    """Sessions whose attendance list this user keeps: the sessions they train (with the
    trainer role) and the sessions of the courses they are assigned to coordinate.

    The one rule for the attendance pages and for `attendance_mark`; a person with neither
    role keeps no list, and "manage all courses" alone does not make someone a keeper.
    """
    if not getattr(user, "is_authenticated", False):
        return ClassroomSession.objects.none()
    rule = Q(pk__in=[])
    if user.has_perm("courses.mark_attendance"):
        rule |= Q(trainer=user)
    if user.has_perm("courses.coordinate_courses") or user.has_perm("courses.manage_all_courses"):
        rule |= Q(course__in=CourseCoordinator.objects.filter(user=user).values("course_id"))
    return ClassroomSession.objects.filter(rule)


# Sort keys of the learner list (in the URL, Dutch) and the columns they order by; the e-mail
# address breaks ties so the pages of a sorted list never overlap.
LEARNER_SORTS = {
    "naam": ("user__last_name", "user__first_name"),
    "email": ("user__email",),
    "status": ("status_rank",),
    "voortgang": ("done_count",),
    "ingeschreven": ("enrolled_at",),
    "begonnen": ("started_at",),
    "afgerond": ("completed_at",),
}
_NEVER = datetime(9999, 12, 31, tzinfo=UTC)


def _first(queryset, column: str):
    """A correlated subquery: the earliest `column` of `queryset` (None when there is none)."""
    return Subquery(
        queryset.order_by().values("user_id").annotate(first=Min(column)).values("first")[:1]
    )


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

    Annotations: completed_at and valid_until (latest live completion), started_at (the real
    start: the first lesson opened, toets handed in or session attended; for a completion with
    none of those recorded, as with an import, its date), done_count (live lessons completed
    and toetsen passed, plus attendance when the course requires it), status and status_rank.
    `sort` is a key of LEARNER_SORTS, "-" in front for descending.
    """
    user = OuterRef("user_id")
    completions = Completion.objects.filter(
        course_code=course.code, revoked_at__isnull=True, person_key=OuterRef("user__person_key")
    ).order_by("-round")
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
    activity = Least(
        Coalesce(_first(lessons, "started_at"), Value(_NEVER)),
        Coalesce(_first(attempts, "submitted_at"), Value(_NEVER)),
        Coalesce(_first(attended, "session__starts_at"), Value(_NEVER)),
    )
    enrolments = (
        Enrolment.objects.filter(course=course, status=Enrolment.Status.ACTIVE)
        .select_related("user")
        .annotate(
            completed_at=Subquery(completions.values("completed_at")[:1]),
            valid_until=Subquery(completions.values("valid_until")[:1]),
            first_activity=NullIf(activity, Value(_NEVER)),
        )
        .annotate(
            started_at=Coalesce("first_activity", "completed_at"),
            done_count=done,
            status_rank=Case(
                When(completed_at__isnull=False, then=Value(2)),
                When(first_activity__isnull=False, then=Value(1)),
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
    # The status filter by existence (cheaper than the dates the status is shown from).
    active = Exists(lessons) | Exists(attempts) | Exists(attended)
    if status == LearnerStatus.COMPLETED:
        enrolments = enrolments.filter(completed_at__isnull=False)
    elif status == LearnerStatus.IN_PROGRESS:
        enrolments = enrolments.filter(active, completed_at__isnull=True)
    elif status == LearnerStatus.NOT_STARTED:
        enrolments = enrolments.filter(~active, completed_at__isnull=True)
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
                "started_at": enrolment.started_at,
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


def pending_enrolments(user):
    return (
        Enrolment.objects.filter(
            course__in=coordinated_courses(user), status=Enrolment.Status.PENDING
        )
        .select_related("user", "course")
        .order_by("requested_at")
    )


def course_sessions_overview(course) -> list[dict]:
    sessions = list(
        ClassroomSession.objects.filter(course=course)
        .select_related("trainer")
        .prefetch_related("registrations__user")
        .order_by("starts_at")
    )
    overview = []
    for session in sessions:
        registrations = list(session.registrations.all())
        overview.append(
            {
                "session": session,
                "registered": [
                    r for r in registrations if r.status == SessionRegistration.Status.REGISTERED
                ],
                "waitlisted": [
                    r for r in registrations if r.status == SessionRegistration.Status.WAITLISTED
                ],
                "present": sum(
                    1
                    for r in registrations
                    if r.attendance == SessionRegistration.Attendance.PRESENT
                ),
                "absent": sum(
                    1
                    for r in registrations
                    if r.attendance == SessionRegistration.Attendance.ABSENT
                ),
            }
        )
    return overview
