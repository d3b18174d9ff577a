"""Django settings for Thi Đua.

Every setting a deployment may change is read from one environment variable, listed in ``docs/configuration.md``.
Defaults are safe for the local demo (SQLite under ``var/``, DEBUG on, in-process jobs). With ``DEBUG=0`` the
production keys (``SECRET_KEY``, ``ALLOWED_HOSTS``) must be given, and the secure defaults below make
``thidua check --deploy`` silent.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("THIDUA_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required when DEBUG is off.")
    return value


DEBUG = env_bool("DEBUG", True)

LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY") or "thidua-demo-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOCAL_HOSTS)
    if any(host not in LOCAL_HOSTS for host in ALLOWED_HOSTS):
        # DEBUG is on by default for the local demo; serving a real host name that way would expose tracebacks and
        # sign sessions with the published demo key. Fail closed.
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS names a public host while DEBUG is on: set DEBUG=0 and a SECRET_KEY for a real server."
        )
else:
    SECRET_KEY = env_required("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("The environment variable ALLOWED_HOSTS is required when DEBUG is off.")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Addresses of the reverse proxies in front of Thi Đua: only their X-Forwarded-For is believed (audit addresses).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])

INSTALLED_APPS = [
    "thidua.admin.ThiDuaAdminConfig",  # django.contrib.admin, for superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_htmx",
    "template_partials",
    "auditlog",
    # Thi Đua apps, in import order (docs/architecture.md).
    "thidua.core",
    "thidua.audit",
    "thidua.orgs",
    "thidua.accounts",
    "thidua.jobs",
    "thidua.catalog",
    "thidua.notifications",
    "thidua.records",
    "thidua.movements",
    "thidua.eligibility",
    "thidua.dossiers",
    "thidua.decisions",
    "thidua.reports",
    "thidua.imports",
    "thidua.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Our audit middleware: the request user is the default actor, with contexts that nest (thidua/audit/context.py).
    "thidua.audit.middleware.AuditMiddleware",
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "thidua.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------
# SQLite by default: one file under var/, WAL so readers never wait for a writer, and IMMEDIATE transactions
# so a writer takes the write lock when it starts instead of failing half-way with "database is locked".
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", 0)))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on the short queries of a web app (measured in docs/benchmarks.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language, time, formats ----------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]

# --- Static and media -----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploads are checked by content and refused above this size (thidua.core.uploads).
THIDUA_MAX_UPLOAD_MB = int(os.environ.get("THIDUA_MAX_UPLOAD_MB", 20))
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Security -------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # /healthz is probed over plain HTTP by load balancers inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy: every asset is served from this site; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- E-mail ---------------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thidua@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background jobs ------------------------------------------------------------------------------------
# Without a broker, jobs run in a thread of the web process; with CELERY_BROKER_URL they go to Celery workers.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")

# --- Audit (django-auditlog with our own sealed entry model) ---------------------------------------------
AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False
# auditlog's own migrations create its (swapped-out, unused) auditlog_logentry table, whose foreign keys to users and
# content types make PostgreSQL refuse to TRUNCATE them (flush, transactional tests). Our table is audit.AuditEntry.
MIGRATION_MODULES = {"auditlog": None}

# --- API ------------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "thidua.core.api.KeysetPagination",
    "PAGE_SIZE": 50,
    # Model and service ValidationErrors become 400 {field: [messages]}; auth errors get Vietnamese messages.
    "EXCEPTION_HANDLER": "thidua.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Thi Đua API",
    "DESCRIPTION": "API quản lý thi đua, khen thưởng. Xác thực bằng token: `Authorization: Token <khóa>`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name ("kind", "state", "level", "source") across resources get their own names.
    "ENUM_NAME_OVERRIDES": {
        "CatalogAwardLevelEnum": "thidua.catalog.models.AwardLevel",
        "MovementKindEnum": "thidua.movements.enums.MovementKind",
        "MovementStateEnum": "thidua.movements.enums.MovementState",
        "ScopeModeEnum": "thidua.movements.enums.ScopeMode",
        "MovementAwardLevelEnum": "thidua.movements.enums.AwardLevel",
        "CriterionKindEnum": "thidua.movements.enums.CriterionKind",
        "CriterionSourceEnum": "thidua.movements.enums.CriterionSource",
        "MilestoneKindEnum": "thidua.movements.enums.MilestoneKind",
        "AnswerStateEnum": "thidua.movements.enums.AnswerState",
        "ExemplaryKindEnum": "thidua.movements.enums.ExemplaryKind",
        "ExemplaryStateEnum": "thidua.movements.enums.ExemplaryState",
        "SheetStateEnum": "thidua.movements.enums.SheetState",
        "ScoreKindEnum": "thidua.movements.enums.ScoreKind",
        "ProposalEnum": "thidua.movements.enums.Proposal",
        "DossierKindEnum": "thidua.dossiers.enums.DossierKind",
        "DossierStateEnum": "thidua.dossiers.enums.DossierState",
        "EntryStateEnum": "thidua.dossiers.enums.EntryState",
        "EntrySourceEnum": "thidua.dossiers.enums.EntrySource",
        "DecisionKindEnum": "thidua.decisions.enums.DecisionKind",
        "DecisionStateEnum": "thidua.decisions.enums.DecisionState",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Name of the deployment, shown in the header and documents.
THIDUA_SITE_NAME = os.environ.get("THIDUA_SITE_NAME", "Thi Đua")
# The address users reach the site at, for links in e-mails (e.g. https://thidua.haiphong.gov.vn).
THIDUA_SITE_URL = os.environ.get("THIDUA_SITE_URL", "http://127.0.0.1:8000")
# Folders searched for Liberation Serif (metric-compatible with Times New Roman, full Vietnamese), embedded in every
# generated PDF. `make install` installs Debian's fonts-liberation2 when it can; colon-separated to override.
THIDUA_PDF_FONT_DIRS = [
    folder for folder in os.environ.get(
        "THIDUA_PDF_FONT_DIRS", "/usr/share/fonts/truetype/liberation2:/usr/share/fonts/truetype/liberation"
    ).split(":") if folder
]  # fmt: skip

# Import files with more rows than this are checked and committed by a background job with progress (imports app).
THIDUA_IMPORT_JOB_ROWS = int(os.environ.get("THIDUA_IMPORT_JOB_ROWS", 2000))
# Jobs run synchronously in the calling thread when true (tests); otherwise in a thread or on Celery.
THIDUA_JOBS_EAGER = env_bool("THIDUA_JOBS_EAGER", False)

# Nomination dossiers (thidua.dossiers.transitions): working days the next actor has after each step. Central level
# (QĐ 311/QĐ-BNV 2025, NĐ 98/2023 Art. 32): return an ineligible dossier within 5, appraise within 20 working days
# of a complete dossier; the unit's time to complete a returned dossier is this deployment's choice.
THIDUA_DOSSIER_DEADLINES = {
    "receive": int(os.environ.get("THIDUA_DEADLINE_RECEIVE", 5)),
    "resubmit": int(os.environ.get("THIDUA_DEADLINE_RESUBMIT", 10)),
    "appraise": int(os.environ.get("THIDUA_DEADLINE_APPRAISE", 20)),
}
# The council (DOMAIN.md §4.2): share of members present for a vote (sessions on awards need ≥ 80 %), and what a
# vote threshold is a share of when members recuse themselves: "full" (the law: the full membership) or
# "without_recused".
THIDUA_COUNCIL_QUORUM = os.environ.get("THIDUA_COUNCIL_QUORUM", "0.800")
THIDUA_COUNCIL_THRESHOLD_BASE = os.environ.get("THIDUA_COUNCIL_THRESHOLD_BASE", "full")
# Public comments on a consultation: at most this many per sender and hour.
THIDUA_COMMENTS_PER_HOUR = int(os.environ.get("THIDUA_COMMENTS_PER_HOUR", 5))
