"""Absolute addresses of the platform's own pages, for what leaves the browser: e-mails,
certificate PDFs and QR codes, and the embeddable public counters."""

from django.conf import settings


def site_url(path: str = "/") -> str:
    """`path` on the public site (SITE_URL). A full address (a page's URL on a second site)
    is returned as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path
