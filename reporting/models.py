"""Targets of the action programme and what the reports record.

Counting itself is a read over ``courses.Completion`` (see reporting.counters); the models here
hold what the programme team sets (targets, expected headcounts) and what the reports leave
behind (daily snapshots, export requests, import batches, monthly report dispatches).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
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
        help_text=_(
            "Bij een aantal: alleen wie deze functie heeft telt mee. Bij dekking: de functie "
            "waarvan alle houders getraind moeten zijn."
        ),
    )
    profession = models.ForeignKey(
        "accounts.Profession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beroepsgroep"),
        help_text=_("Alleen wie deze beroepsgroep heeft telt mee (leeg: iedereen)."),
    )
    period_start = models.DateField(_("begin periode"))
    deadline = models.DateField(_("deadline"))
    public = models.BooleanField(
        _("openbaar"), default=True, help_text=_("Tonen in de openbare tellers (/tellers/).")
    )
    refreshers_count = models.BooleanField(
        _("herhaling telt mee"),
        default=False,
        help_text=_(
            "Aan: wie een van deze cursussen al vóór de periode afrondde en binnen de periode "
            "een herhaling volgt, telt mee. Uit (standaard): alleen wie binnen de periode voor "
            "het eerst is getraind telt mee."
        ),
    )

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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("period_start")),
                name="target_deadline_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(mode="aantal", target_number__isnull=False)
                | models.Q(mode="dekking", function__isnull=False),
                name="target_number_or_covered_function",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_coverage(self) -> bool:
        return self.mode == self.Mode.COVERAGE


class ExpectedHeadcount(models.Model):
    """How many holders of a function a municipality or region has, as set by a person.

    Coverage ("all ketenregisseurs") is counted against this number; where nobody has set it,
    the report falls back to the people registered with that function and says so.
    """

    function = models.ForeignKey(
        "accounts.Function",
        on_delete=models.PROTECT,
        related_name="expected_headcounts",
        verbose_name=_("functie"),
    )
    municipality = models.ForeignKey(
        "accounts.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="expected_headcounts",
        verbose_name=_("gemeente"),
    )
    region = models.ForeignKey(
        "accounts.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="expected_headcounts",
        verbose_name=_("regio"),
    )
    headcount = models.PositiveIntegerField(_("verwacht aantal"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bijgewerkt door"),
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("verwacht aantal functiehouders")
        verbose_name_plural = _("verwachte aantallen functiehouders")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=False, region__isnull=True)
                | models.Q(municipality__isnull=True, region__isnull=False),
                name="headcount_for_municipality_or_region",
            ),
            models.UniqueConstraint(
                fields=["function", "municipality"],
                condition=models.Q(municipality__isnull=False),
                name="headcount_once_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["function", "region"],
                condition=models.Q(region__isnull=False),
                name="headcount_once_per_region",
            ),
        ]

    def __str__(self):
        return f"{self.function}: {self.municipality or self.region} ({self.headcount})"


class CounterSnapshot(models.Model):
    """The count of a target as published on one day, kept so the published figure is on record.

    Counts are reproducible for any reference date; a snapshot that disagrees with the recount
    of its own day means history was changed, which the dashboard shows.
    """

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="snapshots")
    taken_on = models.DateField(_("peildatum"))
    count = models.PositiveIntegerField(_("aantal personen"))
    expected = models.PositiveIntegerField(_("verwacht aantal"), null=True, blank=True)
    # Coverage: the trained people among the group the expected number counts, and those
    # trained outside it (a region without a known number, no longer registered, surplus).
    covered = models.PositiveIntegerField(_("getraind binnen de groep"), null=True, blank=True)
    outside_group = models.PositiveIntegerField(
        _("getraind buiten de groep"), null=True, blank=True
    )
    regions_covered = models.PositiveIntegerField(_("regio's gedekt"), null=True, blank=True)
    regions_total = models.PositiveIntegerField(_("regio's totaal"), null=True, blank=True)
    # The breakdown per region as the public counters show it: small cells already hidden
    # (None), or null when it had to be withheld that day (reporting.disclosure).
    public_regions = models.JSONField(
        _("openbare verdeling per regio"), null=True, blank=True, default=None
    )
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target", "taken_on"]
        verbose_name = _("tellerstand")
        verbose_name_plural = _("tellerstanden")
        constraints = [
            models.UniqueConstraint(fields=["target", "taken_on"], name="snapshot_once_per_day")
        ]

    def __str__(self):
        return f"{self.target.slug} {self.taken_on}: {self.count}"


class ExportRequest(models.Model):
    """A table exported as CSV or XLSX, built in the background, downloadable by its requester."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX (Excel)"

    class Status(models.TextChoices):
        PENDING = "wacht", _("Wordt gemaakt")
        READY = "klaar", _("Klaar")
        FAILED = "mislukt", _("Mislukt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_requests"
    )
    table = models.SlugField(_("tabel"), max_length=80)
    format = models.CharField(_("formaat"), max_length=10, choices=Format.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("bestand"), upload_to="exports/%Y/%m/", blank=True)
    row_count = models.PositiveIntegerField(_("aantal rijen"), null=True, blank=True)
    error = models.CharField(_("fout"), max_length=500, blank=True)
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [
            models.Index(
                fields=["requested_at"],
                condition=models.Q(status="wacht"),
                name="export_pending",
            )
        ]

    def __str__(self):
        return f"{self.table}.{self.format} ({self.get_status_display()})"


