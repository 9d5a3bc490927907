"""HTML rendered once and shared by many requests, with slots for what is each request's own.

A slot is a name between two characters of Unicode's private use area: no editor types them
and HTML escaping leaves them be, so a slot rendered into a template comes out unchanged and
is found again by a plain replace. What fills a slot is per request (a CSRF token, a reader's
saved answer), so it never lands in what is shared.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def slot(name: str) -> str:
    return f"\ue000{name}\ue000"


# The masked CSRF token of the request (django.middleware.csrf.get_token): a shared form is
# rendered with `csrf_token` set to this slot.
TOKEN_SLOT = slot("token")


def slots_filled(html: str, values: dict[str, str]) -> SafeString:
    """`html` with each slot (a key of `values`) replaced by its value. Values are text and
    are escaped here, so a reader's own words can never add markup to a shared rendering."""
    for name, value in values.items():
        html = html.replace(name, escape(value))
    return mark_safe(html)
