"""Enrolment: requests, decisions, invitations accepted; the enrolment row lock.

Every write that can complete a course first locks the learner's enrolment row
(`_enrolment_locked`), so two tabs or a replayed POST of one person and course run one after
the other.
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import normalise_email
from courses.emails import enrolment_decision_email
from courses.models import (
    CoursePage,
    Enrolment,
    Invitation,
    LessonProgress,
    SessionRegistration,
    ToetsAttempt,
)
from courses.services.errors import LearningError
from elearning.mail import email_send_once
from elearning.outbox import outbox_add

# --- Enrolment ------------------------------------------------------------------------------


def _enrolment_locked(*, user, course) -> Enrolment | None:
    """The enrolment row of a person and course, locked until the transaction ends.

    Plain SQL (PostgreSQL and SQLite; SQLite locks the whole database on the first write):
    every lesson completed and toets handed in takes this lock first, and the ORM spelling
    cost twice the query itself to compile.
    """
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    sql = f"SELECT * FROM {Enrolment._meta.db_table} WHERE user_id = %s AND course_id = %s{lock}"
    return next(iter(Enrolment.objects.raw(sql, [user.pk, course.pk])), None)


def _active_enrolment_locked(*, user, course) -> Enrolment:
    enrolment = _enrolment_locked(user=user, course=course)
    if enrolment is None or enrolment.status != Enrolment.Status.ACTIVE:
        raise LearningError(_("U bent niet ingeschreven voor deze cursus."))
    return enrolment


def enrolment_started(*, user, course_id: int, at) -> None:
    """Record a step in the course at `at` (a lesson opened, a toets handed in, a session
    attended): the enrolment's started_at becomes the earliest step. Idempotent, and safe
    without the row lock: the update only ever moves the date earlier."""
    Enrolment.objects.filter(user=user, course_id=course_id).filter(
        Q(started_at__isnull=True) | Q(started_at__gt=at)
    ).update(started_at=at)


def enrolment_start_recompute(*, user, course_id: int) -> None:
    """Work the enrolment's started_at out again from the recorded steps, after a step was
    taken back (an attendance corrected to absent)."""
    steps = [
        LessonProgress.objects.filter(user=user, course_id=course_id).aggregate(
            at=Min("started_at")
        )["at"],
        ToetsAttempt.objects.filter(user=user, course_id=course_id).aggregate(
            at=Min("submitted_at")
        )["at"],
        SessionRegistration.objects.filter(
            user=user,
            session__course_id=course_id,
            attendance=SessionRegistration.Attendance.PRESENT,
        ).aggregate(at=Min("session__starts_at"))["at"],
    ]
    started = min((at for at in steps if at is not None), default=None)
    Enrolment.objects.filter(user=user, course_id=course_id).update(started_at=started)


def _enrolment_upsert(*, user, course, status: str, source: str) -> tuple[Enrolment, bool]:
    """Create or return the one enrolment row of a person and course. Race-safe."""
    now = timezone.now()
    defaults = {
        "status": status,
        "source": source,
        "enrolled_at": now if status == Enrolment.Status.ACTIVE else None,
    }
    try:
        with transaction.atomic():
            return Enrolment.objects.get_or_create(user=user, course=course, defaults=defaults)
    except IntegrityError:
        return Enrolment.objects.get(user=user, course=course), False


def _enrolment_activate(enrolment: Enrolment, *, source: str, decided_by=None) -> Enrolment:
    enrolment.status = Enrolment.Status.ACTIVE
    enrolment.source = source
    enrolment.enrolled_at = enrolment.enrolled_at or timezone.now()
    fields = ["status", "source", "enrolled_at"]
    if decided_by is not None:
        enrolment.decided_by = decided_by
        enrolment.decided_at = timezone.now()
        fields += ["decided_by", "decided_at"]
    enrolment.save(update_fields=fields)
    return enrolment


@transaction.atomic
def enrolment_request(*, user, course: CoursePage) -> Enrolment:
    """Enrol (open), request enrolment (approval) or accept an invitation. Idempotent.

    - open: the learner is enrolled at once.
    - goedkeuring: a pending request is stored; the coordinator decides.
    - uitnodiging: only a person invited at their e-mail address (any case) is enrolled.
    An active or pending enrolment is returned unchanged. A declined request stays declined;
    a withdrawn learner may enrol again. Raises LearningError when not allowed.
    """
    mode = course.enrolment_mode
    existing = _enrolment_locked(user=user, course=course)
    if existing is not None and existing.status in (
        Enrolment.Status.ACTIVE,
        Enrolment.Status.PENDING,
    ):
        return existing
    if existing is not None and existing.status == Enrolment.Status.DECLINED:
        raise LearningError(_("Uw aanvraag voor deze cursus is afgewezen."))
    if mode == CoursePage.EnrolmentMode.INVITATION:
        invitation = Invitation.objects.filter(course=course, email__iexact=user.email).first()
        if invitation is None:
            raise LearningError(
                _("Voor deze cursus kunt u zich alleen inschrijven op uitnodiging.")
            )
        return invitation_accept(invitation=invitation, user=user)
    if mode == CoursePage.EnrolmentMode.APPROVAL:
        status, source = Enrolment.Status.PENDING, Enrolment.Source.APPROVAL
    else:
        status, source = Enrolment.Status.ACTIVE, Enrolment.Source.SELF
    if existing is None:
        enrolment, _created = _enrolment_upsert(
            user=user, course=course, status=status, source=source
        )
        return enrolment
    # Withdrawn: start again in the mode's first state.
    existing.status = status
    existing.source = source
    existing.requested_at = timezone.now()
    existing.enrolled_at = timezone.now() if status == Enrolment.Status.ACTIVE else None
    existing.save(update_fields=["status", "source", "requested_at", "enrolled_at"])
    return existing


@transaction.atomic
def enrolment_decide(*, enrolment: Enrolment, approve: bool, decided_by) -> Enrolment:
    """Approve or decline a pending request and tell the learner by e-mail. Idempotent.

    Deciding a request that is no longer pending changes nothing and sends nothing.
    """
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != Enrolment.Status.PENDING:
        return enrolment
    if approve:
        _enrolment_activate(enrolment, source=Enrolment.Source.APPROVAL, decided_by=decided_by)
    else:
        enrolment.status = Enrolment.Status.DECLINED
        enrolment.decided_by = decided_by
        enrolment.decided_at = timezone.now()
        enrolment.save(update_fields=["status", "decided_by", "decided_at"])
    decided_at = enrolment.decided_at or timezone.now()
    event = f"inschrijving-besluit:{enrolment.pk}:{decided_at.timestamp():.6f}"
    outbox_add(
        key=event,
        task="courses.tasks.enrolment_decision_email_send_task",
        args=[enrolment.pk, event],
    )
    return enrolment


def enrolment_decision_email_send(*, enrolment_id: int, event: str) -> bool:
    """Send the decision e-mail of one decision (`event`, its outbox key) at most once.

    Nothing is sent when the request is pending again or the person is gone. Returns whether
    an e-mail went out.
    """

    def build():
        enrolment = (
            Enrolment.objects.select_related("user", "course").filter(pk=enrolment_id).first()
        )
        if enrolment is None or enrolment.status == Enrolment.Status.PENDING:
            return None
        return enrolment_decision_email(enrolment)

    return email_send_once(key=event, build=build)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Enrolment:
    """Enrol the invited person. The account's e-mail must match the invitation (any case).

    Idempotent: accepting twice keeps one active enrolment.
    """
    if normalise_email(user.email) != normalise_email(invitation.email):
        raise LearningError(_("Deze uitnodiging is voor een ander e-mailadres."))
    enrolment, created = _enrolment_upsert(
        user=user,
        course=invitation.course,
        status=Enrolment.Status.ACTIVE,
        source=Enrolment.Source.INVITATION,
    )
    if not created and enrolment.status != Enrolment.Status.ACTIVE:
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        _enrolment_activate(enrolment, source=Enrolment.Source.INVITATION)
    if invitation.accepted_at is None:
        Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
    return enrolment