class ImportBatch(models.Model):
    """One uploaded file of external completions: its validation report and what it created."""

    class Status(models.TextChoices):
        VALIDATED = "gecontroleerd", _("Gecontroleerd, nog niet geïmporteerd")
        REFUSED = "geweigerd", _("Geweigerd")
        PENDING = "wacht", _("Wordt geïmporteerd")
        IMPORTED = "geimporteerd", _("Geïmporteerd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source_name = models.CharField(_("bron"), max_length=100)
    course_code = models.SlugField(_("cursuscode"), max_length=80)
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    file_sha256 = models.CharField(_("controlegetal"), max_length=64, db_index=True)
    file = models.FileField(_("bestand"), upload_to="imports/%Y/%m/", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    line_count = models.PositiveIntegerField(_("regels"), default=0)
    valid_count = models.PositiveIntegerField(_("geldige regels"), default=0)
    invalid_count = models.PositiveIntegerField(_("ongeldige regels"), default=0)
    created_count = models.PositiveIntegerField(_("nieuwe afrondingen"), default=0)
    existing_count = models.PositiveIntegerField(_("al bekende afrondingen"), default=0)
    # [{"line": 3, "message": "..."}], in Dutch, as shown to the person who uploaded.
    report = models.JSONField(_("verslag"), default=list, blank=True)
    uploaded_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    imported_at = models.DateTimeField(_("geïmporteerd op"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("import van afrondingen")
        verbose_name_plural = _("imports van afrondingen")

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"


class MonthlyReportDispatch(models.Model):
    """That the monthly report for a month went out: keyed by the month, so it goes out once."""

    month = models.DateField(_("maand"), unique=True)
    recipient_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("maandrapport")
        verbose_name_plural = _("maandrapporten")

    def __str__(self):
        return f"{self.month:%Y-%m}"


class Standing(models.Model):
    """How many people a target gained (or lost) in one cell on one reference date.

    A person counts for a target once, at their first counted completion; as of a reference
    date D that is the earliest completion known by the end of D and not revoked by then. So
    each (target, person) contributes +1 to a cell (completed on, municipality, organisation
    kind, profession) from the day their first completion became known, and -1 on the day it
    stopped being their first (revoked, or an earlier one became known). A report as of D sums
    the rows known on or before D: its cost follows the cells and days, not the completions.
    Written only by reporting.standings; "none" is 0 for the two ids so the unique key holds.
    """

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
    known_on = models.DateField()
    completed_on = models.DateField()
    municipality_id = models.PositiveIntegerField(default=0)
    organisation_kind = models.CharField(max_length=40, default="", blank=True)
    profession_id = models.PositiveIntegerField(default=0)
    people = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("telstand")
        verbose_name_plural = _("telstanden")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "target",
                    "known_on",
                    "completed_on",
                    "municipality_id",
                    "organisation_kind",
                    "profession_id",
                ],
                name="standing_once_per_cell",
            )
        ]

    def __str__(self):
        return f"{self.target_id} {self.known_on} {self.completed_on}: {self.people:+d}"


class StandingTotal(models.Model):
    """A target's people as known at the end of a month, in the four breakdowns of a report:
    the sum of its Standing rows known by then. A report as of D reads the total through the
    month before D and only the Standing rows of D's own month on top of it, so the rows it
    reads follow the days and places, not the months the target has run.

    Built when a report first asks for it; dropped when a Standing row known by then changes
    (only a rebuild or a repair writes one in the past). Written only by
    reporting.standing_totals.
    """

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
    through = models.DateField()  # the last day of a month
    # {"completed_on": {"2026-03-02": 4, ...}, "municipality_id": {"12": 3, ...},
    #  "organisation_kind": {...}, "profession_id": {...}}; cells without people left out.
    people = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["target", "through"], name="standing_total_once")
        ]

    def __str__(self):
        return f"{self.target_id} t/m {self.through}"


