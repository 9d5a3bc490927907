"""What every bench server runs with: production mode (DEBUG off) and secrets of its own.

Shared by bench/run.py and bench/interop.py (both run as scripts from this folder), so a
setting production demands, such as its own MFA_ENCRYPTION_SECRET, is given to both at once.
"""

SERVER_SETTINGS = {
    "DJANGO_SETTINGS_MODULE": "elearning.settings",
    "SECRET_KEY": "bench-only-" + "k" * 50,
    "PERSON_KEY_SECRET": "bench-only-person-key",
    "MFA_ENCRYPTION_SECRET": "bench-only-mfa-key",
    "DJANGO_DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1",
    # TLS ends at a proxy in production; the bench talks plain HTTP on the loopback.
    "SECURE_SSL_REDIRECT": "0",
    # As behind the one nginx of production: the address each prepared request carries in
    # X-Forwarded-For is the client's. Without it every request came from 127.0.0.1, and the
    # per-address limit of certificate verification answered all but the first 20 with 429.
    "TRUSTED_PROXY_COUNT": "1",
    "EMAIL_URL": "consolemail://",
    "LOG_LEVEL": "WARNING",
}
