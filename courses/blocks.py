"""StreamField blocks for lessons and graded tests.

Questions and options are identified by their block id (a UUID that survives revisions), so a
stored answer keeps pointing at the option the learner chose even after an editor reorders them.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtailmedia.blocks import AudioChooserBlock, VideoChooserBlock

from cms.blocks import RICH_TEXT_FEATURES, CalloutBlock, DocumentBlock, ImageBlock


class VideoBlock(blocks.StructBlock):
    """A video: uploaded (wagtailmedia, with captions required by the media item) or an embed.

    An uploaded video plays for everyone, also where an organisation blocks video sites; an
    embed stays possible. The transcript is required either way (WCAG 1.2.1 / 1.2.3).
    """

    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    video = VideoChooserBlock(
        label=_("Geüploade video (met ondertitels)"),
        required=False,
        help_text=_("Werkt ook bij organisaties die videosites blokkeren."),
    )
    embed = EmbedBlock(label=_("Of: video-link (embed)"), required=False)
    transcript = blocks.RichTextBlock(
        label=_("Transcriptie"),
        features=RICH_TEXT_FEATURES,
        help_text=_(
            "Verplicht: de volledige tekst van wat er in de video wordt gezegd en getoond."
        ),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        embed = value.get("embed")
        html = embed.html if embed and not value.get("video") else ""
        # Providers' iframes often lack a title; screen readers announce the frame by it.
        if html and "<iframe" in html and not re.search(r"<iframe[^>]*\stitle=", html):
            html = html.replace("<iframe", f'<iframe title="{escape(value["title"])}"', 1)
        context["embed_html"] = mark_safe(
            html
        )  # provider HTML from the embed finder; our title is escaped
        return context

    def clean(self, value):
        value = super().clean(value)
        video = value.get("video")
        if not value.get("embed") and not video:
            raise StructBlockValidationError(
                block_errors={
                    "video": ValidationError(_("Kies een geüploade video of geef een video-link."))
                }
            )
        if video is not None and (video.type != "video" or not video.captions):
            # Media items are checked on upload; this catches one edited afterwards.
            raise StructBlockValidationError(
                block_errors={
                    "video": ValidationError(_("Deze video heeft nog geen ondertitels (WebVTT)."))
                }
            )
        return value


class AudioBlock(blocks.StructBlock):
    """An uploaded audio fragment with its transcript (WCAG 1.2.1)."""

    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    audio = AudioChooserBlock(label=_("Geüpload audiobestand"))
    transcript = blocks.RichTextBlock(
        label=_("Transcriptie"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Verplicht: de volledige tekst van wat er te horen is."),
    )

    class Meta:
        icon = "wagtailmedia-audio"
        label = _("Audio")
        template = "courses/blocks/audio_block.html"


class CaseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    situation = blocks.RichTextBlock(label=_("Situatie"), features=RICH_TEXT_FEATURES)
    question = blocks.CharBlock(label=_("Vraag"), max_length=500)
    model_answer = blocks.RichTextBlock(
        label=_("Modelantwoord"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Wordt getoond nadat de cursist zelf heeft geantwoord."),
    )
    share_with_trainer = blocks.BooleanBlock(
        label=_("Antwoorden delen met de trainer"),
        required=False,
        default=False,
        help_text=_("Uit: alleen de cursist ziet zijn of haar antwoord."),
    )

    class Meta:
        icon = "group"
        label = _("Casus")
        template = "courses/blocks/case_block.html"


class ReflectionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Reflectievraag"), max_length=500)
    help_text = blocks.CharBlock(label=_("Toelichting"), required=False, max_length=300)
    share_with_trainer = blocks.BooleanBlock(
        label=_("Antwoorden delen met de trainer"),
        required=False,
        default=False,
        help_text=_("Uit: alleen de cursist ziet zijn of haar antwoord."),
    )

    class Meta:
        icon = "help"
        label = _("Reflectievraag")
        template = "courses/blocks/reflection_block.html"


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Antwoord"), max_length=300)
    is_correct = blocks.BooleanBlock(label=_("Juist"), required=False)
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=500)

    class Meta:
        icon = "radio-full"
        label = _("Antwoordoptie")


class KnowledgeCheckBlock(blocks.StructBlock):
    """An ungraded question: the learner gets feedback per option, nothing is scored."""

    question = blocks.CharBlock(label=_("Vraag"), max_length=500)
    multiple = blocks.BooleanBlock(
        label=_("Meerdere antwoorden mogelijk"), required=False, default=False
    )
    options = blocks.ListBlock(OptionBlock(), min_num=2, label=_("Antwoordopties"))

    class Meta:
        icon = "tick"
        label = _("Kennischeck (telt niet mee)")
        template = "courses/blocks/knowledge_check_block.html"

    def get_context(self, value, parent_context=None):
        """Feedback for what the learner chose, read from the GET of the check's own form.

        The check is a plain GET form (no JavaScript, nothing stored): after "Controleer" the
        page shows whether the choice was right and the feedback per option.
        """
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        request = parent_context.get("request")
        field = f"kennischeck-{parent_context.get('block_id', '')}"
        chosen = set(request.GET.getlist(field)) if request is not None else set()
        options = [
            {
                "id": str(child.id),
                "text": child.value["text"],
                "is_correct": bool(child.value["is_correct"]),
                "feedback": child.value["feedback"],
                "chosen": str(child.id) in chosen,
            }
            for child in value["options"].bound_blocks
        ]
        answered = any(option["chosen"] for option in options)
        context.update(
            field_name=field,
            check_options=options,
            answered=answered,
            answered_correctly=answered
            and all(option["chosen"] == option["is_correct"] for option in options),
        )
        return context


class LessonStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Tekst"), features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    video = VideoBlock()
    audio = AudioBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    case = CaseBlock()
    reflection = ReflectionBlock()
    knowledge_check = KnowledgeCheckBlock()


class QuestionBlock(blocks.StructBlock):
    """A graded question. Its correct options never reach the browser before submission."""

    kind = blocks.ChoiceBlock(
        label=_("Soort vraag"),
        choices=[
            ("single", _("Eén juist antwoord")),
            ("multiple", _("Meerdere juiste antwoorden")),
            ("true_false", _("Waar of niet waar")),
        ],
        default="single",
    )
    prompt = blocks.CharBlock(label=_("Vraag"), max_length=600)
    options = blocks.ListBlock(OptionBlock(), min_num=2, label=_("Antwoordopties"))
    explanation = blocks.CharBlock(
        label=_("Toelichting na inleveren"), required=False, max_length=600
    )

    class Meta:
        icon = "form"
        label = _("Toetsvraag")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["is_correct"])
        if correct == 0:
            raise ValidationError(_("Markeer ten minste één antwoord als juist."))
        if value["kind"] in ("single", "true_false") and correct != 1:
            raise ValidationError(_("Bij deze soort vraag is precies één antwoord juist."))
        if value["kind"] == "true_false" and len(value["options"]) != 2:
            raise ValidationError(_("Een waar/niet-waar-vraag heeft precies twee opties."))
        return value


class QuestionStreamBlock(blocks.StreamBlock):
    question = QuestionBlock()
