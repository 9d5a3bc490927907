"""Writes about certificates: issue, re-issue, revoke, render the PDF, remind before expiry.

CONTRACT: certificate_issue(*, completion) -> Certificate is called by the completion service
inside the transaction that wrote the completion. It is idempotent and enqueues the PDF render
only after that transaction commits.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import AuditEvent
from accounts.privacy import ERASED_HOLDER
from certificates.codes import generate_code
from certificates.models import Certificate, ProfessionalRegistration
from certificates.names import short_name, short_name_from_full
from certificates.pdf import certificate_pdf_bytes
from certificates.selectors import recertification_codes
from courses.completion import completion_revoke, completions_changed
from courses.models import Completion, CourseAccreditation
from elearning.errors import DomainError
from elearning.links import site_url
from elearning.mail import email_send_once
from elearning.models import OutboxEntry
from elearning.outbox import outbox_add

logger = logging.getLogger(__name__)


class CertificateError(DomainError):
    """A certificate action that is not possible (already replaced, no reason given, ...)."""


def _holder_names(completion: Completion) -> tuple[str, str]:
    user = completion.user
    if user is None:
        return "", ""
    full = user.get_full_name().strip()
    if not full:
        # Without a name the e-mail is what identifies the person on their own paper; the
        # public page must not show it, so the short name stays empty.
        return user.email, ""
    if user.last_name.strip():
        return full, short_name(user.first_name, user.last_name)
    return full, short_name_from_full(full)


def _accreditation_snapshot(completion: Completion) -> list[dict]:
    """The course's accreditations as the certificate keeps them: from the live course's
    outline (kept under the catalogue version, no query), else read."""
    from courses.outline import course_outline

    if completion.course_id is None:
        return []
    outline = course_outline(completion.course_id)
    if outline is not None:
        accreditations = outline.accreditations
    else:
        accreditations = completion.course.accreditations.all().order_by("sort_order", "pk")
    labels = dict(CourseAccreditation.Register.choices)
    return [
        {
            "register": a.register,
            "register_label": str(labels.get(a.register, a.register)),
            "accreditation_id": a.accreditation_id,
            "points": format(a.points.normalize(), "f"),
        }
        for a in accreditations
    ]


def _registration_snapshot(user, accreditations: list[dict]) -> list[dict]:
    """The holder's registration numbers for the registers this course is accredited by."""
    if user is None or not accreditations:
        return []
    registers = {a["register"] for a in accreditations}
    return [
        {
            "register": r.register,
            "register_label": str(r.get_register_display()),
            "registration_number": r.registration_number,
        }
        for r in ProfessionalRegistration.objects.filter(user=user, register__in=registers)
    ]


def certificate_pdf_enqueue(*, certificate_id: int) -> None:
    """Ask for the PDF render of a certificate this transaction issued (the outbox); queued
    after commit. Only for a new certificate: its outbox key cannot exist yet, so the row is
    written without a savepoint (outbox_add's `new_fact`).

    A broker outage never undoes or breaks the learner's request: the outbox row stays
    pending and its sweep queues the render once the broker is back.
    """
    outbox_add(
        key=f"certificaat-pdf:{certificate_id}",
        task="certificates.tasks.certificate_pdf_render_task",
        args=[certificate_id],
        new_fact=True,  # a certificate id is never used twice
    )


def _current_certificate(completion: Completion) -> Certificate | None:
    return Certificate.objects.filter(completion=completion, replaced_at__isnull=True).first()


