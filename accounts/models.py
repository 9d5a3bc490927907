"""People and places: users, their profile, organisations, municipalities and regions."""

import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


def normalise_email(email: str) -> str:
    """The form of an e-mail address that identifies a person: trimmed and lower-cased."""
    return (email or "").strip().lower()


def person_key_for(email: str) -> str:
    """Pseudonymous key of a person: a keyed hash of the normalised e-mail address.

    Counters count distinct keys, so a person who completes on the platform and also appears
    in an imported file counts once, and an erased account keeps counting without its e-mail.
    """
    if not settings.PERSON_KEY_SECRET:
        # A web process does not run the system checks; refuse rather than key with "".
        raise ImproperlyConfigured("PERSON_KEY_SECRET ontbreekt (zie README).")
    digest = hmac.new(
        settings.PERSON_KEY_SECRET.encode(), normalise_email(email).encode(), hashlib.sha256
    )
    return digest.hexdigest()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person with an account. The e-mail address is the identifier; there is no username."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    person_key = models.CharField(
        _("persoonssleutel"), max_length=64, db_index=True, editable=False
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_case_insensitive")
        ]

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        self.person_key = person_key_for(self.email)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.get_full_name() or self.email


class Function(models.Model):
    """A role in the chain against trafficking that courses and targets address."""

    slug = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("functie")
        verbose_name_plural = _("functies")

    def __str__(self):
        return self.name


class Profession(models.Model):
    """A professional group (beroepsgroep), for audiences and report breakdowns."""

    slug = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("beroepsgroep")
        verbose_name_plural = _("beroepsgroepen")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True)
    name = models.CharField(_("naam"), max_length=100, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name


class RegionKind(models.Model):
    """A kind of region (RIEC, veiligheidsregio, zorgcoördinatorregio …): data, not code."""

    slug = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("soort regio")
        verbose_name_plural = _("soorten regio")

    def __str__(self):
        return self.name


class Region(models.Model):
    kind = models.ForeignKey(
        RegionKind, on_delete=models.PROTECT, related_name="regions", verbose_name=_("soort")
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("naam"), max_length=100)
    municipalities = models.ManyToManyField(
        Municipality, related_name="regions", blank=True, verbose_name=_("gemeenten")
    )

    class Meta:
        ordering = ["kind__name", "name"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="region_unique_code_per_kind")
        ]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        RECLASSERING = "reclassering", _("Reclassering")
        GEMEENTE = "gemeente", _("Gemeente")
        JEUGDZORG = "jeugdzorg", _("Jeugdzorg")
        ONDERWIJS = "onderwijs", _("Onderwijs")
        ZORG = "zorg", _("Zorg")
        POLITIE = "politie", _("Politie")
        OVERIG = "overig", _("Overig")

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.OVERIG)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("gemeente"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.UniqueConstraint(Lower("name"), "kind", name="organisation_unique_name_kind")
        ]

    def __str__(self):
        return self.name


class Profile(models.Model):
    """What the reports need to know about a person, and nothing more."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("organisatie"),
    )
    profession = models.ForeignKey(
        Profession,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("beroepsgroep"),
    )
    functions = models.ManyToManyField(
        Function, blank=True, related_name="profiles", verbose_name=_("functies")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("gemeente van werk"),
    )
    completed_at = models.DateTimeField(_("profiel ingevuld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self):
        return str(self.user)

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class AuditEvent(models.Model):
    """Append-only record of what staff did: exports, imports, revocations, roles, MFA, log-ins.

    Rows are never changed or deleted through the application (save refuses an update, delete
    refuses always); the actor's e-mail is kept as text so the record survives the account.
    """

    # Shown in the Wagtail admin (accounts/wagtail_hooks.py), but it refers to nothing Wagtail
    # needs to track: no reference-index read on every event written.
    wagtail_reference_index_ignore = True

    class Action(models.TextChoices):
        STAFF_LOGIN = "staff_login", _("Inloggen medewerker")
        ROLE_ADDED = "role_added", _("Rol toegekend")
        ROLE_REMOVED = "role_removed", _("Rol ingetrokken")
        ASSIGNMENT_ADDED = "assignment_added", _("Toewijzing gegeven")
        ASSIGNMENT_REMOVED = "assignment_removed", _("Toewijzing ingetrokken")
        MFA_ADDED = "mfa_added", _("Tweestapsverificatie ingesteld")
        MFA_REMOVED = "mfa_removed", _("Tweestapsverificatie verwijderd")
        EXPORT = "export", _("Export")
        IMPORT = "import", _("Import")
        REVOCATION = "revocation", _("Certificaat ingetrokken")
        REISSUE = "reissue", _("Certificaat opnieuw uitgegeven")
        ERASURE = "erasure", _("Account verwijderd")
        PERSON_LINKED = "person_linked", _("Adressen gekoppeld")
        PERSON_UNLINKED = "person_unlinked", _("Adressen ontkoppeld")
        ATTENDANCE_MARKED = "attendance_marked", _("Aanwezigheid geregistreerd")
        ATTENDANCE_CORRECTED = "attendance_corrected", _("Aanwezigheid gecorrigeerd")

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # Who did it, what, and to what; "details" holds the rest (reason, roles, filters, rows).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("door"), max_length=254, blank=True)
    action = models.CharField(_("handeling"), max_length=30, choices=Action.choices)
    target = models.CharField(_("waarop"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Het auditlog is alleen aan te vullen, niet te wijzigen.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Het auditlog is alleen aan te vullen, niet te wijzigen.")


class Erasure(models.Model):
    """That an account was erased, and when: no personal data, only the pseudonymous key."""

    person_key = models.CharField(max_length=64, db_index=True)
    erased_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("verwijderd account")
        verbose_name_plural = _("verwijderde accounts")

    def __str__(self):
        return f"{self.erased_at:%Y-%m-%d} {self.reason}"
