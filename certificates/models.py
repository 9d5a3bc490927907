"""Certificates: one current certificate per completion, with a snapshot taken at issue.

A certificate never changes what it says once issued: the holder's name, the course title, the
study time and the accreditations are copied at issue time. A name correction issues a new
certificate for the same completion and marks the old one as replaced. Revocation is a fact of
the completion (Completion.revoked_at), so it holds for every certificate of that completion.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.codes import format_code
from courses.models import CourseAccreditation


class CertificateStatus(models.TextChoices):
    VALID = "geldig", _("Geldig")
    EXPIRED = "verlopen", _("Verlopen")
    REVOKED = "ingetrokken", _("Ingetrokken")
    REPLACED = "vervangen", _("Vervangen")
    ERASED = "verwijderd", _("Niet meer beschikbaar")
    UNKNOWN = "onbekend", _("Onbekend")


class Certificate(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    completion = models.ForeignKey(
        "courses.Completion", on_delete=models.PROTECT, related_name="certificates"
    )
    code = models.CharField(_("verificatiecode"), max_length=16, unique=True)
    issued_at = models.DateTimeField(_("uitgegeven op"))
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    # Snapshot at the moment of issue: later edits of a name or a course change nothing issued.
    holder_name = models.CharField(_("naam houder"), max_length=300)
    # What the public verification page may show of the holder: initials and surname.
    holder_short_name = models.CharField(_("verkorte naam houder"), max_length=200, blank=True)
    course_title = models.CharField(_("cursus"), max_length=255)
    study_time_minutes = models.PositiveIntegerField(_("studietijd (minuten)"), default=0)
    accreditations = models.JSONField(_("accreditaties"), default=list, blank=True)
    registrations = models.JSONField(_("registraties van de houder"), default=list, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="certificaten/%Y/%m/", blank=True)
    pdf_rendered_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )
    reminder_sent_at = models.DateTimeField(
        _("herinnering verloop verstuurd"), null=True, blank=True
    )
    # The holder's personal data was erased (AVG): the paper says nothing any more.
    holder_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")
        permissions = [("revoke_certificate", _("Kan certificaten intrekken"))]
        constraints = [
            models.UniqueConstraint(
                fields=["completion"],
                condition=models.Q(replaced_at__isnull=True),
                name="one_current_certificate_per_completion",
            )
        ]
        indexes = [
            models.Index(
                fields=["issued_at"], condition=models.Q(pdf=""), name="certificate_without_pdf"
            ),
            models.Index(
                fields=["valid_until"],
                condition=models.Q(replaced_at__isnull=True, reminder_sent_at__isnull=True),
                name="certificate_reminder_due",
            ),
        ]

    def __str__(self):
        return f"{self.course_title} – {self.display_code}"

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    @property
    def is_replaced(self) -> bool:
        return self.replaced_at is not None

    @property
    def is_revoked(self) -> bool:
        return self.completion.revoked_at is not None

    def is_expired(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.valid_until is not None and self.valid_until < today

    def status(self, today: date | None = None) -> str:
        """Erased before replaced before revoked before expired: the strongest fact wins."""
        if self.holder_erased_at is not None:
            return CertificateStatus.ERASED
        if self.is_replaced:
            return CertificateStatus.REPLACED
        if self.is_revoked:
            return CertificateStatus.REVOKED
        if self.is_expired(today):
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    @property
    def current_status(self) -> str:
        return self.status()

    @property
    def current_status_label(self) -> str:
        return CertificateStatus(self.status()).label

    @property
    def points_display(self) -> str:
        """Accreditation points as the certificate prints them, e.g. "SKJ: 4 punten"."""
        return "; ".join(
            f"{a.get('register_label', a.get('register', ''))}: {a.get('points', '')}"
            for a in self.accreditations
        )


class ProfessionalRegistration(models.Model):
    """A learner's registration with a professional register (SKJ, Registerplein, ...)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="professional_registrations",
    )
    register = models.CharField(
        _("register"), max_length=30, choices=CourseAccreditation.Register.choices
    )
    registration_number = models.CharField(_("registratienummer"), max_length=60)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("beroepsregistratie")
        verbose_name_plural = _("beroepsregistraties")
        ordering = ["register"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "register"], name="registration_once_per_register"
            )
        ]

    def __str__(self):
        return f"{self.get_register_display()}: {self.registration_number}"
