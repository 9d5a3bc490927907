"""Effect measurement per course: the item bank and scales (authored in Wagtail) and the facts.

Content: one EffectMeasurement per course with its learning objectives and confidence
statements; items are tagged with one objective. Facts: a Response per person, course, round
and moment (voormeting, nameting, vervolgmeting), keyed by the pseudonymous person key, and a
FollowUpInvitation per completion round. Raw answers and free text are personal and go on
erasure; the per-objective scores stay, so the report's aggregates do not change.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

CONFIDENCE_SCALE = (1, 2, 3, 4, 5)


class EffectMeasurement(ClusterableModel):
    """What a course measures: objectives, confidence statements and when to follow up."""

    course = models.OneToOneField(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="effect_measurement",
        verbose_name=_("cursus"),
    )
    pretest_enabled = models.BooleanField(
        _("voormeting"), default=True, help_text=_("Vóór de eerste les; telt nooit mee.")
    )
    posttest_enabled = models.BooleanField(_("nameting"), default=True)
    follow_up_enabled = models.BooleanField(_("vervolgmeting"), default=True)
    follow_up_days = models.PositiveSmallIntegerField(
        _("vervolgmeting na (dagen)"),
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(730)],
    )

    panels = [
        FieldPanel("course"),
        MultiFieldPanel(
            [
                FieldPanel("pretest_enabled"),
                FieldPanel("posttest_enabled"),
                FieldPanel("follow_up_enabled"),
                FieldPanel("follow_up_days"),
            ],
            heading=_("Metingen"),
        ),
        InlinePanel("objectives", label=_("Leerdoelen"), min_num=1),
        InlinePanel("confidence_statements", label=_("Stellingen vertrouwen (5-puntsschaal)")),
    ]

    class Meta:
        verbose_name = _("effectmeting")
        verbose_name_plural = _("effectmetingen")

    def __str__(self):
        return str(self.course.title) if self.course_id else "?"


class LearningObjective(Orderable):
    measurement = ParentalKey(
        EffectMeasurement, on_delete=models.CASCADE, related_name="objectives"
    )
    title = models.CharField(_("leerdoel"), max_length=200)

    panels = [FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("leerdoel")
        verbose_name_plural = _("leerdoelen")

    def __str__(self):
        return f"{self.measurement} – {self.title}"


class ConfidenceStatement(Orderable):
    measurement = ParentalKey(
        EffectMeasurement, on_delete=models.CASCADE, related_name="confidence_statements"
    )
    text = models.CharField(_("stelling"), max_length=300)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("stelling")
        verbose_name_plural = _("stellingen")

    def __str__(self):
        return self.text


class Item(models.Model):
    """A multiple-choice question of the item bank, tagged with one learning objective."""

    objective = models.ForeignKey(
        LearningObjective,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("leerdoel"),
    )
    question = models.CharField(_("vraag"), max_length=500)
    options = models.TextField(_("antwoordopties"), help_text=_("Eén optie per regel."))
    correct_option = models.PositiveSmallIntegerField(
        _("juiste optie (nummer)"), validators=[MinValueValidator(1)]
    )
    active = models.BooleanField(_("in gebruik"), default=True)

    panels = [
        FieldPanel("objective"),
        FieldPanel("question"),
        FieldPanel("options"),
        FieldPanel("correct_option"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("toetsvraag effectmeting")
        verbose_name_plural = _("itembank effectmeting")
        ordering = ["objective__measurement_id", "objective__sort_order", "pk"]

    def __str__(self):
        return self.question

    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self):
        if self.correct_option and self.correct_option > len(self.option_list()):
            raise ValidationError(
                {"correct_option": _("Er zijn maar %(n)d opties.") % {"n": len(self.option_list())}}
            )


class Response(models.Model):
    """One person's answers at one moment of one course round. Written once."""

    class Moment(models.TextChoices):
        VOOR = "voor", _("Voormeting")
        NA = "na", _("Nameting")
        VERVOLG = "vervolg", _("Vervolgmeting")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person_key = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="effect_responses",
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    course_code = models.SlugField(max_length=80)
    round = models.PositiveSmallIntegerField(default=1)
    moment = models.CharField(max_length=10, choices=Moment.choices)
    skipped = models.BooleanField(default=False)
    # Raw answers (item id -> chosen option number) and free text: personal, gone on erasure.
    answers = models.JSONField(default=dict, blank=True)
    remark = models.TextField(max_length=2000, blank=True)
    # Derived, kept after erasure: objective id -> [correct, asked]; statement id -> 1..5.
    scores = models.JSONField(default=dict, blank=True)
    confidence = models.JSONField(default=dict, blank=True)
    # Follow-up only: {"gesignaleerd", "besproken", "gemeld", "doorverwezen": bool, "aantal": int}
    behaviour = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        constraints = [
            models.UniqueConstraint(
                fields=["person_key", "course_code", "round", "moment"],
                name="effect_response_once_per_moment",
            )
        ]
        indexes = [models.Index(fields=["course_code", "moment"])]

    def __str__(self):
        return f"{self.course_code} r{self.round} {self.moment}"


class FollowUpInvitation(models.Model):
    """The invitation to the follow-up of one completion round, with its one-time link.

    The link carries a signed token; only its hash is stored, so the table alone opens
    nothing. `nonce` lets the mail task rebuild the token (it needs SECRET_KEY as well).
    """

    person_key = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="effect_invitations",
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    course_code = models.SlugField(max_length=80)
    round = models.PositiveSmallIntegerField(default=1)
    nonce = models.CharField(max_length=32, default="", blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    invited_on = models.DateField()
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    reminder_queued_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging vervolgmeting")
        verbose_name_plural = _("uitnodigingen vervolgmeting")
        constraints = [
            models.UniqueConstraint(
                fields=["person_key", "course_code", "round"], name="effect_invitation_once"
            )
        ]

    def __str__(self):
        return f"{self.course_code} r{self.round} ({self.invited_on})"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class FollowUpOptOut(models.Model):
    """A person who wants no follow-up invitations any more, for any course."""

    person_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("afmelding vervolgmeting")
        verbose_name_plural = _("afmeldingen vervolgmeting")

    def __str__(self):
        return f"{self.created_at:%d-%m-%Y}"


@register_setting(icon="pick")
class EffectAims(BaseGenericSetting):
    """The programme's aims the evaluation report holds the figures against."""

    pair_share_percent = models.PositiveSmallIntegerField(
        _("doel: afronders met voor- én nameting (%)"),
        default=80,
        validators=[MaxValueValidator(100)],
    )
    follow_up_response_percent = models.PositiveSmallIntegerField(
        _("doel: respons vervolgmeting (%)"), default=35, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("doelen effectmeting")

    def __str__(self):
        return str(self._meta.verbose_name)
