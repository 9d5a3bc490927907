"""Targets of the action programme and what the reports record."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    """A training target of the action programme (a number, or coverage of a function)."""

    class Mode(models.TextChoices):
        NUMBER = "aantal", _("Aantal personen")
        COVERAGE = "dekking", _("Dekking van een functie")

    slug = models.SlugField(_("code"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    course_codes = models.JSONField(
        _("cursuscodes"),
        default=list,
        help_text=_("Codes van platformcursussen en van externe cursussen uit imports."),
    )
    mode = models.CharField(_("soort doel"), max_length=20, choices=Mode.choices)
    target_number = models.PositiveIntegerField(_("doelaantal"), null=True, blank=True)
    function = models.ForeignKey(
        "accounts.Function",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("functie"),
    )
    profession = models.ForeignKey(
        "accounts.Profession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beroepsgroep"),
    )
    period_start = models.DateField(_("begin periode"))
    deadline = models.DateField(_("deadline"))

    class Meta:
        ordering = ["deadline", "slug"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        permissions = [
            ("view_programme_dashboard", _("Kan de programmarapportage zien")),
            ("view_vng_dashboard", _("Kan het VNG-overzicht zien")),
            ("export_reports", _("Kan rapportages exporteren")),
            ("import_completions", _("Kan externe afrondingen importeren")),
        ]

    def __str__(self):
        return self.title
