"""Settings for Platform Survey.

One file, driven by environment variables (the healthchecks habit). Every variable is read through a
small helper that raises ImproperlyConfigured on a bad value, so a typo in production fails at start
instead of half-working.

Variables:
    DEBUG              "true"/"false" (default false)
    SECRET_KEY         required when DEBUG is off
    ALLOWED_HOSTS      comma-separated (default "127.0.0.1,localhost" — and "testserver" when DEBUG)
    DATABASE_URL       postgres://user:pass@host:port/name ; unset means SQLite in db.sqlite3
    DB_CONN_MAX_AGE    seconds to keep PostgreSQL connections open (default 60)
    DB_STATEMENT_TIMEOUT_MS  PostgreSQL statement timeout (default 5000)
    SQLITE_PATH        where the SQLite file lives (default <project>/db.sqlite3)
    SECURE_SSL         "true" when served behind HTTPS: secure cookies, HSTS, SSL redirect
    LOG_LEVEL          root log level (default INFO)
    RELEASE_ID         the deployed release (scripts/serve sets the git commit); part of every API
                       ETag and cache key, so a deploy never serves an older representation
    API_ANON_RATE      API throttle for anonymous clients, e.g. 600/min (default)
    API_USER_RATE      API throttle per authenticated user, e.g. 3000/min (default)
    API_NUM_PROXIES    reverse proxies in front of the app, for client addresses (default 0)
    API_TOKEN_TTL_DAYS how long a new API token lives (default 365; 0 = no expiry)
    LOGIN_FAILURE_LIMIT, LOGIN_FAILURE_WINDOW_SECONDS  sign-in lockout (default 5 per 900 s)
    SIGNUP_LIMIT_PER_HOUR, EVALUATION_START_LIMIT_PER_HOUR  creations per address (default 10, 60)
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean; anything other than a clear yes/no is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} is set but lists nothing.")
    return items


def database_from_url(url: str) -> dict:
    """Turn DATABASE_URL into a DATABASES entry. Only PostgreSQL URLs are accepted."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgres:// (got scheme {parts.scheme!r}); leave it unset to use SQLite."
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ImproperlyConfigured("DATABASE_URL must name a database, e.g. postgres://…/platform_survey.")
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"DATABASE_URL has an invalid port: {url!r}.") from None
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    timeout_ms = env_int("DB_STATEMENT_TIMEOUT_MS", 5000, minimum=0)
    if timeout_ms:
        # A runaway query answers 503 quickly instead of tying up a worker.
        options["options"] = f"-c statement_timeout={timeout_ms}"
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(port or ""),
        # Persistent connections, checked before reuse so a restarted server is survived.
        "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
        "TEST": {"NAME": f"test_{name}"},
    }


def sqlite_database() -> dict:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH") or BASE_DIR / "db.sqlite3",
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # WAL lets readers proceed while one writer writes; IMMEDIATE transactions take the
            # write lock up front, so concurrent writers wait (timeout) instead of failing with
            # "database is locked" halfway through a transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")

RELEASE_ID = os.environ.get("RELEASE_ID", "").strip() or "dev"
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random string, or set DEBUG=true for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-true"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else ["127.0.0.1", "localhost"]
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "django_htmx",
    "rest_framework",
    "knox",  # hashed API tokens (platform_survey/tokens.py)
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "platform_survey",
    "catalog",
    "casestudies",
    "decisions",
    "knowledge_base",  # the fixtures loader: above the apps whose data it writes
]

MIDDLEWARE = [
    # X-Forwarded-* only from TRUSTED_PROXY (platform_survey/middleware.py); before anything reads them.
    "platform_survey.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Cross-Origin-Resource-Policy and Permissions-Policy (platform_survey/middleware.py).
    "platform_survey.middleware.ExtraSecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # NUL in the path, query or Authorization header: 400 before anything reaches the database.
    "platform_survey.middleware.RejectNulMiddleware",
    # The response cache's front door: anonymous API reads it holds skip the rest of the stack.
    "platform_survey.response_cache.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "platform_survey.middleware.DatabaseUnavailableMiddleware",
    # Gives back creation reservations a view did not use (platform_survey/creation_limits.py).
    "platform_survey.creation_limits.CreationLimitMiddleware",
    # DEBUG only: the site's own 404 page instead of Django's technical one (platform_survey/dev_not_found.py).
    "platform_survey.dev_not_found.DevelopmentNotFoundMiddleware",
]

