"""URL map of the site. Wagtail serves every path not claimed above it."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import include, path, re_path, reverse
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.media import media_serve
from cms.routing import page_serve
from cms.statements import accessibility_statement, privacy_statement
from elearning.health import health
from elearning.security import admin_login


def _admin_login(request, extra_context=None):
    """Django admin log-in goes through allauth, so its rate limits and MFA apply."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))


admin.site.login = _admin_login

urlpatterns = [
    path("gezond/", health, name="health"),
    path("toegankelijkheid/", accessibility_statement, name="accessibility_statement"),
    path("privacy/", privacy_statement, name="privacy_statement"),
    path("django-beheer/", admin.site.urls),
    path("beheer/login/", admin_login, name="wagtailadmin_login_via_allauth"),  # MFA applies
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("mediabestanden/<int:media_id>/<str:part>/", media_serve, name="media_serve"),
    path("accounts/", include("allauth.urls")),
    path("profiel/", include("accounts.urls")),
    path("", include("courses.urls")),
    path("", include("scorm.urls")),
    path("", include("xapi.urls")),
    path("certificaten/", include("certificates.urls")),
    path("", include("reporting.urls")),
    path("", include("effect.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if settings.BENCH_ENDPOINTS:  # a bare Django view, the floor `make bench` measures against
    urlpatterns.append(path("bench/", include("elearning.bench_views")))

urlpatterns += [
    # Every page, the catalogue included, is routed and served by Wagtail: its own view, told
    # the request's site first where the catalogue keeps it (cms.routing).
    *(p for p in wagtail_urls.urlpatterns if getattr(p, "name", None) != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, page_serve, name="wagtail_serve"),
]