def _certificate_create(
    *,
    completion: Completion,
    course_title: str,
    study_time_minutes: int,
    accreditations: list,
    recorded_now: bool = False,
) -> Certificate | None:
    """Insert one current certificate; None when another caller's certificate won the race.

    For a completion `recorded_now` there is no race to lose (no other transaction sees it),
    and only a code collision (1 in 2**80) could fail the insert: it is written without a
    savepoint to come back to, and such a collision fails the caller's transaction whole.
    """
    holder_name, holder_short_name = _holder_names(completion)
    for _attempt in range(5):
        certificate = Certificate(
            completion=completion,
            code=generate_code(),
            issued_at=timezone.now(),
            valid_until=completion.valid_until,
            holder_name=holder_name,
            holder_short_name=holder_short_name,
            course_title=course_title,
            study_time_minutes=study_time_minutes,
            accreditations=accreditations,
            registrations=_registration_snapshot(completion.user, accreditations),
        )
        try:
            with transaction.atomic(savepoint=not recorded_now):
                certificate.save()
        except IntegrityError:
            if recorded_now:
                raise
            if _current_certificate(completion) is not None:
                return None
            continue  # a code collision (1 in 2**80): draw a new code
        return certificate
    raise CertificateError(_("Er kon geen unieke verificatiecode worden gemaakt."))


def certificate_issue_for_recorded(*, completion: Completion) -> Certificate:
    """certificate_issue for a completion recorded in this very transaction (the course's
    rule met just now, courses.completion's hook): nobody can have certified a row no other
    transaction sees yet, so the look for an existing certificate is left out."""
    return certificate_issue(completion=completion, recorded_now=True)


def certificate_issue(*, completion: Completion, recorded_now: bool = False) -> Certificate:
    """Issue the certificate of a completion. Idempotent.

    Returns the completion's current certificate if it has one; otherwise issues one with a
    fresh verification code and a snapshot of the holder's name, the course title, the study
    time, the course's accreditations and the holder's registration numbers. Concurrent calls
    end with one certificate: the partial unique constraint decides and the loser returns the
    winner's row. The PDF is rendered in the background after the transaction commits.
    """
    existing = None if recorded_now else _current_certificate(completion)
    if existing is not None:
        return existing
    course = completion.course
    certificate = _certificate_create(
        completion=completion,
        course_title=completion.course_title or (course.title if course else ""),
        study_time_minutes=course.study_time_minutes if course else 0,
        accreditations=_accreditation_snapshot(completion),
        recorded_now=recorded_now,
    )
    if certificate is None:
        return _current_certificate(completion)
    certificate_pdf_enqueue(certificate_id=certificate.pk)
    return certificate


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, actor=None) -> Certificate:
    """Issue a new certificate for the same completion, e.g. after a name correction.

    The old certificate gets replaced_at and replaced_by, and its verification page then says
    only "vervangen". The new one takes the holder's current name and registrations and keeps
    the course title, study time and accreditations of the original issue. Raises
    CertificateError if the certificate was already replaced or its completion is revoked.
    Writes a REISSUE event to the audit log (by `actor`, None for the system).
    """
    old = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("completion__user")
        .get(pk=certificate.pk)
    )
    if old.replaced_at is not None:
        raise CertificateError(_("Dit certificaat is al vervangen."))
    if old.completion.revoked_at is not None:
        raise CertificateError(_("Een ingetrokken certificaat kan niet opnieuw worden uitgegeven."))
    now = timezone.now()
    old.replaced_at = now
    old.save(update_fields=["replaced_at"])
    new = _certificate_create(
        completion=old.completion,
        course_title=old.course_title,
        study_time_minutes=old.study_time_minutes,
        accreditations=old.accreditations,
    )
    if new is None:  # cannot happen while we hold the lock, but never leave two current
        raise CertificateError(_("Er is al een nieuw certificaat uitgegeven."))
    old.replaced_by = new
    old.save(update_fields=["replaced_by"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.REISSUE,
        target=f"certificaat:{old.display_code}",
        details={"cursus": old.completion.course_code, "nieuw": new.display_code},
    )
    certificate_pdf_enqueue(certificate_id=new.pk)
    return new


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, actor=None) -> Completion:
    """Revoke the completion behind a certificate, with a reason. Idempotent.

    Revocation is recorded on the completion (revoked_at, revoked_reason), so every certificate
    of that completion reads "ingetrokken", and as a REVOCATION event in the audit log (by
    `actor`, None for the system). Revoking again keeps the first date and reason and writes
    no second event. Raises CertificateError without a reason.
    """
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Geef een reden voor het intrekken."))
    completion = Completion.objects.select_for_update().get(pk=certificate.completion_id)
    if completion.revoked_at is None:
        completion.revoked_at = timezone.now()
        completion.revoked_reason = reason[:500]
        completion.save(update_fields=["revoked_at", "revoked_reason"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.REVOCATION,
            target=f"certificaat:{certificate.display_code}",
            details={"cursus": completion.course_code, "reden": completion.revoked_reason},
        )
        completions_changed(person_keys=[completion.person_key])
    return completion


def completion_revoke_with_certificates(*, completion: Completion, reason: str) -> Completion:
    """Revoke a completion the course's rule no longer supports, with its certificates.

    The revoker registered with courses.completion (certificates.apps): through
    certificate_revoke when the completion has a certificate (audit event, every certificate
    reads "ingetrokken"), else completion_revoke. Idempotent, like both.
    """
    certificate = Certificate.objects.filter(completion=completion).order_by("-issued_at").first()
    if certificate is not None:
        return certificate_revoke(certificate=certificate, reason=reason)
    return completion_revoke(completion=completion, reason=reason)


def certificate_pdf_render(*, certificate_id: int) -> Certificate | None:
    """Render and store the PDF of a certificate, then ask for the "ready" e-mail. Idempotent.

    Skips a certificate that already has a PDF. The row is locked while rendering so two
    workers given the same id render once. Returns None if the certificate does not exist.
    """
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("completion")
            .filter(pk=certificate_id)
            .first()
        )
        if certificate is None or certificate.pdf or certificate.holder_erased_at:
            return certificate
        content = certificate_pdf_bytes(certificate)
        certificate.pdf.save(
            f"certificaat-{certificate.uuid}.pdf", ContentFile(content), save=False
        )
        certificate.pdf_rendered_at = timezone.now()
        certificate.save(update_fields=["pdf", "pdf_rendered_at"])
        if certificate.completion.user_id is not None:
            outbox_add(
                key=f"certificaat-klaar:{certificate.pk}",
                task="certificates.tasks.certificate_ready_email_send_task",
                args=[certificate.pk],
            )
    return certificate


