"""Version numbers in the shared cache that say "what you kept is stale".

Reports, the catalogue snapshot and permission sets are kept (in the cache or in a process)
under a version number. A change moves the number, and the next read sees a different number
and recomputes: invalidation without knowing every key that was kept.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)


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
    """The versions under `keys`, in one round trip to the cache where all are present."""
    versions = cache.get_many(keys)
    for key in keys:
        if key not in versions:
            versions[key] = version_current(key)
    return versions


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
