"""Endpoints for `make bench` only: mounted under /bench/ when settings.BENCH_ENDPOINTS is true.

The bare view is the floor of the framework: the full middleware stack and URL resolution,
the session and the authenticated user loaded (as any learner page needs them), then a small
response with no template and no query of its own. Other endpoints are measured
against it (and against a bare Wagtail page) to tell our code's cost from the framework's.
"""

from django.http import HttpResponse
from django.urls import path


def bare(request):
    # Touch the user, so a logged-in request pays for its session and user as a learner page
    # does (both are loaded lazily); an anonymous request pays for nothing more.
    who = "cursist" if request.user.is_authenticated else "anoniem"
    return HttpResponse(f"ok {who}", content_type="text/plain; charset=utf-8")


urlpatterns = [path("kaal/", bare, name="bench_bare")]
