"""Version numbers in the shared cache that say "what you kept is stale".

Reports, the catalogue snapshot and permission sets are kept (in the cache or in a process)
under a version number. A change moves the number, and the next read sees a different number
and recomputes: invalidation without knowing every key that was kept.
"""

import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass
class _ReadAlong:
    """Per request: keys the request is known to read anyway, fetched in the round trip of
    its first version read (read_along_register)."""

    done: bool = False  # the request's first versions_current has been
    keys: set = field(default_factory=set)  # fetched and not yet handed over
    found: dict = field(default_factory=dict)  # what the cache held under them


_read_along: list[Callable[[], list[str]]] = []
# None outside a request: a task or a command never reads along.
_request: ContextVar[_ReadAlong | None] = ContextVar("versions_read_along", default=None)


def version_current(key: str) -> int:
    """The version under `key`. While Redis is unreachable the cache answers from process
    memory (elearning/cache.py), where a version lives a few seconds only."""
    version = cache.get(key)
    if version is None:
        # Missing (cold or evicted cache): a fresh number that nothing kept can match, also
        # not what was kept under an earlier missing version.
        cache.add(key, time.time_ns(), timeout=None)
        version = cache.get(key, version)
    return version


def versions_current(keys: list[str]) -> dict[str, int]:
    """The versions under `keys`, in one round trip to the cache where all are present.

    The first call in a request also fetches the keys registered with read_along_register,
    for read_along_taken to hand over: one round trip where there would be two."""
    along = _request.get()
    extra = []
    if along is not None and not along.done:
        along.done = True
        extra = [key for keys_of in _read_along for key in keys_of() if key not in keys]
    versions = cache.get_many([*keys, *extra])
    if extra:
        along.keys.update(extra)
        along.found.update((key, versions.pop(key)) for key in extra if key in versions)
    for key in keys:
        if key not in versions:
            versions[key] = version_current(key)
    return versions


def read_along_register(keys_of: Callable[[], list[str]]) -> None:
    """`keys_of()` names cache keys the current request will read in any case (a person's
    permission set on every page with the navigation): they are fetched together with the
    request's first versions_current, when it has one."""
    if keys_of not in _read_along:
        _read_along.append(keys_of)


def read_along_taken(keys: list[str]) -> dict | None:
    """What the cache held under `keys` (missing keys left out) when they were read along in
    this request, or None when they were not: then ask the cache. Each key is handed over
    once, and a version moved in this request drops them all (version_bump)."""
    along = _request.get()
    if along is None or not along.keys.issuperset(keys):
        return None
    along.keys.difference_update(keys)
    return {key: along.found.pop(key) for key in keys if key in along.found}


def read_along_request_started(**_signal_kwargs) -> None:
    _request.set(_ReadAlong())


def read_along_request_finished(**_signal_kwargs) -> None:
    _request.set(None)


def version_bump(key: str, *, now: bool = True) -> None:
    """Move the version once the transaction commits, and (unless `now` is false) at once too.

    At once: other readers in this transaction see the change. On commit: no other process can
    keep what it read before the commit under the new number.
    """

    def bump():
        try:
            cache.incr(key)
        except ValueError:  # no version yet: the next read starts afresh
            pass
        except Exception:  # cache unreachable: what was kept there is unreachable too
            logger.warning("Versie %s niet opgehoogd: cache onbereikbaar", key)

    along = _request.get()
    if along is not None:  # what was read along may be what this change makes stale
        along.keys.clear()
        along.found.clear()
    if now:
        bump()
    transaction.on_commit(bump)


def version_signals_connect(receiver, *, name: str, models=(), through_models=()) -> None:
    """Call `receiver` when a row of one of `models` is saved or deleted, or a many-to-many
    relation of one of `through_models` changes. `name` keeps the connections unique."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in models:
        uid = f"{name}-{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete")
    for through in through_models:
        m2m_changed.connect(receiver, sender=through, dispatch_uid=f"{name}-{through._meta.label}")
