"""A small fixed-window rate limit on the Django cache, per client address.

Verification codes carry 80 random bits, so guessing is hopeless anyway; the limit keeps a
scraper from walking the verification page and keeps load predictable.
"""

from django.core.cache import cache

from elearning.security import client_ip


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