class StandingPerson(models.Model):
    """What one person contributes to a target's standings: the periods (in reference dates)
    in which each of their completions was their first counted one.

    Kept so a change to a person's completions moves the standings by the difference only;
    never read by a report.
    """

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="+")
    person_key = models.CharField(max_length=64)
    # [[known_from, known_until or null, completed_on, municipality, kind, profession], ...]
    segments = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["target", "person_key"], name="standing_person_once_per_target"
            )
        ]

    def __str__(self):
        return f"{self.target_id} {self.person_key[:8]}"


class StandingDue(models.Model):
    """A person whose contributions to the standings are still to be brought in line with a
    change to their completions.

    A learner's completion notes its person here, in its own transaction (one INSERT), instead
    of working the standings out on the learner's request; every reader of the standings
    settles what is due first (reporting.standings.standings_settle), and a task does so every
    minute, so no report ever reads a figure that misses a committed completion. A row per
    change, never updated: a settle deletes exactly the rows it read, so a change noted while
    it ran stays due.
    """

    person_key = models.CharField(max_length=64)
    noted_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.person_key[:8]} ({self.noted_at:%Y-%m-%d %H:%M})"


class PersonLink(models.Model):
    """Two person keys that belong to one person (a work and a private address, an imported
    address), from the day they were linked until the day they were unlinked (if ever).

    The counters count the linked key (`alias_key`) as the person of `person_key` on every
    reference date within that span, and as a person of its own outside it; a link is never
    deleted, only ended, so every past figure stays reproducible. Written only by
    reporting.links; each link and unlink is in the audit log.
    """

    class Via(models.TextChoices):
        PROGRAMME_TEAM = "programmateam", _("Programmateam")
        LEARNER = "deelnemer", _("Deelnemer (beide adressen bevestigd)")

    alias_key = models.CharField(_("gekoppelde persoonssleutel"), max_length=64, db_index=True)
    person_key = models.CharField(_("persoonssleutel"), max_length=64, db_index=True)
    linked_on = models.DateField(_("gekoppeld op"))
    unlinked_on = models.DateField(_("ontkoppeld op"), null=True, blank=True)
    via = models.CharField(_("door wie"), max_length=20, choices=Via.choices)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gekoppeld door"),
    )
    unlinked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ontkoppeld door"),
    )
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("koppeling van adressen")
        verbose_name_plural = _("koppelingen van adressen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alias_key=models.F("person_key")),
                name="person_link_two_keys",
            ),
            models.UniqueConstraint(
                fields=["alias_key"],
                condition=models.Q(unlinked_on__isnull=True),
                name="person_link_once_open_per_alias",
            ),
        ]

    def __str__(self):
        return f"{self.alias_key[:8]} → {self.person_key[:8]} ({self.linked_on})"

    def active_on(self, day) -> bool:
        return self.linked_on <= day and (self.unlinked_on is None or day < self.unlinked_on)
