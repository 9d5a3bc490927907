"""SCORM packages as lessons: the page (content), the package versions and the attempts (facts).

A "pakketles" is a lesson whose body is a SCORM package. The page says which package it runs;
every upload of that package is a new, numbered PackageVersion whose files live in storage
under their own prefix. A learner's PackageAttempt is bound to the version it started on, so
a new upload never changes what a learner in progress is running.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from courses.models import LessonPage
from scorm.forms import PackageLessonForm


class ScormPackage(models.Model):
    """A package as the coordinator knows it, across its uploads."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("titel"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SCORM-pakket")
        verbose_name_plural = _("SCORM-pakketten")

    def __str__(self):
        return self.title

    def current_version(self):
        return self.versions.order_by("-number").first()


class PackageVersion(models.Model):
    class ScormVersion(models.TextChoices):
        SCORM12 = "1.2", "SCORM 1.2"
        SCORM2004 = "2004", "SCORM 2004"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    package = models.ForeignKey(ScormPackage, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    scorm_version = models.CharField(max_length=4, choices=ScormVersion.choices)
    title = models.CharField(max_length=200, blank=True)
    launch = models.CharField(max_length=500)
    launch_query = models.CharField(max_length=500, blank=True)
    # SCORM 1.2 adlcp:masteryscore (raw score 0-100); SCORM 2004 minNormalizedMeasure (-1..1).
    mastery_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passing_scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    file_count = models.PositiveIntegerField(default=0)
    total_bytes = models.BigIntegerField(default=0)
    file_name = models.CharField(max_length=255, blank=True)
    # The manifest's default organisation (scorm.unpack.Manifest.organisation), read once at
    # upload so neither the lesson page nor a commit opens the manifest again.
    organisation = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pakketversie")
        verbose_name_plural = _("pakketversies")
        constraints = [
            models.UniqueConstraint(fields=["package", "number"], name="package_version_once")
        ]

    def __str__(self):
        return f"{self.package} v{self.number}"

    @property
    def storage_prefix(self) -> str:
        return f"scorm/{self.uuid}"

    def scos(self) -> list[dict]:
        """The package's SCOs in the organisation's order, each with its launch and mastery.

        Attempts name their SCO by the item identifier, the first SCO by "" (so attempts made
        before packages could hold more than one SCO are the first SCO's). A version uploaded
        before the organisation was kept has one SCO: its launch.
        """
        scos = [dict(item) for item in self.organisation if item.get("launch")]
        if not scos:
            scos = [
                {
                    "identifier": "",
                    "title": self.title,
                    "depth": 0,
                    "launch": self.launch,
                    "query": self.launch_query,
                    "mastery_score": self.mastery_score,
                    "passing_scaled": self.passing_scaled,
                }
            ]
        for sco in scos:
            for key in ("mastery_score", "passing_scaled"):
                if sco[key] is not None:
                    sco[key] = Decimal(str(sco[key]))
        scos[0]["key"] = ""
        for sco in scos[1:]:
            sco["key"] = sco["identifier"]
        return scos

    def sco(self, key: str) -> dict | None:
        """The SCO an attempt's `sco` names (see scos()); None for an unknown one."""
        return next((sco for sco in self.scos() if sco["key"] == key), None)


class PackageLessonPage(LessonPage):
    """A lesson that runs a SCORM package ("pakketles").

    It is a LessonPage, so progress, the course structure and the course's completion rule
    treat it as any lesson; only the learner cannot mark it done by hand: the package does.
    """

    package = models.ForeignKey(
        ScormPackage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("pakket"),
    )

    self_completable = False
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        FieldPanel("package_file"),
    ]
    parent_page_types = ["courses.CoursePage", "courses.ModulePage"]
    subpage_types = []
    template = "scorm/package_lesson_page.html"
    base_form_class = PackageLessonForm

    class Meta:
        verbose_name = _("pakketles")
        verbose_name_plural = _("pakketlessen")

    def get_context(self, request, *args, **kwargs):
        from scorm.views import runtime_context

        context = super().get_context(request, *args, **kwargs)
        is_saved = self.pk is not None and not getattr(request, "is_preview", False)
        context["scorm"] = runtime_context(request, self) if is_saved else None
        return context


class PackageAttempt(models.Model):
    """A learner's run of one SCO of a package lesson: the CMI data the runtime committed,
    bound to the version the learner started the lesson on. One row per learner, lesson and
    SCO (`sco`: see PackageVersion.scos; "" is the first SCO)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="package_attempts"
    )
    lesson = models.ForeignKey(PackageLessonPage, on_delete=models.PROTECT, related_name="attempts")
    version = models.ForeignKey(PackageVersion, on_delete=models.PROTECT, related_name="attempts")
    sco = models.CharField(max_length=200, blank=True, default="")
    location = models.CharField(max_length=1000, blank=True)
    suspend_data = models.TextField(blank=True)
    lesson_status = models.CharField(max_length=20, blank=True)  # 1.2 cmi.core.lesson_status
    completion_status = models.CharField(max_length=20, blank=True)  # 2004
    success_status = models.CharField(max_length=20, blank=True)  # 2004
    score_raw = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    score_min = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    score_max = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    score_scaled = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    # Session time per page load ({session id: seconds}): a replayed commit of a session
    # overwrites its own entry instead of adding it twice.
    sessions = models.JSONField(default=dict)
    last_sequence = models.PositiveBigIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pakketpoging")
        verbose_name_plural = _("pakketpogingen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "sco"], name="package_attempt_once_per_sco"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.lesson}"

    @property
    def total_seconds(self) -> int:
        return int(sum(self.sessions.values()))
