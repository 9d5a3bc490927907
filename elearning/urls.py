"""URL map of the site. Wagtail serves every path not claimed above it."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from elearning.health import health

urlpatterns = [
    path("gezond/", health, name="health"),
    path("django-beheer/", admin.site.urls),
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("profiel/", include("accounts.urls")),
    path("", include("courses.urls")),
    path("certificaten/", include("certificates.urls")),
    path("", include("reporting.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
