"""The coordinator's overviews besides the learner list: pending requests, a course's sessions."""

from __future__ import annotations

from courses.models import ClassroomSession, Enrolment, SessionRegistration
from courses.selectors.access import coordinated_courses


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
