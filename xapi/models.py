"""Partner completions over xAPI: partners, their mappings and every statement received.

A Statement row is kept for every statement a partner sent (one row per statement id), with
what became of it: a new completion, a duplicate of a person already counted, ignored (not a
completion verb), a dead letter (no course mapped, or no person to attribute it to) or a
voiding statement. Dead letters are replayed after a mapping is fixed.
"""

from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils.translation import gettext_lazy as _

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def default_verbs() -> list[str]:
    return [COMPLETED, PASSED]


class Partner(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    username = models.CharField(_("gebruikersnaam (xAPI)"), max_length=100, unique=True)
    password = models.CharField(_("wachtwoord (gehasht)"), max_length=200, editable=False)
    active = models.BooleanField(_("actief"), default=True)
    completion_verbs = models.JSONField(
        _("werkwoorden die afronding betekenen"),
        default=default_verbs,
        help_text=_("IRI's van xAPI-werkwoorden, bijvoorbeeld completed en passed."),
    )
    # Optional: pull statements from the partner's own LRS on a schedule.
    lrs_endpoint = models.URLField(_("LRS-adres van de partner"), blank=True)
    lrs_username = models.CharField(_("LRS-gebruikersnaam"), max_length=200, blank=True)
    lrs_password = models.CharField(_("LRS-wachtwoord"), max_length=200, blank=True)
    pull_enabled = models.BooleanField(_("periodiek ophalen"), default=False)
    pull_since = models.CharField(_("opgehaald tot (stored)"), max_length=40, blank=True)
    pulled_at = models.DateTimeField(_("laatst opgehaald"), null=True, blank=True)

    class Meta:
        verbose_name = _("xAPI-partner")
        verbose_name_plural = _("xAPI-partners")

    def __str__(self):
        return self.name

    def set_password(self, raw: str) -> None:
        self.password = make_password(raw)

    def check_password(self, raw: str) -> bool:
        return bool(self.password) and check_password(raw, self.password)


class ActivityMapping(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="mappings")
    activity_iri = models.CharField(_("activiteit-IRI"), max_length=500)
    course_code = models.SlugField(_("cursuscode"), max_length=80)

    class Meta:
        verbose_name = _("koppeling activiteit → cursus")
        verbose_name_plural = _("koppelingen activiteit → cursus")
        constraints = [
            models.UniqueConstraint(fields=["partner", "activity_iri"], name="mapping_once")
        ]

    def __str__(self):
        return f"{self.activity_iri} → {self.course_code}"


class Statement(models.Model):
    class Status(models.TextChoices):
        COUNTED = "nieuw", _("Nieuwe afronding")
        DUPLICATE = "dubbel", _("Al afgerond (dubbel)")
        IGNORED = "genegeerd", _("Geen afronding")
        DEAD = "onbestelbaar", _("Onbestelbaar")
        VOIDING = "intrekking", _("Intrekking")

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="statements")
    statement_id = models.UUIDField(unique=True)
    content_hash = models.CharField(max_length=64)
    data = models.JSONField()
    verb_id = models.CharField(max_length=500)
    activity_id = models.CharField(max_length=500, blank=True)
    person_key = models.CharField(max_length=64, blank=True)
    course_code = models.CharField(max_length=80, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    voided = models.BooleanField(default=False)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("xAPI-statement")
        verbose_name_plural = _("xAPI-statements")
        indexes = [
            models.Index(fields=["partner", "status"]),
            models.Index(fields=["person_key", "course_code"]),
        ]

    def __str__(self):
        return str(self.statement_id)


class DeadLetter(Statement):
    """The dead letters, as their own list in the admin."""

    class Meta:
        proxy = True
        verbose_name = _("onbestelbaar statement")
        verbose_name_plural = _("onbestelbare statements")
