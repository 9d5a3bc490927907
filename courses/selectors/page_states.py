"""What the course, lesson and toets pages show about the person reading them.

CONTRACT (used by the page templates):
- course_page_state(user, course) -> dict: enrolment, progress, next_page, continue_page,
  invitation, completion, sessions the learner registered for
- lesson_page_state(user, lesson) -> dict: enrolment, progress record, course progress,
  module progress, next step
- toets_page_state(user, toets) -> dict: attempts, attempts_left, best attempt, result of the
  latest attempt (scored feedback)
`user` may be anonymous; then the dicts say so and run no per-user query.
"""

from __future__ import annotations

from django.utils import timezone

from courses.learner_reads import enrolment_and_facts
from courses.models import (
    CoursePage,
    Enrolment,
    Invitation,
    SessionRegistration,
    ToetsAttempt,
)
from courses.outline import CourseStructure, outline_of_page
from courses.scoring import attempt_feedback, feedback_level
from courses.selectors.progress import (
    attended_course_ids,
    continue_step,
    course_progress,
    course_structure,
    learner_facts,
    module_progress,
    next_step,
)

# --- Small reads ---------------------------------------------------------------------------


def _enrolment_in(user, course_id: int) -> Enrolment | None:
    return Enrolment.objects.filter(user=user, course_id=course_id).first()


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
    enrolment, facts, completed_at, _ = enrolment_and_facts(
        user, course.pk, course_code=course.code
    )
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


def toets_page_state(user, toets) -> dict:
    """What the toets page shows: attempts used and left, the attempt to show, its feedback.

    Once passed, no attempt is left and the passing attempt is the one shown. The feedback
    holds only what the toets's feedback policy allows at this point
    (courses.scoring.feedback_level): before passing or the last attempt never a correct
    option the learner did not choose.
    """
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
