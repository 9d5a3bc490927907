"""Who must use MFA, and whether they do.

Everyone who can see other people's data must have a second step: anyone with a role beyond
learner (a role group, or any of those roles' permissions given directly), staff and superusers,
and anyone a higher app says has a scope over other people, whatever their groups (a
coordinator assignment, a session they train: see ``others_data_scope_register``). The apps
above accounts register those scopes, so this module does not import them.
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator

from accounts.roles import ROLE_PERMISSIONS, STAFF_ROLES

# Every permission a role beyond learner holds: having one directly counts as having the role.
STAFF_PERMISSIONS = frozenset(
    permission
    for role, permissions in ROLE_PERMISSIONS.items()
    if role in STAFF_ROLES
    for permission in permissions
)

_scopes: dict[str, Callable[[object], bool]] = {}


def others_data_scope_register(name: str, has_scope: Callable[[object], bool]) -> None:
    """Declare that `has_scope(user)` True lets a user see other people's data. Idempotent."""
    _scopes[name] = has_scope


def user_sees_others_data(user) -> bool:
    """True for every person who can see someone else's data, so must have MFA."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    if user.groups.filter(name__in=STAFF_ROLES).exists():
        return True
    if any(user.has_perm(permission) for permission in STAFF_PERMISSIONS):
        return True
    return any(has_scope(user) for has_scope in _scopes.values())


def user_has_mfa(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
