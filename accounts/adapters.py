"""allauth customisation: names stored at sign-up, MFA secrets encrypted at rest."""

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from elearning.security import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        # allauth's rate limits and session list use the project's one rule (TRUSTED_PROXY_COUNT).
        return client_ip(request)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.first_name = form.cleaned_data.get("first_name", "")
        user.last_name = form.cleaned_data.get("last_name", "")
        if commit:
            user.save()
        return user


class MFAAdapter(DefaultMFAAdapter):
    """Encrypts MFA secrets (TOTP keys, recovery-code seeds) at rest with a key of their own."""

    def _fernet(self) -> Fernet:
        if not settings.MFA_ENCRYPTION_SECRET:
            # A web process does not run the system checks; refuse rather than key with "".
            raise ImproperlyConfigured("MFA_ENCRYPTION_SECRET ontbreekt (zie README).")
        key = hashlib.sha256(settings.MFA_ENCRYPTION_SECRET.encode()).digest()
        return Fernet(base64.urlsafe_b64encode(key))

    def encrypt(self, text: str) -> str:
        return self._fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return self._fernet().decrypt(encrypted_text.encode()).decode()