def certificate_ready_email_send(*, certificate_id: int) -> bool:
    """E-mail the holder that their certificate is ready, with a link. At most once.

    Nothing is sent for a certificate that was replaced or revoked in the meantime, or whose
    holder is gone. Returns whether an e-mail went out.
    """

    def build():
        certificate = (
            Certificate.objects.select_related("completion__user")
            .filter(pk=certificate_id, replaced_at__isnull=True)
            .exclude(pdf="")
            .first()
        )
        if certificate is None or certificate.is_revoked or certificate.completion.user is None:
            return None
        user = certificate.completion.user
        context = {
            "certificate": certificate,
            "user": user,
            "download_url": site_url(
                reverse("certificates:download", kwargs={"uuid": certificate.uuid})
            ),
            "my_learning_url": site_url(reverse("courses:my_learning")),
            "verify_url": site_url(f"/certificaten/verifieer/{certificate.code}/"),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Uw certificaat %(course)s staat klaar") % {
                "course": certificate.course_title
            }
            body = render_to_string("certificates/email/certificate_ready.txt", context)
        return EmailMessage(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, to=[user.email]
        )

    return email_send_once(key=f"certificaat-klaar:{certificate_id}", build=build)


def _refresher_url(certificate: Certificate) -> tuple[str, str]:
    course = certificate.completion.course
    refresher = getattr(course, "refresher_course", None) if course else None
    target = refresher or course
    if target is None:
        return "", ""
    url = target.get_url() or ""
    if url.startswith("/"):
        url = site_url(url)
    return target.title, url


def _has_later_completion(certificate: Certificate) -> bool:
    completion = certificate.completion
    return Completion.objects.filter(
        person_key=completion.person_key,
        course_code__in=recertification_codes(completion),
        completed_at__gt=completion.completed_at,
        revoked_at__isnull=True,
    ).exists()


