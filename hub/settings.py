"""Settings for Global Hub, read from the environment through one ``env`` object.

Development (``make run``) sets ``DEBUG=1``; production sets ``DEBUG=0`` (the default) and must
provide ``SECRET_KEY`` and ``ALLOWED_HOSTS``. See README.md for every variable.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from psycopg_pool import ConnectionPool

from hub.release import release_name

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG=0) refuses to start without it: "
            "export SECRET_KEY to a long random value, or set DEBUG=1 for development."
        )
    SECRET_KEY = "development-only-key-never-used-in-production-0123456789abcdef"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Authority of the tag: URIs (RFC 4151) that identify feed entries: a domain the project owns and
# the year it was first used. Fixed, so entry ids stay the same on every deployment.
FEED_TAG_AUTHORITY = env.str("FEED_TAG_AUTHORITY", default="globalhub.example,2026")
# Names this release in cached page fragments, so a deploy never serves the last one's shell.
# Every process of a deployment must agree on it: RELEASE from the deployment, else the
# commit checked out, else a fixed name.
RELEASE = release_name(environ_value=env.str("RELEASE", default=""), checkout=BASE_DIR)

INSTALLED_APPS = [
    # Before Django's admin, so that its templates add "Events" to every change page.
    "pghistory.admin",
    # Before the admin too: reference data (taxonomy, legislation topics and criteria) is
    # translated in the database, one column per language (``name_fr``...).
    "modeltranslation",
    "hub.apps.HubAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.syndication",
    "django_filters",
    "django_countries",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "pgtrigger",
    "pghistory",
    "import_export",
    "django_tasks_db",
    "background",
    "hub",
    "catalogue",
    "training",
    "legislation",
    "responsible",
    "community",
]

MIDDLEWARE = [
    # Outermost, so that its headers reach every response, static files included.
    "hub.middleware.PrivacyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are sent gzipped (static files come precompressed from whitenoise above). Django
    # masks the CSRF token afresh on every response and pads each gzip stream with random
    # bytes, the two standard defences against BREACH; anonymous pages carry no token at all.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "hub.middleware.RejectControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.otp_device: the second factor used in this session (django-otp).
    "hub.middleware.SecondFactorMiddleware",
    "hub.middleware.TimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "hub.middleware.SessionLifetimeMiddleware",
    "hub.middleware.SecondFactorPendingMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hub.context_processors.access",
            ],
        },
    },
]

_database_url = env.str("DATABASE_URL", default="")
if not _database_url:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DATABASE_URL is not set. Production (DEBUG=0) refuses to start without it: "
            "export DATABASE_URL=postgres://user:password@host:5432/name, or set DEBUG=1 "
            "for development."
        )
    _database_url = "postgres://postgres@127.0.0.1:5432/hub"  # development only
DATABASES = {"default": env.db_url_config(_database_url)}
# Connections come from a bounded psycopg pool in each process (see README, "Connections").
# A gunicorn process serves GUNICORN_THREADS requests at once, so it never needs more than that
# many connections; DB_POOL_MAX defaults to it. Every connection in use or idle counts against
# PostgreSQL's max_connections (100): web processes × DB_POOL_MAX + worker + scheduler.
# The development server (DEBUG) opens one connection per request and closes it, holding none.
DB_POOL = env.bool("DB_POOL", default=not DEBUG)
if DB_POOL:
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # Django requires it with a pool
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DB_POOL_MIN", default=1),
        "max_size": env.int("DB_POOL_MAX", default=env.int("GUNICORN_THREADS", default=4)),
        # A request waits at most this long for a free connection, then gets the 503 page.
        "timeout": env.float("DB_POOL_TIMEOUT", default=5.0),
        # A connection is checked as it is handed out, so one broken by a database restart is
        # replaced instead of failing a request after PostgreSQL is back.
        "check": ConnectionPool.check_connection,
        # Idle connections above min_size are closed after this many seconds.
        "max_idle": env.float("DB_POOL_MAX_IDLE", default=300.0),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "hub.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "hub.backends.HubBackend",
    "hub.backends.HubPasskeyBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "hub:login"
LOGIN_REDIRECT_URL = "hub:profile"
LOGOUT_REDIRECT_URL = "hub:home"
# Months a verification stays valid before the member must be verified again.
VERIFICATION_VALID_DAYS = 365
EMAIL_CONFIRMATION_MAX_AGE = 60 * 60 * 24 * 3
# Account life cycle (hub/lifecycle.py): reminders this many days before a verification ends;
# accounts whose address was never confirmed are removed after UNCONFIRMED_ACCOUNT_DAYS;
# lapsed accounts (verification expired, or left law enforcement) LAPSED_ACCOUNT_DAYS after
# they lapsed, once warned LAPSED_WARNING_DAYS before.
VERIFICATION_REMINDER_DAYS = (30, 7)
UNCONFIRMED_ACCOUNT_DAYS = env.int("UNCONFIRMED_ACCOUNT_DAYS", default=30)
LAPSED_ACCOUNT_DAYS = env.int("LAPSED_ACCOUNT_DAYS", default=730)
LAPSED_WARNING_DAYS = 30
# Sessions on shared agency machines: signed out after SESSION_IDLE_TIMEOUT seconds without a
# request (30 minutes), and SESSION_ABSOLUTE_TIMEOUT seconds after signing in (12 hours).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

# Second factor (django-otp: authenticator apps and recovery codes; django-otp-webauthn:
# passkeys and security keys). Staff, curators and trainers must use one before the admin or a
# trainer's page opens; MFA_REQUIRED_FOR_ALL_VERIFIED extends that to every verified member.
MFA_REQUIRED_FOR_ALL_VERIFIED = env.bool("MFA_REQUIRED_FOR_ALL_VERIFIED", default=False)
MFA_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = "Global Hub"
OTP_TOTP_TOLERANCE = 1
# Passkeys are bound to this domain (the host of SITE_URL unless set): changing it later makes
# every registered passkey unusable. Browsers allow WebAuthn only on https:// and on
# http://localhost, so the development address http://127.0.0.1:8000 has its passkeys at
# http://localhost:8000.
_site_origin = "/".join(SITE_URL.split("/", 3)[:3]).replace("://127.0.0.1", "://localhost")
OTP_WEBAUTHN_RP_ID = env.str("WEBAUTHN_RP_ID", default=_site_origin.split("://")[1].split(":")[0])
OTP_WEBAUTHN_RP_NAME = "Global Hub"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env.list("WEBAUTHN_ALLOWED_ORIGINS", default=[_site_origin])
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = True

# Login lockout (django-axes, see hub/signin.py): five failures lock the account for this
# address for an hour; SIGN_IN_FAILURES_PER_ADDRESS failures from one address, whatever the
# accounts, lock that address for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "hub.signin.axes_username"
AXES_HANDLER = "hub.signin.LockoutHandler"
SIGN_IN_FAILURES_PER_ADDRESS = env.int("SIGN_IN_FAILURES_PER_ADDRESS", default=20)
AXES_LOCKOUT_TEMPLATE = "hub/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# Email --------------------------------------------------------------------------------------
# EMAIL_URL such as smtp+tls://user:password@mail.agency.example:587 or consolemail://
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_smtp = _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {
            "host": _email.get("EMAIL_HOST") or "localhost",
            "port": _email.get("EMAIL_PORT") or None,
            "username": _email.get("EMAIL_HOST_USER") or "",
            "password": _email.get("EMAIL_HOST_PASSWORD") or "",
            "use_tls": bool(_email.get("EMAIL_USE_TLS")),
            "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
            "timeout": 10,
        }
        if _smtp
        else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Global Hub <no-reply@globalhub.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CURATOR_EMAILS = env.list("CURATOR_EMAILS", default=[])

# Background tasks: Django's own task framework, stored in PostgreSQL (django-tasks-db) in the
# transaction that enqueues them, run by `manage.py run_worker` (see Procfile). A failed task
# goes back to pending and is tried again after 30 s, 1 min, 2 min … (at most 1 h apart);
# after MAX_ATTEMPTS tries it stays failed, visible in the admin, until a curator reruns it.
# A task still "running" this long after it started is put back in the queue by the scheduler
# (its worker died, or the database restarted before its end was written).
TASK_STALE_SECONDS = env.int("TASK_STALE_SECONDS", default=30 * 60)
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
        "OPTIONS": {
            "MAX_ATTEMPTS": env.int("TASK_MAX_ATTEMPTS", default=12),
            "RETRY_BASE_SECONDS": env.int("TASK_RETRY_BASE_SECONDS", default=30),
            "RETRY_MAX_SECONDS": env.int("TASK_RETRY_MAX_SECONDS", default=3600),
        },
    }
}

# Internationalisation: the six official languages of the United Nations. ---------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Reference data in the database (``<app>/translation.py``): a field reads the active
# language's column and falls back to English, which every term has.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# A new term's slug is made from its English name, whatever the curator's admin language.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
# The tabbed admin's jQuery UI, served from our own static files (no request leaves the site).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
TIME_ZONE = "UTC"  # stored and default; each member's own zone is activated per request
# Date formats: Django's for each language, with English's and Arabic's completed in hub/formats.
FORMAT_MODULE_PATH = ["hub.formats"]
USE_I18N = True
USE_TZ = True

# Static files, served by whitenoise -----------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
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
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Security headers ---------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"outage_one_line": {"()": "hub.log_filters.DatabaseOutageOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.request": {"filters": ["outage_one_line"]},
    },
}
