"""Content-Security-Policy per part of the site.

The public and learner site get a strict policy: scripts only from our own origin or with the
per-request nonce (``request.csp_nonce``), no plug-ins, no <base>, no framing, forms only to us.
The Wagtail and Django admins (/beheer/, /django-beheer/) get a policy of their own, because
Wagtail renders inline <script> tags without a nonce (date pickers, inline panels, workflow)
and sets inline styles; the admin is reachable only for staff who passed MFA.

Nothing of ours may be framed (``frame-ancestors 'none'``), with two exceptions. Wagtail's
previews are framed by the admin's own editor (the live preview panel, the block preview): a
preview response gets ``frame-ancestors 'self'``. A preview renders the page through a dummy
request on the page's own URL (``request.is_preview``), so it would otherwise get the site's
'none'; the admin's preview views mark their own responses with ``X-Frame-Options:
SAMEORIGIN`` (Wagtail's ``xframe_options_sameorigin_override``), which is taken as the same
sign. A path listed in ``CSP_EMBEDDABLE_PREFIXES`` (the public counter widget at /tellers/) may be
framed by any site: its view is also exempt from X-Frame-Options.

Which policy applies is decided once, here, by path prefix; a view decorated with django-csp's
own decorators (``@csp_replace`` and friends) still wins over this choice.

Every response also says which powerful browser features no page of ours uses
(Permissions-Policy), so injected or embedded content cannot ask for them either.

``client_ip`` is the one answer to "which address is this client", used by every per-address
rate limit, allauth (through the account adapter) and the audit log.

``admin_login`` replaces Wagtail's own log-in form at /beheer/login/: that form checks only
the password, so it would let a staff member in without the second step (TOTP), past allauth's
rate limits and the audit of staff log-ins. Everyone logs in through allauth.
"""

from urllib.parse import urlencode

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


def admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_ADMIN_PREFIXES))


def embeddable_path(path: str) -> bool:
    return path.startswith(tuple(settings.CSP_EMBEDDABLE_PREFIXES))


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the client address our own trusted proxies put in X-Forwarded-For.

    Only the hops added by proxies we run can be trusted; anything left of them is whatever the
    client chose to send. With TRUSTED_PROXY_COUNT = n (default 0: no forwarded address is
    believed) the n-th hop from the right is the client.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


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
        elif is_preview_response(request, response):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts


def is_preview_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    """A response the Wagtail editor frames itself: a page preview or a block preview."""
    if getattr(request, "is_preview", False):
        return True
    return admin_path(request.path_info) and response.get("X-Frame-Options") == "SAMEORIGIN"


@never_cache
def admin_login(request: HttpRequest) -> HttpResponseRedirect:
    """Send every log-in to the admin through allauth (any method; credentials are ignored)."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/beheer/"
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
