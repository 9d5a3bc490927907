"""Test settings: fast hashing, local-memory mail, eager Celery unless REDIS_URL is set.

Under `make test-services` REDIS_URL and DATABASE_URL point at the real services; tests marked
`services` then start a real Celery worker against them.
"""

from elearning.settings import *  # noqa: F403
from elearning.settings import REDIS_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests run each task in-process so their effects can be asserted; the `services` tests switch
# to the real worker themselves.
CELERY_TASK_ALWAYS_EAGER = True
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_AUTOREFRESH = True
# Tests see a new completion at once; tests/reporting/test_public.py sets the production value.
PUBLIC_COUNTER_RECHECK_SECONDS = 0
# Secrets of their own, as production must have them (elearning/checks.py): pytest runs with
# DEBUG off, where falling back to SECRET_KEY is an error.
PERSON_KEY_SECRET = "test-only-person-key-secret"
MFA_ENCRYPTION_SECRET = "test-only-mfa-encryption-secret"
