"""Pages that are not courses: the home page and general content pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, ContentStreamBlock
from cms.home import home_listings
from cms.routing import route_shortcut


class HomePage(Page):
    intro = RichTextField(_("introductie"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("startpagina")

    def route(self, request, path_components):
        # A section that knows the whole rest of the URL names its page in one lookup
        # (cms.routing); everything else is walked by Wagtail as usual.
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = route_shortcut(url_path, self.path)
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What apps above cms list here (courses: every programme course), cms.home's hook.
        context.update(home_listings())
        return context


class ContentPage(Page):
    """A general page: privacy statement, accessibility statement, about the programme."""

    intro = models.TextField(_("samenvatting"), blank=True)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.HomePage", "cms.ContentPage"]

    class Meta:
        verbose_name = _("inhoudspagina")


from cms.media import MediaItem  # noqa: E402,F401  (the media model lives with its serving)
