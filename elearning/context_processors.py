"""Template context shared by every page: the navigation the current person may use."""

from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request):
    user = getattr(request, "user", None)
    # The catalogue is a Wagtail page (CourseIndexPage) whose slug the seed and migration fix.
    items = [{"label": _("Cursussen"), "url": "/cursussen/"}]
    if user is not None and user.is_authenticated:
        items.append({"label": _("Mijn leren"), "url": reverse("courses:my_learning")})
        if user.has_perm("reporting.view_programme_dashboard"):
            items.append({"label": _("Rapportage"), "url": reverse("reporting:dashboard")})
        if user.has_perm("reporting.view_vng_dashboard"):
            items.append({"label": _("VNG-overzicht"), "url": reverse("reporting:vng")})
        if user.has_perm("wagtailadmin.access_admin"):
            items.append({"label": _("Beheer"), "url": "/beheer/"})
    current = request.path if request is not None else ""
    for item in items:
        item["current"] = current.startswith(item["url"]) and item["url"] != "/"
    return {"main_navigation": items}
