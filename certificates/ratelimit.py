"""A small fixed-window rate limit on the Django cache, per client address.

Verification codes carry 80 random bits, so guessing is hopeless anyway; the limit keeps a
scraper from walking the verification page and keeps load predictable.
"""

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address our trusted proxy appended to X-Forwarded-For.

    Only the hops added by proxies we run can be trusted; anything left of them is whatever the
    client chose to send. With ALLAUTH_TRUSTED_PROXY_COUNT = n, the n-th hop from the right.
    """
    proxies = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) or 0
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one request; True while the client stays within `limit` per window."""
    key = f"ratelimit:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
