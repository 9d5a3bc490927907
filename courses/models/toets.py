"""The graded test (toets) as a Wagtail page: its questions, pass mark, attempts, feedback
policy and draw. What a learner answered is stored by the toets services, never on the page."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from courses.blocks import QuestionStreamBlock
from courses.models.pages import CataloguePage


class ToetsPage(CataloguePage, Page):
    """A graded test. Scoring happens only on the server, against the stored questions."""

    intro = models.TextField(_("introductie"), blank=True)
    pass_mark_percent = models.PositiveSmallIntegerField(
        _("cesuur (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("aantal pogingen"), null=True, blank=True, help_text=_("Leeg: onbeperkt.")
    )

    class FeedbackPolicy(models.TextChoices):
        PER_QUESTION = (
            "per-vraag",
            _(
                "Per vraag goed/fout en de toelichting; de juiste antwoorden pas na slagen of na "
                "de laatste poging"
            ),
        )
        KEY_AT_END = (
            "na-afloop",
            _(
                "Alleen de score; alles (met de juiste antwoorden) pas na slagen of na de laatste "
                "poging"
            ),
        )
        NEVER = "nooit", _("Alleen de score, nooit de juiste antwoorden")

    shuffle_questions = models.BooleanField(
        _("vragen in willekeurige volgorde"),
        default=True,
        help_text=_("Per poging een andere volgorde; de volgorde wordt bij de poging bewaard."),
    )
    shuffle_options = models.BooleanField(_("antwoorden in willekeurige volgorde"), default=True)
    draw_count = models.PositiveSmallIntegerField(
        _("aantal vragen per poging"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Leeg: alle vragen. Anders krijgt de cursist per poging zoveel vragen, willekeurig "
            "gekozen uit alle vragen hieronder."
        ),
    )
    feedback_policy = models.CharField(
        _("feedback na een poging"),
        max_length=20,
        choices=FeedbackPolicy.choices,
        default=FeedbackPolicy.PER_QUESTION,
        help_text=_(
            "Wat de cursist na een niet-gehaalde poging ziet. De juiste antwoorden ziet "
            "niemand zolang er nog pogingen over zijn."
        ),
    )
    questions = StreamField(QuestionStreamBlock(), verbose_name=_("vragen"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark_percent"),
                FieldPanel("max_attempts"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
                FieldPanel("draw_count"),
                FieldPanel("feedback_policy"),
            ],
            heading=_("Instellingen"),
        ),
        FieldPanel("questions"),
    ]
    parent_page_types = ["courses.CoursePage", "courses.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("toets")
        verbose_name_plural = _("toetsen")

    def clean(self):
        super().clean()
        questions = sum(1 for block in self.questions if block.block_type == "question")
        if self.draw_count and self.draw_count > questions:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {
                    "draw_count": _(
                        "Er zijn maar %(count)s vragen; trek er niet meer dan dat per poging."
                    )
                    % {"count": questions}
                }
            )

    def get_context(self, request, *args, **kwargs):
        from courses.scoring import questions_for_display
        from courses.selectors.page_states import toets_page_state

        context = super().get_context(request, *args, **kwargs)
        # A fresh key per rendered form: the learning service stores one attempt per key, so a
        # double submit is one attempt. It also seeds this rendering's draw and order, which
        # the service derives again from the key and stores with the attempt. A refused
        # submission is shown again with its own key (same questions, same order, the
        # learner's choices kept: courses.views.learner.toets_submit).
        refused = getattr(request, "toets_refused", None)
        submission_key = refused["key"] if refused else uuid.uuid4()
        context["refused"] = refused
        is_saved = self.pk is not None and not getattr(request, "is_preview", False)
        context["course"] = self.course_outline
        context["submission_key"] = submission_key
        display_questions = questions_for_display(self, seed=str(submission_key))
        chosen = refused["chosen"] if refused else {}
        open_numbers = set(refused["open_numbers"]) if refused else set()
        context["display_questions"] = display_questions
        context["form_questions"] = [
            {
                "question": question,
                "open": question.number in open_numbers,
                "options": [
                    {"option": option, "checked": option.id in chosen.get(question.id, ())}
                    for option in question.options
                ],
            }
            for question in display_questions
        ]
        context["learning"] = toets_page_state(request.user, self) if is_saved else {}
        return context
