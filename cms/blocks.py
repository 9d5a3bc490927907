"""StreamField blocks shared by content pages and lessons."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Rich text without raw HTML and without embeds that bypass review.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        max_length=250,
        help_text=_("Beschrijf wat de afbeelding laat zien voor wie haar niet kan zien."),
    )
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "cms/blocks/image_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Soort"),
        choices=[("signaal", _("Signaal")), ("tip", _("Tip")), ("let-op", _("Let op"))],
        default="signaal",
    )
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.RichTextBlock(label=_("Tekst"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Kader")
        template = "cms/blocks/callout_block.html"

    def get_context(self, value, parent_context=None):
        # The kind is shown in words as well as by colour, so colour never carries it alone.
        context = super().get_context(value, parent_context=parent_context)
        context["kind_label"] = dict(self.child_blocks["kind"].field.choices).get(
            value.get("kind"), ""
        )
        return context


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Omschrijving"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("Document om te downloaden")
        template = "cms/blocks/document_block.html"


class ContentStreamBlock(blocks.StreamBlock):
    """Blocks for content pages outside courses."""

    paragraph = blocks.RichTextBlock(label=_("Tekst"), features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
