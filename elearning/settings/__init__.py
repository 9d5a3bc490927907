"""Settings of the Leerplatform, read from the environment.

Every setting has a default that suits a fresh checkout (SQLite, eager Celery, local-memory
cache, e-mail written to files). Production sets DJANGO_DEBUG=0 and the variables listed in the
README; without a SECRET_KEY it refuses to start.
"""

from datetime import date
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY ontbreekt: zet de omgevingsvariabele SECRET_KEY (productie, DEBUG uit)."
        )
    SECRET_KEY = "dev-only-insecure-key-for-a-local-checkout-never-in-production"
# Earlier keys still accepted for signatures (sessions, password-reset links) while a new
# SECRET_KEY takes over; see the README on rotating it.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

# The person key (a keyed hash of the normalised e-mail) must survive a SECRET_KEY rotation,
# otherwise every counted person would be counted anew; hence its own secret. Only a checkout
# falls back to SECRET_KEY; without DEBUG a missing one is a system-check error
# (elearning/checks.py), never a silent copy of SECRET_KEY.
PERSON_KEY_SECRET = env.str("PERSON_KEY_SECRET", default=SECRET_KEY if DEBUG else "")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "elearning",
    "accounts",
    "cms",
    "courses",
    "scorm",
    "certificates",
    "xapi",
    "reporting",
    "effect",
    "wagtailmedia",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: refuses an oversized body by its Content-Length before anything reads it.
    "elearning.limits.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "elearning.security.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "elearning.current_user.CurrentUserMiddleware",
    "accounts.middleware.StaffMFAMiddleware",
    "accounts.middleware.ProfileCompletionMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "elearning.urls"
