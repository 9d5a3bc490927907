"""Invitations to a course by e-mail address, and their erasure with the person."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import normalise_email
from courses.emails import invitation_email
from courses.models import (
    CoursePage,
    Enrolment,
    Invitation,
)
from elearning.outbox import outbox_add

# --- Invitations ----------------------------------------------------------------------------


@dataclass
class InvitationReport:
    invited: list[str] = field(default_factory=list)
    already_invited: list[str] = field(default_factory=list)
    already_enrolled: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)


def emails_parse(text: str) -> list[str]:
    """Split pasted or uploaded text into addresses: commas, semicolons, spaces, new lines."""
    for separator in ",;\t\r":
        text = text.replace(separator, "\n")
    return [part.strip() for line in text.split("\n") for part in line.split(" ") if part.strip()]


@transaction.atomic
def invitations_send(*, course: CoursePage, emails: list[str], invited_by) -> InvitationReport:
    """Invite addresses to a course; each new invitee gets a Dutch e-mail with a link.

    Idempotent per course and address (compared case-insensitively): an address invited
    before is not invited or mailed again, and a person already enrolled is skipped.
    Invalid addresses are reported and skipped. E-mails go out after the commit.
    """
    report = InvitationReport()
    seen: set[str] = set()
    for raw in emails:
        email = normalise_email(raw)
        if not email or email in seen:
            continue
        seen.add(email)
        try:
            validate_email(email)
        except ValidationError:
            report.invalid.append(raw.strip())
            continue
        if Enrolment.objects.filter(
            course=course, user__email__iexact=email, status=Enrolment.Status.ACTIVE
        ).exists():
            report.already_enrolled.append(email)
            continue
        if Invitation.objects.filter(course=course, email__iexact=email).exists():
            report.already_invited.append(email)
            continue
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    course=course, email=email, invited_by=invited_by
                )
        except IntegrityError:
            # Invited meanwhile by a concurrent request; anything else (a token drawn twice)
            # is a fault to be seen, not an address to report as invited.
            if not Invitation.objects.filter(course=course, email__iexact=email).exists():
                raise
            report.already_invited.append(email)
            continue
        report.invited.append(email)
        outbox_add(
            key=f"uitnodiging:{invitation.pk}",
            task="courses.tasks.invitation_email_send_task",
            args=[invitation.pk],
        )
    return report


def invitation_email_send(*, invitation_id: int) -> bool:
    """Send one invitation e-mail unless it was sent already. Returns whether it was sent."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("course")
            .filter(pk=invitation_id, email_sent_at__isnull=True)
            .first()
        )
        if invitation is None:
            return False
        invitation_email(invitation).send()
        invitation.email_sent_at = timezone.now()
        invitation.save(update_fields=["email_sent_at"])
    return True


def person_learning_erase(*, user, needles: list[str] | None = None) -> int:
    """Erase what learning holds about a person beyond their own rows. Idempotent.

    Part of account erasure (accounts.privacy.account_erase runs it). Enrolments, progress,
    toets attempts with their answers and session registrations belong to the user row and go
    with it; invitations are kept by address, so those to the person's address go here.
    Returns the number of invitations removed.
    """
    deleted, _rows = Invitation.objects.filter(email__iexact=user.email).delete()
    return deleted
