"""Endpoints for `make bench` only: mounted under /bench/ when settings.BENCH_ENDPOINTS is true.

The bare view is the floor of the framework: the full middleware stack and URL resolution,
then a small response with no template and no query of its own. Other endpoints are measured
against it (and against a bare Wagtail page) to tell our code's cost from the framework's.
"""

from django.http import HttpResponse
from django.urls import path


def bare(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("kaal/", bare, name="bench_bare")]
