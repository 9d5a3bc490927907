"""The reports in the Wagtail admin: targets (programme team) and imports of completions.

Expected headcounts are kept on /rapportage/vng/aantallen/, where the VNG (which has no
admin access) and the programme team both maintain them.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from reporting import import_views
from reporting.forms import TargetForm
from reporting.models import Target
from reporting.tables import PROGRAMME


class TargetViewSet(ModelViewSet):
    model = Target
    form_fields = TargetForm.Meta.fields
    list_display = ["title", "slug", "mode", "target_number", "period_start", "deadline", "public"]
    list_filter = ["mode", "public"]
    search_fields = ["title", "slug"]
    icon = "pick"
    menu_label = _("Doelen")
    add_to_admin_menu = True
    menu_order = 320
    # A target's history is its reports: deleting one is for an administrator only.
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return TargetForm


@hooks.register("register_admin_viewset")
def register_target_viewset():
    return TargetViewSet("doelen")


class ImportsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(import_views.PERMISSION)


@hooks.register("register_admin_urls")
def register_import_urls():
    urls = [
        path("", import_views.import_list, name="list"),
        path("nieuw/", import_views.import_upload, name="upload"),
        path("<uuid:uuid>/", import_views.import_detail, name="detail"),
        path("<uuid:uuid>/importeren/", import_views.import_confirm, name="confirm"),
    ]
    return [path("rapportage/imports/", include((urls, "reporting_imports")))]


@hooks.register("register_admin_menu_item")
def register_imports_menu_item():
    return ImportsMenuItem(
        _("Imports van afrondingen"),
        reverse("reporting_imports:list"),
        icon_name="upload",
        order=330,
    )


class PersonLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PROGRAMME)


@hooks.register("register_admin_menu_item")
def register_person_links_menu_item():
    # The programme team links two addresses of one person outside the Wagtail admin pages;
    # the menu is where they look for their tasks.
    return PersonLinksMenuItem(
        _("Gekoppelde adressen"),
        reverse("reporting:person_links"),
        icon_name="link",
        order=340,
    )
