"""Classroom sessions: registration, the waiting list, changes, reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.emails import session_reminder_email, waitlist_promotion_email
from courses.models import (
    ClassroomSession,
    Enrolment,
    SessionRegistration,
)
from courses.services.errors import LearningError
from elearning.mail import email_send_once
from elearning.outbox import outbox_add

# --- Classroom sessions ---------------------------------------------------------------------


def _session_locked(session: ClassroomSession) -> ClassroomSession:
    return ClassroomSession.objects.select_for_update().get(pk=session.pk)


@dataclass(frozen=True)
class RegistrationResult:
    registration: SessionRegistration
    created: bool


@transaction.atomic
def session_register(*, user, session: ClassroomSession) -> RegistrationResult:
    """Register for a session: a seat while there is one, else the waiting list. Idempotent.

    The session row is locked, so two people racing for the last seat end with one seat and
    one place on the waiting list, and one person registering twice keeps one row. A
    cancelled registration may register again (at the back of the queue). Raises LearningError
    if the learner is not enrolled in the course or the session has started.
    """
    session = _session_locked(session)
    if session.starts_at <= timezone.now():
        raise LearningError(_("Aanmelden kan niet meer: deze bijeenkomst is al begonnen."))
    if not Enrolment.objects.filter(
        user=user, course_id=session.course_id, status=Enrolment.Status.ACTIVE
    ).exists():
        raise LearningError(_("Schrijf u eerst in voor de cursus."))
    registration = SessionRegistration.objects.filter(session=session, user=user).first()
    if registration is not None and registration.status != SessionRegistration.Status.CANCELLED:
        return RegistrationResult(registration=registration, created=False)
    taken = SessionRegistration.objects.filter(
        session=session, status=SessionRegistration.Status.REGISTERED
    ).count()
    status = (
        SessionRegistration.Status.REGISTERED
        if taken < session.capacity
        else SessionRegistration.Status.WAITLISTED
    )
    if registration is None:
        registration = SessionRegistration.objects.create(session=session, user=user, status=status)
    else:
        registration.status = status
        registration.cancelled_at = None
        registration.registered_at = timezone.now()
        registration.reminder_sent_at = None
        registration.save(
            update_fields=["status", "cancelled_at", "registered_at", "reminder_sent_at"]
        )
    return RegistrationResult(registration=registration, created=True)


@transaction.atomic
def session_save(*, session: ClassroomSession, changed_by=None) -> ClassroomSession:
    """Create or change a session: the one writer of ClassroomSession rows. Idempotent.

    `session` carries the new values (from the coordinator's form). The stored row is locked
    first, so registrations and the waiting list are judged against what is saved. Once any
    attendance has been recorded, the start can no longer move (a mark made after the start
    must stay after it). After saving, free seats go to the waiting list in order (a raised
    capacity promotes at once, whoever raised it); a lowered capacity keeps the seats already
    given. Raises ValidationError (Dutch) for invalid values; then nothing is saved.
    """
    if session.pk is not None:
        stored = _session_locked(session)
        if (
            stored.starts_at != session.starts_at
            and SessionRegistration.objects.filter(session=stored)
            .exclude(attendance=SessionRegistration.Attendance.UNKNOWN)
            .exists()
        ):
            raise LearningError(
                _(
                    "Voor deze bijeenkomst is al aanwezigheid geregistreerd; de begintijd kan "
                    "niet meer worden gewijzigd."
                )
            )
    session.full_clean()
    session.save()
    _waitlist_promote(session)
    return session


@transaction.atomic
def session_cancel(*, user, session: ClassroomSession) -> SessionRegistration | None:
    """Cancel a registration; the first on the waiting list moves up. Idempotent.

    Cancelling twice, or without a registration, changes nothing. The promoted person is told
    by e-mail after the commit. Once the session has begun a registration stays (it carries
    the attendance): LearningError.
    """
    session = _session_locked(session)
    registration = SessionRegistration.objects.filter(session=session, user=user).first()
    if registration is None or registration.status == SessionRegistration.Status.CANCELLED:
        return registration
    if session.starts_at <= timezone.now():
        raise LearningError(_("Afmelden kan niet meer: deze bijeenkomst is al begonnen."))
    was_registered = registration.status == SessionRegistration.Status.REGISTERED
    registration.status = SessionRegistration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if was_registered:
        _waitlist_promote(session)
    return registration


def _waitlist_promote(session: ClassroomSession) -> None:
    taken = SessionRegistration.objects.filter(
        session=session, status=SessionRegistration.Status.REGISTERED
    ).count()
    free = session.capacity - taken
    if free <= 0:
        return
    waiting = SessionRegistration.objects.filter(
        session=session, status=SessionRegistration.Status.WAITLISTED
    ).order_by("registered_at", "pk")[:free]
    for registration in waiting:
        registration.status = SessionRegistration.Status.REGISTERED
        registration.save(update_fields=["status"])
        # One promotion, one event: registering anew later and moving up again is another.
        event = f"wachtlijst:{registration.pk}:{registration.registered_at.timestamp():.6f}"
        outbox_add(
            key=event,
            task="courses.tasks.waitlist_promotion_email_send_task",
            args=[registration.pk, event],
        )


def waitlist_promotion_email_send(*, registration_id: int, event: str) -> bool:
    """Send the e-mail of one promotion from the waiting list at most once.

    Nothing is sent when the seat was given up again. Returns whether an e-mail went out.
    """

    def build():
        registration = (
            SessionRegistration.objects.select_related("user", "session", "session__course")
            .filter(pk=registration_id, status=SessionRegistration.Status.REGISTERED)
            .first()
        )
        return waitlist_promotion_email(registration) if registration else None

    return email_send_once(key=event, build=build)


def session_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail everyone with a seat at a session that starts tomorrow. Idempotent.

    "Tomorrow" is the next calendar day in Europe/Amsterdam. Each registration is locked
    while its mail goes out and marked with reminder_sent_at, so running twice (or two beat
    workers at once) mails each person once. Returns the number of e-mails sent.
    """
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    due = list(
        SessionRegistration.objects.filter(
            status=SessionRegistration.Status.REGISTERED,
            reminder_sent_at__isnull=True,
            session__starts_at__date=tomorrow,
        ).values_list("pk", flat=True)
    )
    sent = 0
    for registration_id in due:
        with transaction.atomic():
            registration = (
                SessionRegistration.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("session", "session__course", "user")
                .filter(pk=registration_id, reminder_sent_at__isnull=True)
                .first()
            )
            if registration is None:
                continue
            session_reminder_email(registration).send()
            registration.reminder_sent_at = timezone.now()
            registration.save(update_fields=["reminder_sent_at"])
            sent += 1
    return sent
