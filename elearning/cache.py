"""The shared cache on Redis, degrading to a per-process memory cache while Redis is gone.

Redis is a cache here, never the only copy (ARCHITECTURE rule 9): sessions, facts and pending
work live in PostgreSQL. So an unreachable Redis must cost speed, not requests. Every cache
call that fails with a Redis error is answered by a local-memory cache of this process
instead, and for `RETRY_AFTER` seconds Redis is not asked again, so a request during an outage
does not wait for a refused connection on each of its cache calls.

What that means for each use:

- Kept values (reports, counters, permission sets) are recomputed and kept in the process.
- Version numbers (elearning/versions.py) stored "forever" are kept at most
  `FALLBACK_MAX_SECONDS` in the fallback, so another process's change is seen within that time.
- Rate limits keep counting, per process (allauth's limits and certificates/ratelimit.py).
- Invalidations (a version bump, a delete) made during the outage are remembered and replayed
  on Redis when it answers again, so what Redis kept from before the outage is not served as
  current afterwards.

Only Redis errors are caught; a programming error still raises. /gezond/ asks Redis itself
(`ping_primary`) and reports 503 while it is down.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# The fallback's state is per process, shared by the per-thread cache objects Django makes.
_lock = threading.Lock()
_state: dict[str, dict] = {}
# Invalidations to replay; beyond this many, the oldest are dropped (the versions they
# protect are few, a long outage with many distinct deletes is not worth unbounded memory).
PENDING_MAX = 10_000


class ResilientRedisCache(RedisCache):
    """RedisCache whose calls fall back to local memory while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._retry_after = float(params.get("RETRY_AFTER", 5))
        self._fallback_max = int(params.get("FALLBACK_MAX_SECONDS", 5))
        name = f"resilient-fallback:{server}"
        self._fallback = LocMemCache(
            name, {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": {"MAX_ENTRIES": 5000}}
        )
        with _lock:
            self._state = _state.setdefault(name, {"down_until": 0.0, "pending": {}})

    # --- the switch ---------------------------------------------------------------------

    @property
    def is_down(self) -> bool:
        return self._state["down_until"] > time.monotonic()

    def _mark_down(self, exc: Exception) -> None:
        with _lock:
            first = self._state["down_until"] == 0.0
            self._state["down_until"] = time.monotonic() + self._retry_after
        if first:
            logger.warning("Redis-cache onbereikbaar (%s): de cache werkt per proces.", exc)

    def _mark_up(self) -> None:
        with _lock:
            if self._state["down_until"] == 0.0:
                return
            self._state["down_until"] = 0.0
            pending = list(self._state["pending"])
            self._state["pending"].clear()
        logger.warning("Redis-cache weer bereikbaar; %d invalidaties nagestuurd.", len(pending))
        self._fallback.clear()
        if pending:
            try:
                super().delete_many(pending)
            except RedisError as exc:  # gone again: keep them for the next recovery
                self._remember(pending)
                self._mark_down(exc)

    def _remember(self, keys) -> None:
        with _lock:
            pending = self._state["pending"]
            for key in keys:
                pending[key] = None
            while len(pending) > PENDING_MAX:
                pending.pop(next(iter(pending)))

    def _call(self, name: str, *args, invalidates=(), fallback_args=None):
        if not self.is_down:
            try:
                result = getattr(super(), name)(*args)
            except RedisError as exc:
                self._mark_down(exc)
            else:
                if self._state["down_until"]:
                    self._mark_up()
                return result
        if invalidates:
            self._remember(invalidates)
        return getattr(self._fallback, name)(*(fallback_args or args))

    def _capped(self, timeout):
        # "Forever" in the fallback would keep a version number that other processes moved.
        return self._fallback_max if timeout is None else timeout

    # --- the cache API ------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        capped = (key, value, self._capped(timeout), version)
        return self._call("add", key, value, timeout, version, fallback_args=capped)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        capped = (key, value, self._capped(timeout), version)
        return self._call("set", key, value, timeout, version, fallback_args=capped)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        capped = (data, self._capped(timeout), version)
        return self._call("set_many", data, timeout, version, fallback_args=capped)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        capped = (key, self._capped(timeout), version)
        return self._call("touch", key, timeout, version, fallback_args=capped)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version)

    def get_many(self, keys, version=None):
        keys = list(keys)
        if not keys:  # redis-py would still send an empty MGET: a round trip for nothing
            return {}
        return self._call("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version, invalidates=(key,))

    def delete(self, key, version=None):
        return self._call("delete", key, version, invalidates=(key,))

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call("delete_many", keys, version, invalidates=keys)

    def clear(self):
        return self._call("clear")

    def ping_primary(self) -> None:
        """Ask Redis itself; raises while it is unreachable (for /gezond/)."""
        self._cache.get_client(write=True).ping()
