"""Shortcuts that sections of the site offer Wagtail's routing.

Wagtail finds the site of every request with a query (its home page with another) and walks
a URL one tree level at a time, two queries per level. A section that keeps what it published
(the course catalogue keeps it under its version, courses.outline) registers finders here:

- a site finder names the site of a host and port, its home page attached, so the request's
  routing starts without a query (`page_serve` hands it to Wagtail before Wagtail looks);
- a route finder names the page at the whole rest of a URL at once; the home page asks it and
  then lets that page route itself, as Wagtail would.

A section registers from its AppConfig.ready, so cms never imports it.
"""

from collections.abc import Callable

from django.http.request import split_domain_port

_finders: list[Callable] = []
_site_finders: list[Callable] = []


def route_shortcut_register(find: Callable) -> None:
    """`find(url_path, below_path)` returns the live page at that tree URL path, or None."""
    if find not in _finders:
        _finders.append(find)


def route_shortcut(url_path: str, below_path: str):
    for find in _finders:
        page = find(url_path, below_path)
        if page is not None:
            return page
    return None


def site_finder_register(find: Callable) -> None:
    """`find(hostname, port)` returns (True, the Site or None) when it knows, else (False, None)."""
    if find not in _site_finders:
        _site_finders.append(find)


def page_serve(request, path):
    """Wagtail's page view, told the request's site first when a finder keeps it."""
    from wagtail.views import serve as wagtail_serve  # it loads models: not at import time

    if not hasattr(request, "_wagtail_site") and _site_finders:
        # Wagtail's own reading of the host (the raw host; the host was checked against
        # ALLOWED_HOSTS by CommonMiddleware before any view runs).
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        for find in _site_finders:
            known, site = find(hostname, port)
            if known:
                request._wagtail_site = site
                break
    return wagtail_serve(request, path)
