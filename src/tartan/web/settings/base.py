"""Settings shared by every environment. Each setting that is not Django's default says why."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

PACKAGE = Path(__file__).resolve().parents[1]
DATA_DIR = Path(os.environ.get("TARTAN_DATA_DIR", Path.cwd() / "var"))

SECRET_KEY = os.environ.get("TARTAN_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS: list[str] = [h for h in os.environ.get("TARTAN_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "simple_history",
    "csp",
    "tartan.web.accounts",
    "tartan.web.groups",
    "tartan.web.audit",
    "tartan.web.collection",
    "tartan.web.reports",
    "tartan.web.sharing",
    "tartan.web.governance",
    "tartan.web.evidence",
    "tartan.web.concerns",
    "tartan.web.childdata",
    "tartan.web.submissions",
    "tartan.web.mail",
    "tartan.web.prepared",
    "tartan.web.protocol",
    "tartan.web.rights",
    "tartan.web.foi",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "tartan.web.middleware.NoStore",
    # Answers kept for one request only (the picker asks the same policy forty times).
    "tartan.web.request_memo.RequestMemo",
    # Before the CSRF check, which reads the body.
    "tartan.web.middleware.RequestSizeLimit",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tartan.web.middleware.SessionKeepAlive",
    "django_otp.middleware.OTPMiddleware",
    # A council account's own second factor, when its provider asserted one (accounts/oidc.py).
    "tartan.web.accounts.oidc.IdentityProviderMFA",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and both second factors: a person asked to acknowledge the protocol
    # is fully signed in (protocol/middleware.py).
    "tartan.web.protocol.middleware.ProtocolAcknowledgement",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes' rule).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tartan.web.urls"
WSGI_APPLICATION = "tartan.web.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"

AUTHENTICATION_BACKENDS = [
    # Counts failures and locks out before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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

# Lockout after repeated failures: 5 wrong passwords for a user from an address lock that pair
# for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Sessions expire after 30 minutes without activity (renewed at most every 5 minutes by
# tartan.web.middleware.SessionKeepAlive, so that reading is not writing) and when the browser
# closes.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "tartan.web.jinja.environment",
            "autoescape": True,
            "context_processors": ["django.contrib.messages.context_processors.messages"],
        },
    },
    {
        # Django's admin (for administrators only) needs the Django template engine.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

# The service connects with DATABASE_URL (SQLite in DATA_DIR without one). The commands that
# change the schema (`tartan migrate`, `tartan restore`) set TARTAN_DATABASE_ROLE=migration and
# then connect with MIGRATION_DATABASE_URL when it is set: on PostgreSQL that role owns the
# tables, and the service's role cannot alter the audit table (docs/web.md, "Database roles").
DATABASE_ROLE = os.environ.get("TARTAN_DATABASE_ROLE", "service")
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_ROLE == "migration":
    DATABASE_URL = os.environ.get("MIGRATION_DATABASE_URL") or DATABASE_URL
SQLITE_OPTIONS = {
    # WAL lets readers work while an upload writes; writers wait up to 20 s rather than failing
    # with "database is locked". recursive_triggers makes a REPLACE conflict fire the audit
    # table's delete trigger (the table refuses a replacing insert by itself too, see
    # audit/triggers.py).
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA recursive_triggers=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if not DATABASE_URL:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)
    if DATABASE_URL
    else {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "tartan.sqlite3"}
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Uploads: a return is a few kilobytes; nothing over the library's limit is accepted, and
# uploads are kept in memory and then in the database, never written where they could be served.
# The memory handler takes whole requests up to 6 MB (a 5 MB file and the form around it); the
# upload view refuses a bigger request before reading it, and a file over 5 MB after.
FILE_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
# Every view refuses a request declaring more than this file size plus 1 MB of form, with 413,
# before reading it (tartan.web.middleware.RequestSizeLimit); a view may declare its own limit.
TARTAN_MAX_UPLOAD_BYTES = 5 * 1024 * 1024

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content Security Policy: scripts and styles only from here or with this
# response's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Email (docs/messages.md). Messages wait in the outbox table and the worker
# (`tartan manage send_outbox`) sends them through the SMTP server named here; with no server
# named, they are written to the worker's console (the demo, a laptop).
TARTAN_SITE_NAME = os.environ.get("TARTAN_SITE_NAME", "tartan")
TARTAN_SITE_URL = os.environ.get("TARTAN_SITE_URL", "http://127.0.0.1:8000")
EMAIL_HOST = os.environ.get("TARTAN_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("TARTAN_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("TARTAN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TARTAN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("TARTAN_EMAIL_TLS", "starttls") == "starttls"  # or ssl, none
EMAIL_USE_SSL = os.environ.get("TARTAN_EMAIL_TLS", "starttls") == "ssl"
EMAIL_TIMEOUT = int(os.environ.get("TARTAN_EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("TARTAN_EMAIL_FROM", "tartan <tartan@localhost>")
# How long before a deadline the reminder goes, and how long after it the DCS is told too.
TARTAN_DEADLINE_REMINDER_DAYS = int(os.environ.get("TARTAN_DEADLINE_REMINDER_DAYS", "3"))
TARTAN_OVERDUE_DCS_AFTER_DAYS = int(os.environ.get("TARTAN_OVERDUE_DCS_AFTER_DAYS", "7"))

# The admin never shows a second factor's secret key (django-otp's own setting).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# One process: memory. Several processes or servers: Redis, shared by all of them, so a benchmark
# table built by one worker serves every other (TARTAN_CACHE_URL=redis://host:6379/0).
CACHE_URL = os.environ.get("TARTAN_CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "tartan",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tartan",
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING"}},
}

# How long the DfE's notice period lasts for sharing insights across government (working days).
TARTAN_DFE_NOTICE_WORKING_DAYS = int(os.environ.get("TARTAN_DFE_NOTICE_WORKING_DAYS", "20"))

# Work that renders more than one rug runs in a task worker (django-tasks, database backend:
# `tartan manage db_worker`; `tartan serve` starts one beside the web server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Joining (docs/web.md, "Inviting people"): an invitation link works once, for this many days.
# A password-reset link works once, for PASSWORD_RESET_TIMEOUT (1 day); an address may ask
# for at most TARTAN_RESET_PER_HOUR links an hour (others are quietly not sent).
TARTAN_INVITATION_DAYS = int(os.environ.get("TARTAN_INVITATION_DAYS", "7"))
PASSWORD_RESET_TIMEOUT = int(os.environ.get("TARTAN_PASSWORD_RESET_HOURS", "24")) * 3600
TARTAN_RESET_PER_HOUR = int(os.environ.get("TARTAN_RESET_PER_HOUR", "3"))
# The public complaints forms (governance/public/<group>/complaints/): at most this many
# complaints an hour from one address, whichever group's form, since anyone may send one and
# each sends an acknowledgement.
TARTAN_COMPLAINTS_PER_HOUR = int(os.environ.get("TARTAN_COMPLAINTS_PER_HOUR", "5"))

# Signing in with the council's own account through OpenID Connect (mozilla-django-oidc;
# docs/web.md, "Signing in with a council account"). Off unless a client id is set. Only a
# person already invited is signed in, found by a verified email address; the service's own
# second factor is still asked unless the provider says it checked one (its amr claim holds
# one of TARTAN_OIDC_MFA_AMR, or its acr is one of TARTAN_OIDC_MFA_ACR).
OIDC_RP_CLIENT_ID = os.environ.get("TARTAN_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("TARTAN_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("TARTAN_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("TARTAN_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("TARTAN_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("TARTAN_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("TARTAN_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email"
OIDC_CREATE_USER = False  # nobody unknown is ever made an account by signing in
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = False
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"
TARTAN_OIDC_LABEL = os.environ.get("TARTAN_OIDC_LABEL", "Sign in with your council account")
TARTAN_OIDC_MFA_AMR = [
    v for v in os.environ.get("TARTAN_OIDC_MFA_AMR", "mfa,otp").split(",") if v.strip()
]
TARTAN_OIDC_MFA_ACR = [v for v in os.environ.get("TARTAN_OIDC_MFA_ACR", "").split(",") if v.strip()]
# The backend is always listed and does nothing while OIDC_RP_CLIENT_ID is empty.
AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "tartan.web.accounts.oidc.CouncilAccount"]
