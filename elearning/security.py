"""Content-Security-Policy per part of the site.

The public and learner site get a strict policy: scripts only from our own origin or with the
per-request nonce (``request.csp_nonce``), no plug-ins, no <base>, no framing, forms only to us.
The Wagtail and Django admins (/beheer/, /django-beheer/) get a policy of their own, because
Wagtail renders inline <script> tags without a nonce (date pickers, inline panels, workflow)
and sets inline styles; the admin is reachable only for staff who passed MFA.

A path listed in ``CSP_EMBEDDABLE_PREFIXES`` (the public counter widget at /tellers/) may be
framed by any site: its view is also exempt from X-Frame-Options.

Which policy applies is decided once, here, by path prefix; a view decorated with django-csp's
own decorators (``@csp_replace`` and friends) still wins over this choice.

Every response also says which powerful browser features no page of ours uses
(Permissions-Policy), so injected or embedded content cannot ask for them either.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_ADMIN_PREFIXES))


def embeddable_path(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_EMBEDDABLE_PREFIXES))


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin or the site policy by path."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        path = request.path_info
        if parts.config is None and admin_path(path):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        if embeddable_path(path):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["*"]}
        return parts
