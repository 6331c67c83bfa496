"""Settings for Alianzas: one module, configured through environment variables."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# HTTPS=1 marks a real deployment behind TLS: secure cookies, HSTS, redirects, and a secret key
# that must come from the environment (docs/deploy.md).
HTTPS = env_bool("HTTPS", False)
if HTTPS and not os.environ.get("SECRET_KEY"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set SECRET_KEY in the environment: HTTPS=1 means a real deployment.")
# The fallback key is only for a local checkout; any deployment sets SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-set-SECRET_KEY-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 365 * 24 * 3600)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD", True)
# Behind a load balancer that ends TLS, the scheme arrives in this header (only trust it there).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
# How many proxies append to X-Forwarded-For before the app: the sign-in guard reads the client's
# address from there (accounts.login_guard.client_address), never from what the client sent.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "1")) if BEHIND_PROXY else 0
# A working day; signing in again after it is cheap compared with a forgotten open session.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_SECONDS", 8 * 3600))
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "registry",
    "accounts",
    "knowledge",
    "followup",
    "surveys",
    "dialogues",
    "reports",
    "directory",
    "profiles",
    "capacities",
    "training",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app processes themselves: no separate web server to keep in step.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "alianzas.limits.request_size_limit",
    "alianzas.inputs.reject_nul_characters",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "registry.middleware.user_time_zone",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "alianzas.urls"
WSGI_APPLICATION = "alianzas.wsgi.application"
ASGI_APPLICATION = "alianzas.asgi.application"

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
            ],
        },
    },
]


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from alianzas.embedded_db import embedded_database_url

    return embedded_database_url(
        Path(os.environ.get("ALIANZAS_PGDATA", BASE_DIR / ".pgdata")),
        # Benchmarks use their own database on the same embedded server.
        os.environ.get("ALIANZAS_DB_NAME", "alianzas"),
    )


DATABASES = {"default": dj_database_url.parse(database_url(), conn_max_age=60)}
# A database that stops answering must not hold every request until gunicorn kills its worker:
# connecting gives up after DB_CONNECT_TIMEOUT seconds, a statement after DB_STATEMENT_TIMEOUT_MS
# (the report worker allows REPORT_STATEMENT_TIMEOUT_MS), and over TCP unacknowledged data closes
# the connection after DB_TCP_USER_TIMEOUT_MS (ignored on the embedded server's Unix socket).
DB_STATEMENT_TIMEOUT_MS = int(os.environ.get("DB_STATEMENT_TIMEOUT_MS", "15000"))
REPORT_STATEMENT_TIMEOUT_MS = int(os.environ.get("REPORT_STATEMENT_TIMEOUT_MS", "600000"))
# PostgreSQL's default cost of a random read (4) dates from spinning disks; on SSDs (the embedded
# server's local disk, any current host) 1.1 is the usual setting. With 4 the planner read every
# initiative to match a search rather than use the search index: 260 ms instead of 8 at 100,000.
DB_RANDOM_PAGE_COST = os.environ.get("DB_RANDOM_PAGE_COST", "1.1")
DATABASES["default"]["OPTIONS"] = {
    **DATABASES["default"].get("OPTIONS", {}),
    "connect_timeout": int(os.environ.get("DB_CONNECT_TIMEOUT", "5")),
    "options": f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS} -c random_page_cost={DB_RANDOM_PAGE_COST}",
    "tcp_user_timeout": int(os.environ.get("DB_TCP_USER_TIMEOUT_MS", "20000")),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# API rate-limit counters. Several app processes share them only through the database
# (CACHE=database, which `make serve` sets; the table comes from `manage.py createcachetable`).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "alianzas_cache"}
        if os.environ.get("CACHE") == "database"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
AUTH_USER_MODEL = "registry.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Invitation links are password-reset tokens; focal points get two weeks to accept.
PASSWORD_RESET_TIMEOUT = 14 * 24 * 3600
LOGIN_REDIRECT_URL = "after_sign_in"  # alianzas.landing: each person's own starting page
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("pt", _("Portuguese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
# Production (`make serve`, STATIC_MANIFEST=1) serves collected files with hashed names, cached for
# a year and compressed; development and tests serve static/ as it is, with no collect step.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded files live outside the static tree and are served only through views that check who
# asks (registry.downloads). A request body above this is refused before it is read.
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_MEGABYTES", "60")) * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 30
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

# E-mail goes to the console unless an SMTP server is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Who publishes the IATI export (api.iati). XM-PIFCSS is not an approved organisation identifier
# prefix: the IATI validation page warns until the programme registers one and sets it here.
IATI_REPORTING_ORG_REF = os.environ.get("IATI_REPORTING_ORG_REF", "XM-PIFCSS")
IATI_REPORTING_ORG_TYPE = os.environ.get("IATI_REPORTING_ORG_TYPE", "40")  # Multilateral: an intergovernmental programme
IATI_REPORTING_ORG_NAME = os.environ.get(
    "IATI_REPORTING_ORG_NAME", "Programa Iberoamericano para el Fortalecimiento de la Cooperación Sur-Sur (PIFCSS)"
)
# The public address, for links in e-mails sent outside a request (yearly reminders).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# The technical unit's shared mailbox (never a person's): visitors who may not read a focal
# point's address ask here for an introduction.
TECHNICAL_UNIT_EMAIL = os.environ.get("TECHNICAL_UNIT_EMAIL", "alianzas@pifcss.example.org")
# What the privacy notice promises for backups; the operator's rotation keeps to it (docs/deploy.md).
BACKUP_RETENTION_DAYS = int(os.environ.get("BACKUP_RETENTION_DAYS", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Alianzas PIFCSS <no-reply@alianzas.example.org>")

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

API_BROWSABLE_CSP = {**SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}

REST_FRAMEWORK = {
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reading is open (published data); what each role sees is decided by the querysets.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "60/minute"),
        "user": os.environ.get("API_USER_RATE", "600/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.StrictJSONParser",
        "api.parsers.StrictFormParser",
        "api.parsers.StrictMultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "api.renderers.PolicyAwareBrowsableAPIRenderer",
        "api.renderers.CSVRenderer",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The level is on the handler too: Django's own loggers pass INFO records up to it.
    "filters": {"client_errors_on_one_line": {"()": "alianzas.log_filters.ClientErrorsOnOneLine"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "level": os.environ.get("LOG_LEVEL", "WARNING"),
            "filters": ["client_errors_on_one_line"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# API tokens: only a hash is stored (knox); each lasts API_TOKEN_DAYS and goes when its owner's
# password changes (registry.models.User.save).
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=int(os.environ.get("API_TOKEN_DAYS", "365"))),
    "AUTH_HEADER_PREFIX": "Token",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Alianzas API",
    "DESCRIPTION": (
        "Multi-actor alliance initiatives of Ibero-American South-South and triangular cooperation (PIFCSS). "
        "Codes are stable; every coded field has a `_label` companion in the request's language."
    ),
    "VERSION": "1",
    # The documentation page loads Swagger UI from this server, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_errors",
        "api.schema.document_not_modified",
        "api.schema.document_search_order",
    ],
}

# Large report files are built by a worker (`python manage.py db_worker`, started by `make run`)
# from a queue kept in the same PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Above this many initiatives a report file is queued instead of built inside the request.
REPORTS_BACKGROUND_THRESHOLD = int(os.environ.get("REPORTS_BACKGROUND_THRESHOLD", "2000"))

