"""The page chrome of base.html (skip link, header with the main navigation, footer), rendered
once per variant and kept in the process.

What the chrome shows depends only on who is reading in broad strokes: signed in or not,
which navigation items their permissions give (elearning.context_processors.navigation,
from the permission set the cache keeps under its version, so a role given or taken shows on
the next page), which item is current and the language. Each combination is a variant,
rendered once; the log-out form's CSRF token is the one thing of the request itself and is
filled into its slot (elearning.fragments) per request. Nothing in the chrome is edited in
Wagtail: should a menu or site setting ever feed it, its version belongs in the key.
"""

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from elearning.fragments import TOKEN_SLOT, slots_filled

register = template.Library()

# Variants are few and bounded: the navigation's items come from code, the rest are flags.
_kept: dict[tuple, str] = {}


def _rendered(key: tuple, template_name: str, context: dict) -> str:
    html = _kept.get(key)
    if html is None:
        html = get_template(template_name).render(context)
        # While developing, an edited template shows on the next request.
        if not settings.DEBUG:
            _kept[key] = html
    return html


@register.simple_tag(takes_context=True)
def site_header(context):
    user = context.get("user")
    authenticated = bool(user is not None and user.is_authenticated)
    request = context.get("request")
    profile_current = request is not None and request.path == "/profiel/"
    navigation = tuple(
        (item["label"], item["url"], item["current"]) for item in context.get("main_navigation", ())
    )
    # As {% csrf_token %}: no token in the context, no hidden field.
    token = str(context.get("csrf_token") or "") if authenticated else ""
    has_token = bool(token) and token != "NOTPROVIDED"
    key = ("header", get_language(), authenticated, profile_current, has_token, navigation)
    html = _rendered(
        key,
        "components/site_header.html",
        {
            "authenticated": authenticated,
            "profile_current": profile_current,
            "main_navigation": [
                {"label": label, "url": url, "current": current}
                for label, url, current in navigation
            ],
            "csrf_token": TOKEN_SLOT if has_token else "",
        },
    )
    return slots_filled(html, {TOKEN_SLOT: token}) if has_token else mark_safe(html)


@register.simple_tag
def site_footer():
    return mark_safe(_rendered(("footer", get_language()), "components/site_footer.html", {}))