def certificate_expiry_reminders_send(*, today: date | None = None) -> int:
    """E-mail every holder whose certificate expires within the reminder window. Idempotent.

    A certificate is reminded once (reminder_sent_at). Each one is locked while its mail goes
    out and marked after sending, so two runs never mail twice and a crash mid-run means at
    most one repeat rather than a lost reminder. Holders who already completed the course or
    its refresher again are not reminded. Returns the number of e-mails sent.
    """
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.CERTIFICATE_EXPIRY_REMINDER_DAYS)
    due_ids = list(
        Certificate.objects.filter(
            replaced_at__isnull=True,
            reminder_sent_at__isnull=True,
            valid_until__gte=today,
            valid_until__lte=horizon,
            completion__revoked_at__isnull=True,
            completion__user__isnull=False,
        ).values_list("pk", flat=True)
    )
    sent = 0
    for certificate_id in due_ids:
        with transaction.atomic():
            certificate = (
                Certificate.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("completion__user", "completion__course")
                .filter(pk=certificate_id, reminder_sent_at__isnull=True)
                .first()
            )
            if certificate is None:
                continue
            if not _has_later_completion(certificate):
                refresher_title, refresher_url = _refresher_url(certificate)
                context = {
                    "certificate": certificate,
                    "user": certificate.completion.user,
                    "refresher_title": refresher_title,
                    "refresher_url": refresher_url,
                    "verify_url": site_url(f"/certificaten/verifieer/{certificate.code}/"),
                }
                send_mail(
                    subject=_("Uw certificaat %(course)s verloopt binnenkort")
                    % {"course": certificate.course_title},
                    message=render_to_string("certificates/email/expiry_reminder.txt", context),
                    from_email=None,
                    recipient_list=[certificate.completion.user.email],
                )
                sent += 1
            certificate.reminder_sent_at = timezone.now()
            certificate.save(update_fields=["reminder_sent_at"])
    return sent


@transaction.atomic
def professional_registration_save(
    *, user, register: str, registration_number: str
) -> ProfessionalRegistration:
    """Record (or correct) the learner's number with a register. Idempotent per register."""
    registration, _created = ProfessionalRegistration.objects.update_or_create(
        user=user,
        register=register,
        defaults={"registration_number": registration_number.strip()},
    )
    return registration


def professional_registration_delete(*, user, registration_id: int) -> bool:
    """Remove one of the learner's own registrations. Returns whether one was removed."""
    deleted, _rows = ProfessionalRegistration.objects.filter(user=user, pk=registration_id).delete()
    return bool(deleted)


def certificates_holder_erase(*, user, needles: list[str] | None = None) -> int:
    """Remove the holder's personal data from all their certificates. Idempotent.

    Part of account erasure (accounts.privacy.account_erase runs it): the name, short name
    and registration numbers are emptied, holder_erased_at is set (the public verification
    then says only that the certificate is no longer available), and the stored PDFs, which
    print the name, are deleted from storage once the transaction commits. Replaced
    certificates too. Returns the number of certificates changed. Call before the user row is
    deleted (the certificates are found through the completion).
    """
    now = timezone.now()
    changed = 0
    for certificate in Certificate.objects.filter(completion__user=user):
        if certificate.pdf:
            storage, name = certificate.pdf.storage, certificate.pdf.name
            transaction.on_commit(lambda s=storage, n=name: s.delete(n), robust=True)
        certificate.holder_name = ERASED_HOLDER
        certificate.holder_short_name = ""
        certificate.registrations = []
        certificate.pdf = ""
        certificate.pdf_rendered_at = None
        certificate.holder_erased_at = certificate.holder_erased_at or now
        certificate.save(
            update_fields=[
                "holder_name",
                "holder_short_name",
                "registrations",
                "pdf",
                "pdf_rendered_at",
                "holder_erased_at",
            ]
        )
        changed += 1
    # No PDF will be made for an erased holder, nor an e-mail sent.
    ids = Certificate.objects.filter(completion__user=user).values_list("pk", flat=True)
    keys = [f"certificaat-pdf:{pk}" for pk in ids]
    OutboxEntry.objects.filter(key__in=keys, done_at__isnull=True).update(done_at=now)
    return changed