WSGI_APPLICATION = "elearning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "elearning.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": environ.Env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'leerplatform.sqlite3'}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Prepared statements: a statement the connection ran DB_PREPARE_THRESHOLD times is kept
    # planned by PostgreSQL. Planning was most of PostgreSQL's work on a learner's page and
    # write (0.3 of 0.35 ms for the voormeting check). Django leaves it off for poolers that
    # cannot follow prepared statements; PgBouncer can from 1.21 (max_prepared_statements).
    # DB_PREPARE_THRESHOLD=off turns it off for one that cannot.
    prepare_threshold = env.str("DB_PREPARE_THRESHOLD", default="5")
    if prepare_threshold != "off":
        if not prepare_threshold.isdigit():
            raise ImproperlyConfigured(
                f"DB_PREPARE_THRESHOLD={prepare_threshold!r} is ongeldig: geef een aantal keer "
                "(0 of meer) of 'off'."
            )
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=int(prepare_threshold)
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is broker and cache when REDIS_URL is set; without it tasks run in-process (eager)
# and the cache is local memory, so a checkout needs nothing else running.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Redis is a cache, not a single point of failure: while it is unreachable each process
    # answers from its own memory (elearning/cache.py) and requests keep working.
    CACHES = {
        "default": {
            "BACKEND": "elearning.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "leerplatform",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
            "RETRY_AFTER": env.float("CACHE_RETRY_AFTER_SECONDS", default=5.0),
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
# Sessions live in the database only, so a Redis outage signs nobody out and breaks no page
# (ARCHITECTURE rule 9); one indexed query per signed-in request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only after it ran, so a worker that dies mid-task hands it back:
# at once when a pool process is killed (reject on worker lost), after the visibility timeout
# when the whole worker is. Every task is idempotent, so a second run changes nothing.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker keeps its database connection from task to task, checked around each task as
# around a request (elearning/celery.py); Celery's own fixup then closes it only after this
# many tasks instead of before and after every one.
CELERY_DB_REUSE_MAX = 1000
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing never waits for a broker that is down: the outbox keeps the work and its sweep
# sends it again (elearning/outbox.py).
CELERY_TASK_PUBLISH_RETRY = False
# visibility_timeout: how long an unacknowledged task waits before Redis hands it to another
# worker (after a whole worker died mid-task). It fits the work: a PDF or an e-mail takes under
# a second, an import or export of the largest allowed file well under a minute, and every
# task is guarded (row lock, status, sent marker), so the rare long one handed out twice only
# waits for the first. Workers look for such tasks every 10 s, so a killed worker's task is
# back within 70 s of a worker being there. Retries wait at most 60 s: a retry is held
# unacknowledged until its time, and one held longer than the timeout would be handed out
# twice.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=60)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
}
# The outbox's sweep sends a pending task again this long after it was last sent (doubling
# per attempt up to 32 times as long).
OUTBOX_RETRY_AFTER_SECONDS = env.int("OUTBOX_RETRY_AFTER_SECONDS", default=60)
# Work of one kind waits only for its own kind: a mailing or a sweep never holds up the
# certificates people are waiting for. A worker started without -Q (make worker) serves every
# queue; at scale each queue gets workers of its own (README, "Schaal").
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [Queue(name) for name in ("celery", "certificaten", "email", "bestanden")]
CELERY_TASK_ROUTES = {
    "certificates.tasks.certificate_pdf_render_task": {"queue": "certificaten"},
    "reporting.imports.import_batch_run_task": {"queue": "bestanden"},
    "reporting.exports.export_build_task": {"queue": "bestanden"},
    "certificates.tasks.certificate_expiry_reminders_task": {"queue": "email"},
    "certificates.tasks.certificate_ready_email_send_task": {"queue": "email"},
    "courses.tasks.*_send_task": {"queue": "email"},
    "reporting.tasks.monthly_report_send_task": {"queue": "email"},
    "effect.tasks.follow_up_email_send_task": {"queue": "email"},
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Amsterdam"
# Periodic work, all in one place (house style 18).
CELERY_BEAT_SCHEDULE = {
    "sessie-herinneringen": {
        "task": "courses.tasks.session_reminders_send_task",
        "schedule": crontab(minute=0, hour="*"),
    },
    # One sweep for all background work still pending (certificate PDFs, e-mails, exports,
    # imports): what a broker outage or a killed worker left behind is sent again.
    "outbox": {
        "task": "elearning.tasks.outbox_sweep_task",
        "schedule": crontab(minute="*"),
    },
    "certificaten-verloop-herinneringen": {
        "task": "certificates.tasks.certificate_expiry_reminders_task",
        "schedule": crontab(minute=30, hour=7),
    },
    "xapi-partners-ophalen": {
        "task": "xapi.tasks.partners_pull_task",
        "schedule": crontab(minute="*/15"),
    },
    "dagelijkse-tellerstand": {
        "task": "reporting.tasks.counter_snapshot_take_task",
        "schedule": crontab(minute=15, hour=0),
    },
    # A learner's completion only notes that its person's standings are due; every report
    # settles them before it reads, and this keeps the list short between reports.
    "telstanden-bijwerken": {
        "task": "reporting.tasks.standings_settle_task",
        "schedule": crontab(minute="*"),
    },
    "telstanden-controleren": {
        "task": "reporting.tasks.standings_sweep_task",
        "schedule": crontab(minute=5, hour=0),
    },
    # Daily, sending only the month not sent yet: a first of the month missed (beat or broker
    # down) is caught up the next morning, and every other day sends nothing.
    "maandrapport": {
        "task": "reporting.tasks.monthly_report_send_task",
        "schedule": crontab(minute=0, hour=8),
    },
    "onbevestigde-accounts-opruimen": {
        "task": "accounts.tasks.unverified_accounts_remove_task",
        "schedule": crontab(minute=45, hour=3),
    },
    "effect-vervolgmetingen": {
        "task": "effect.tasks.follow_up_invitations_send_task",
        "schedule": crontab(minute=0, hour=9),
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.CachedPermissionsBackend",  # ModelBackend, permission sets cached
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/mijn/"
LOGOUT_REDIRECT_URL = "/"

# allauth: e-mail is the identifier, verified before first log-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Leerplatform] "
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "confirm_email": "1/3m/key",
}
# Changing e-mail, password or MFA asks for the password again.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Learners see (and end) their sessions with where and when each began. Tracking "last seen"
# as well would write to the database on every request (five queries per page in make bench).
USERSESSIONS_TRACK_ACTIVITY = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_TOTP_ISSUER = "Leerplatform Samen tegen mensenhandel"
# Its own secret, so rotating SECRET_KEY does not lock every staff member out of MFA.
MFA_ENCRYPTION_SECRET = env.str("MFA_ENCRYPTION_SECRET", default=SECRET_KEY if DEBUG else "")
# Every role beyond learner must have MFA before reaching staff pages, reports or the admins.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True)
WAGTAILADMIN_LOGIN_URL = "account_login"
# A page restricted to signed-in people sends visitors to the same log-in (with MFA and rate
# limits), not to Wagtail's own plain form.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
LOGIN_ON_PASSWORD_RESET = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# SCORM packages (scorm.unpack): a package over any limit is refused as a whole.
SCORM_MAX_ENTRIES = env.int("SCORM_MAX_ENTRIES", default=5000)
SCORM_MAX_TOTAL_BYTES = env.int("SCORM_MAX_TOTAL_BYTES", default=500 * 1024 * 1024)
SCORM_MAX_COMPRESSION_RATIO = env.int("SCORM_MAX_COMPRESSION_RATIO", default=100)

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded video, audio and captions: never under MEDIA_URL, served by cms.media.media_serve
# (range requests, the access of the lessons that use them).
PRIVATE_MEDIA_ROOT = Path(
    env.str("PRIVATE_MEDIA_ROOT", default=str(MEDIA_ROOT.parent / "private-media"))
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = env.str("FILE_UPLOAD_TEMP_DIR", default="") or None
# Request bodies above these are answered 413 from their Content-Length, unread
# (elearning/limits.py): upload forms may send more than the rest of the site.
REQUEST_BODY_MAX_BYTES = env.int("REQUEST_BODY_MAX_BYTES", default=5 * 1024 * 1024 // 2)
REQUEST_BODY_MAX_BYTES_UPLOAD = env.int("REQUEST_BODY_MAX_BYTES_UPLOAD", default=25 * 1024 * 1024)
UPLOAD_PATHS = [
    r"^/beheer/(images|documents)/",
    r"^/beheer/rapportage/imports/nieuw/$",
    r"^/leren/coordinator/cursus/\d+/(uitnodigen|importeren)/$",
]

# E-mail: files in a checkout (readable in the folder below), SMTP from EMAIL_URL in production.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = Path(env.str("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent_emails")))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Leerplatform Samen tegen mensenhandel <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Leerplatform Samen tegen mensenhandel"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILMEDIA = {
    "MEDIA_MODEL": "cms.MediaItem",
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "ogg", "wav"],
    # Formats every current browser plays in <video>.
    "VIDEO_EXTENSIONS": ["mp4", "m4v", "webm"],
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Behind a reverse proxy in production: trust its X-Forwarded-Proto (BEHIND_PROXY). A
# forwarded client address is trusted only from as many proxies as TRUSTED_PROXY_COUNT says
# (default 0: REMOTE_ADDR, whatever X-Forwarded-For claims); with n proxies the n-th address
# from the right of X-Forwarded-For is the client. Per-address rate limits depend on it.
USE_X_FORWARDED_HOST = env.bool("USE_X_FORWARDED_HOST", default=False)
if env.bool("BEHIND_PROXY", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Domain settings.
# How long after a session has ended a trainer or coordinator may still correct a mark
# (present <-> absent); a first mark stays possible later (a paper list typed in afterwards).
ATTENDANCE_CORRECTION_DAYS = env.int("ATTENDANCE_CORRECTION_DAYS", default=14)
CERTIFICATE_EXPIRY_REMINDER_DAYS = env.int("CERTIFICATE_EXPIRY_REMINDER_DAYS", default=60)
PUBLIC_SMALL_CELL_THRESHOLD = env.int("PUBLIC_SMALL_CELL_THRESHOLD", default=10)
# The file of an import, within the body its upload form may send (a megabyte for the rest).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=REQUEST_BODY_MAX_BYTES_UPLOAD - 1024 * 1024)
UNVERIFIED_ACCOUNT_RETENTION_DAYS = env.int("UNVERIFIED_ACCOUNT_RETENTION_DAYS", default=30)
PUBLIC_COUNTER_CACHE_SECONDS = env.int("PUBLIC_COUNTER_CACHE_SECONDS", default=300)
# How long a web process serves its last /api/tellers/ body before it asks the shared cache
# again whether a completion moved the figures: a new completion shows within this time.
PUBLIC_COUNTER_RECHECK_SECONDS = env.float("PUBLIC_COUNTER_RECHECK_SECONDS", default=1.0)
# The statements every Dutch public website has (cms/statements.py): where to write to, when the
# accessibility statement was drawn up, and the summary of the latest axe run, written by the
# browser tests (tests/e2e/test_accessibility.py).
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="leerplatform@example.org")
ACCESSIBILITY_STATEMENT_DATE = date.fromisoformat(
    env.str("ACCESSIBILITY_STATEMENT_DATE", default="2026-12-06")
)
ACCESSIBILITY_AUDIT_FILE = Path(
    env.str("ACCESSIBILITY_AUDIT_FILE", default=str(BASE_DIR / "docs/toegankelijkheid/axe.json"))
)
BENCH_ENDPOINTS = env.bool("BENCH_ENDPOINTS", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Wagtail logs every page action and every background task at INFO; keep those quieter.
    "loggers": {
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}

# --- Content-Security-Policy (security; see elearning/security.py) ----------------------------
from elearning.settings.content_security import (  # noqa: E402, F401
    CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY_ADMIN,
    CSP_ADMIN_PREFIXES,
    CSP_EMBEDDABLE_PREFIXES,
    CSP_VIDEO_FRAME_SOURCES,
)

# Staff avatars from our own storage only: no e-mail hashes sent to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Password and e-mail are managed through allauth only (re-authentication, verification, rate
# limits); Wagtail's own account forms for them and its password reset are switched off.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
