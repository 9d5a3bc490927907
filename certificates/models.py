"""Certificates: one current certificate per completion, with a snapshot taken at issue."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from certificates.codes import format_code


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
            )
        ]

    def __str__(self):
        return f"{self.course_title} – {self.display_code}"

    @property
    def display_code(self) -> str:
        return format_code(self.code)
