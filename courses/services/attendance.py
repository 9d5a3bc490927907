"""Attendance at a classroom session: when it may be marked and corrected, and marking it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import AuditEvent
from courses.completion import course_completion_evaluate, course_completion_reconsider
from courses.models import (
    ClassroomSession,
    Completion,
    CoursePage,
    Enrolment,
    SessionRegistration,
)
from courses.selectors.access import trained_sessions
from courses.services.enrolment import (
    _enrolment_locked,
    enrolment_start_recompute,
    enrolment_started,
)
from courses.services.errors import LearningError
from courses.services.sessions import _session_locked


def attendance_opens_at(session: ClassroomSession) -> datetime:
    """From this moment a session's attendance may be marked: its start. Before it nobody
    can have been there, so nothing may be recorded (and no certificate dated)."""
    return session.starts_at


def attendance_correctable_until(session: ClassroomSession) -> datetime:
    """Until this moment a mark may be changed (present <-> absent): the session's end plus
    settings.ATTENDANCE_CORRECTION_DAYS. A first mark stays possible afterwards."""
    days = getattr(settings, "ATTENDANCE_CORRECTION_DAYS", 14)
    return session.ends_at + timedelta(days=days)


@dataclass
class AttendanceResult:
    """What one save of an attendance list did."""

    completions: list[Completion] = field(default_factory=list)
    revoked: list[Completion] = field(default_factory=list)
    changed: int = 0


ATTENDANCE_REVOKE_REASON = "Aanwezigheid gecorrigeerd: de cursus is niet meer afgerond."


@transaction.atomic
def attendance_mark(
    *, session: ClassroomSession, marked_by, attendance: dict[int, str]
) -> AttendanceResult:
    """Record present/absent for registrations of one session (registration id -> value).

    Rules, all checked before anything is written (a refused call changes nothing):
    - `marked_by` keeps this session's list: its trainer or a coordinator of its course
      (courses.selectors.access.trained_sessions); else LearningError.
    - Marking opens at the session's start; before it LearningError says when it opens.
    - Changing an earlier mark is a correction, possible until attendance_correctable_until.
    Only seated registrations of this session are touched; unknown ids are ignored; marking
    the same value again changes nothing (idempotent). Every change is written to the audit
    log. A learner newly marked present has the course's rule evaluated in the same
    transaction; the completion is dated when the rule was met (the session's start, or a
    later lesson or toets). A correction to absent that breaks the rule revokes the learner's
    live completion and its certificate through certificates.services.certificate_revoke.
    """
    session = _session_locked(session)
    if not trained_sessions(marked_by).filter(pk=session.pk).exists():
        raise LearningError(_("U houdt de aanwezigheid van deze bijeenkomst niet bij."))
    now = timezone.now()
    if now < attendance_opens_at(session):
        raise LearningError(
            _(
                "Aanwezigheid registreren kan pas vanaf het begin van de bijeenkomst "
                "(%(moment)s). Er is niets opgeslagen."
            )
            % {"moment": _moment(attendance_opens_at(session))}
        )
    valid = {SessionRegistration.Attendance.PRESENT, SessionRegistration.Attendance.ABSENT}
    registrations = list(
        SessionRegistration.objects.select_for_update()
        .filter(
            session=session,
            pk__in=list(attendance),
            status=SessionRegistration.Status.REGISTERED,
        )
        .select_related("user")
        .order_by("pk")
    )
    changes = [
        (registration, attendance[registration.pk])
        for registration in registrations
        if attendance[registration.pk] in valid
        and registration.attendance != attendance[registration.pk]
    ]
    corrections = [
        registration
        for registration, _value in changes
        if registration.attendance != SessionRegistration.Attendance.UNKNOWN
    ]
    if corrections and now > attendance_correctable_until(session):
        raise LearningError(
            _("Corrigeren kon tot %(moment)s; die termijn is voorbij. Er is niets opgeslagen.")
            % {"moment": _moment(attendance_correctable_until(session))}
        )
    result = AttendanceResult()
    course = CoursePage.objects.get(pk=session.course_id)
    for registration, value in changes:
        previous = registration.attendance
        registration.attendance = value
        registration.attendance_marked_at = now
        registration.attendance_marked_by = marked_by
        registration.save(
            update_fields=["attendance", "attendance_marked_at", "attendance_marked_by"]
        )
        result.changed += 1
        revoked = None
        completion = None
        enrolment = _enrolment_locked(user=registration.user, course=course)
        active = enrolment is not None and enrolment.status == Enrolment.Status.ACTIVE
        if value == SessionRegistration.Attendance.PRESENT:
            enrolment_started(user=registration.user, course_id=course.pk, at=session.starts_at)
        elif previous == SessionRegistration.Attendance.PRESENT:
            enrolment_start_recompute(user=registration.user, course_id=course.pk)
        if value == SessionRegistration.Attendance.PRESENT and active:
            completion = course_completion_evaluate(
                user=registration.user,
                course=course,
                source=Completion.Source.ATTENDANCE,
                event_at=session.starts_at,
                origin={"kind": "bijeenkomst", "session": str(session.uuid)},
            )
            if completion is not None:
                result.completions.append(completion)
        elif previous == SessionRegistration.Attendance.PRESENT:
            revoked = course_completion_reconsider(
                user=registration.user, course=course, reason=ATTENDANCE_REVOKE_REASON
            )
            if revoked is not None:
                result.revoked.append(revoked)
        audit_record(
            actor=marked_by,
            action=AuditEvent.Action.ATTENDANCE_MARKED
            if previous == SessionRegistration.Attendance.UNKNOWN
            else AuditEvent.Action.ATTENDANCE_CORRECTED,
            target=f"{registration.user.email} – {session}",
            details={
                "bijeenkomst": str(session.uuid),
                "van": previous,
                "naar": value,
                "afronding": str(completion.uuid) if completion else "",
                "ingetrokken": str(revoked.uuid) if revoked else "",
            },
        )
    return result


def _moment(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y, H:i")
