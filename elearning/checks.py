"""System checks of the project's own settings (run by `manage.py check`, `migrate` and CI).

Two secrets must never be the same as SECRET_KEY, because SECRET_KEY is the one that gets
rotated: PERSON_KEY_SECRET keys the pseudonymous person key (rotating it would count everyone
anew) and MFA_ENCRYPTION_SECRET encrypts the TOTP secrets at rest (rotating it would make every
second step unreadable). A checkout (DEBUG on) may let them fall back to SECRET_KEY; production
(DEBUG off) may not, and says so as an error rather than quietly using SECRET_KEY.
"""

from django.conf import settings
from django.core.checks import Error, register

OWN_SECRETS = ("PERSON_KEY_SECRET", "MFA_ENCRYPTION_SECRET")


@register()
def own_secrets_check(app_configs=None, **kwargs) -> list[Error]:
    """E001: a secret of its own is missing; E002: it equals SECRET_KEY (DEBUG off only)."""
    if settings.DEBUG:
        return []
    errors = []
    for name in OWN_SECRETS:
        value = getattr(settings, name, "") or ""
        if not value:
            errors.append(
                Error(
                    f"{name} ontbreekt.",
                    hint=f"Zet de omgevingsvariabele {name} op een eigen lange willekeurige "
                    "tekst (zie README, 'In productie draaien').",
                    id="elearning.E001",
                )
            )
        elif value == settings.SECRET_KEY:
            errors.append(
                Error(
                    f"{name} is gelijk aan SECRET_KEY.",
                    hint="Geef het een eigen waarde: bij het vervangen van SECRET_KEY zou "
                    "anders iedereen opnieuw geteld worden of tweestapsverificatie onleesbaar "
                    "worden (zie README, 'SECRET_KEY vervangen').",
                    id="elearning.E002",
                )
            )
    return errors
