"""Authentication backend whose permission sets live in the shared cache.

Every signed-in page asks what the person may do (the navigation shows Rapportage, Beheer and
so on by permission). Django's ModelBackend answers that with two queries per request. The
answer changes only when groups, permissions or a person's memberships change, so it is kept
in the cache under a permissions version that those changes move; reading it costs one cache
round trip for the version and the set together, and none of its own on a page that reads a
version anyway (the catalogue's): the set is read along (elearning.versions).
"""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from elearning.current_user import get_current_user
from elearning.versions import (
    read_along_register,
    read_along_taken,
    version_bump,
    version_current,
    version_signals_connect,
)

PERMISSIONS_VERSION_KEY = "permissions:version"


def _person_key(user) -> str:
    # Superusers hold every permission: a change of that flag is a different set.
    return f"permissions:{user.pk}:{int(user.is_superuser)}"


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if hasattr(user_obj, "_perm_cache"):
            return user_obj._perm_cache
        key = _person_key(user_obj)
        try:
            found = read_along_taken([PERMISSIONS_VERSION_KEY, key])
            if found is None:
                found = cache.get_many([PERMISSIONS_VERSION_KEY, key])
        except Exception:  # cache down: ask the database, as Django would
            return super().get_all_permissions(user_obj, obj)
        version = found.get(PERMISSIONS_VERSION_KEY)
        stored = found.get(key)
        if version is not None and stored is not None and stored[0] == version:
            user_obj._perm_cache = set(stored[1])
            return user_obj._perm_cache
        permissions = super().get_all_permissions(user_obj, obj)
        if version is None:
            version = version_current(PERMISSIONS_VERSION_KEY)
        cache.set(key, (version, frozenset(permissions)), timeout=24 * 3600)
        return permissions


def _keys_of_current_person() -> list[str]:
    # The person of the request (none before CurrentUserMiddleware ran, nor when anonymous).
    user = get_current_user()
    if user is None or not user.is_active or hasattr(user, "_perm_cache"):
        return []
    return [PERMISSIONS_VERSION_KEY, _person_key(user)]


def permissions_changed(**_signal_kwargs) -> None:
    """Every cached permission set is stale."""
    version_bump(PERMISSIONS_VERSION_KEY)


def permissions_signals_connect() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    read_along_register(_keys_of_current_person)
    user_model = get_user_model()
    version_signals_connect(
        permissions_changed,
        name="permissions",
        models=(Group, Permission),
        through_models=(
            user_model.groups.through,
            user_model.user_permissions.through,
            Group.permissions.through,
        ),
    )