ROOT_URLCONF = "platform_survey.urls"

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

WSGI_APPLICATION = "platform_survey.wsgi.application"

DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
DATABASES = {"default": database_from_url(DATABASE_URL) if DATABASE_URL else sqlite_database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Chinese first (the survey's language), English second.
LANGUAGE_CODE = "zh-hans"
# Each language is named in itself, so the switch reads right whatever the current language.
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed, fingerprinted files in production; plain files while developing so that
    # runserver and tests need no collectstatic step.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Security headers. A strict CSP: no inline script or style anywhere, no third-party origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions in the database (Django's default, stated): never in a cache alias, so nothing the
# response cache stores or clears can end a visitor's session.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
LANGUAGE_COOKIE_HTTPONLY = True  # only the server reads it
CSRF_COOKIE_HTTPONLY = False  # htmx reads no cookie; the token travels in hx-headers from the page.

# The reverse proxy's addresses (comma-separated, e.g. 127.0.0.1). Only requests from them may set
# X-Forwarded-Proto (HTTPS) and X-Forwarded-For (the client address); from anyone else these headers
# are dropped (TrustedProxyMiddleware). Empty by default: no proxy header is trusted.
TRUSTED_PROXY = [address.strip() for address in os.environ.get("TRUSTED_PROXY", "").split(",") if address.strip()]

SECURE_SSL = env_bool("SECURE_SSL", default=not DEBUG)
if SECURE_SSL:
    SECURE_SSL_REDIRECT = True
    # Honoured only from TRUSTED_PROXY: TrustedProxyMiddleware drops the header from anyone else.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Health probes come over plain HTTP from inside the host.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]


def env_rate(name: str, default: str) -> str:
    """A throttle rate such as 600/min (per second, minute, hour or day)."""
    raw = os.environ.get(name, default).strip()
    number, _, period = raw.partition("/")
    if not number.isdigit() or period not in {"s", "sec", "second", "m", "min", "minute", "h", "hour", "d", "day"}:
        raise ImproperlyConfigured(f"{name} must look like 600/min (number/second|minute|hour|day), not {raw!r}.")
    return raw


# The API (platform_survey/api/ explains each piece; docs/API.md is the guide).
REST_FRAMEWORK = {
    # Token first: an anonymous write gets 401 with "WWW-Authenticate: Token", not a bare 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "platform_survey.tokens.TokenAuthentication",  # knox: hashed keys, same header
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "platform_survey.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    # JSON only: one body format to document, validate and fuzz (the browsable API's pages would
    # also need exceptions to the CSP). Swagger UI at /api/docs/ is the browsable documentation.
    # JSON through orjson (platform_survey/api/renderers.py).
    "DEFAULT_RENDERER_CLASSES": ["platform_survey.api.renderers.JSONRenderer"],
    # JSONParser with bounds on size, depth, number of values and NUL (platform_survey/api/parsers.py).
    "DEFAULT_PARSER_CLASSES": ["platform_survey.api.parsers.BoundedJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "platform_survey.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "platform_survey.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "platform_survey.api.throttles.AnonThrottle",
        "platform_survey.api.throttles.UserThrottle",
        "platform_survey.api.throttles.ScopedThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_ANON_RATE", "600/min"),
        "user": env_rate("API_USER_RATE", "3000/min"),
    },
    # Anonymous clients are told apart by address. 0 = REMOTE_ADDR (an X-Forwarded-For header
    # could be forged to dodge the limit); behind N reverse proxies set API_NUM_PROXIES=N.
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
}

# API tokens (platform_survey/tokens.py). A year by default: a key copied into a script or a CI
# secret and then forgotten stops working within a year, while people renew at most once a year.
# 0 = never expire.
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 365)
REST_KNOX = {
    # Same header as DRF's tokens: clients keep sending "Authorization: Token <key>".
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_TTL": timedelta(days=API_TOKEN_TTL_DAYS) if API_TOKEN_TTL_DAYS else None,
    "AUTO_REFRESH": False,  # an expiry is a date a user can see on the account page, not a sliding one
}

# Bounds on API request bodies (platform_survey/api/parsers.py): larger → 413, deeper or with more
# values → 400, in the API's error shape.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 256 * 1024, minimum=1024)
API_MAX_JSON_DEPTH = env_int("API_MAX_JSON_DEPTH", 32, minimum=4)
API_MAX_JSON_ITEMS = env_int("API_MAX_JSON_ITEMS", 10000, minimum=100)

