"""Who must use MFA, and whether they do."""

from allauth.mfa.models import Authenticator

from accounts.roles import STAFF_ROLES


def user_has_staff_role(user) -> bool:
    if user.is_superuser or user.is_staff:
        return True
    return user.groups.filter(name__in=STAFF_ROLES).exists()


def user_has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists() or (
        Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).exists()
    )