SPECTACULAR_SETTINGS = {
    "TITLE": "Platform Survey API",
    "DESCRIPTION": (
        "The container-platform knowledge base and evaluation engine. Guide with curl examples: docs/API.md.\n\n"
        "- **Language**: `Accept-Language: zh-hans` (default) or `en`. Localized fields (name, title, "
        "summary, ...) hold the text in that language; when it has no translation yet the other language "
        "is shown and the field is listed in the object's `untranslated`. Messages follow the language.\n"
        "- **Lookup** by slug everywhere; lists are paginated (`page`, `page_size` ≤ 200).\n"
        "- **Conditional GET**: every GET has `ETag` and `Last-Modified`; send them back in "
        "`If-None-Match` / `If-Modified-Since` for a `304` when nothing changed.\n"
        "- **Authentication**: `Authorization: Token <key>` (from the account page or "
        "`manage.py issue_api_token <username>`) or the browser session. Reads are public; catalog "
        "writes need a staff account.\n"
        "- **Errors** have one shape: `{status, code, message, errors}`.\n"
        "- **Throttling**: anonymous and authenticated rates; `429` with `Retry-After`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to validator.swagger.io (offline, and the CSP allows no third-party image).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Several models have a "kind" (or "status") field with different choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "TechnologyKindEnum": "catalog.models.Technology.Kind",
        "SourceKindEnum": "catalog.models.Source.Kind",
        "RelationKindEnum": "catalog.models.TechnologyRelation.Kind",
        "LessonKindEnum": "casestudies.models.Lesson.Kind",
        "QuestionKindEnum": "decisions.models.Question.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "decisions.serializers.add_answers_schema",
    ],
}

# scripts/bench mounts /bench/bytes/<n> (pre-built bytes through the middleware) as a baseline.
BENCHMARK_VIEWS = env_bool("BENCHMARK_VIEWS", default=False)

# Rate-limit counters (platform_survey/limits.py): every worker and every server must see the same
# counts, increments must be atomic, and nothing else may evict them. Redis when REDIS_URL is set
# (e.g. redis://127.0.0.1:6379/0; give it maxmemory-policy noeviction or volatile-*, as only these
# expiring counters live there), else a table of counters with atomic increments.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    _LIMITS_CACHE = {
        # Django's RedisCache with a one-round-trip atomic incr (platform_survey/cache_backends.py).
        "BACKEND": "platform_survey.cache_backends.RedisCounterCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "platform-survey",
    }
else:
    # A table of integers incremented in one statement (platform_survey/cache_backends.py).
    # Expired rows are deleted on every CLEANUP_EVERY-th new counter of a process (0: never; the
    # test run sets 0 so that its query counts are exact).
    _LIMITS_CACHE = {
        "BACKEND": "platform_survey.cache_backends.CounterCache",
        "OPTIONS": {"CLEANUP_EVERY": env_int("RATE_COUNTER_CLEANUP_EVERY", 1000)},
    }

CACHES = {
    # The response cache (platform_survey/response_cache.py): rendered pages and API reads, keyed on
    # the catalog version, in each process's own memory (no round trip; a curator's change is a new
    # key, so processes need not share it). Bounded; never holds a counter or a session.
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "responses",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # Shared by every worker (database table "django_cache", made by createcachetable), for anything
    # that needs a shared cache. The limits do not use it.
    "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"},
    "limits": _LIMITS_CACHE,
}
# django-ratelimit (the limiter's counters) uses the "limits" store; it fails closed.
RATELIMIT_USE_CACHE = "limits"

# Login brute-force protection: this many failures per username and per client address within
# the window locks further attempts out (429 with Retry-After) until the window passes.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900, minimum=1)

# Creations through the pages per client address and hour (platform_survey/creation_limits.py).
SIGNUP_LIMIT_PER_HOUR = env_int("SIGNUP_LIMIT_PER_HOUR", 10, minimum=1)
EVALUATION_START_LIMIT_PER_HOUR = env_int("EVALUATION_START_LIMIT_PER_HOUR", 60, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structured": {
            "format": "time=%(asctime)s level=%(levelname)s logger=%(name)s message=%(message)r",
        },
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "structured"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO").upper()},
}
