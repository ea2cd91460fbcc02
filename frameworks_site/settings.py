"""Settings for the frameworks catalog, read from the environment.

Development works with no configuration at all. With DJANGO_DEBUG=false the site
refuses to start until it has a real secret key and allowed hosts, and turns on the
settings that ``manage.py check --deploy`` asks for.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from frameworks_site.caches import fail_open

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# DJANGO_ENV_FILE names another file, or none when empty (the settings tests).
ENV_FILE = env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)

# --- Core ------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/ref/settings/#debug
DEBUG = env.bool("DJANGO_DEBUG", default=True)

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
# An empty value (as in a copied .env.example) counts as unset.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

if not DEBUG:
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG is false: set DJANGO_SECRET_KEY to a random string of at "
            "least 50 characters (python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG is false: set DJANGO_ALLOWED_HOSTS to the site's host "
            "names, separated by commas."
        )

INSTALLED_APPS = [
    "catalog.apps.CatalogAdminConfig",  # django.contrib.admin with our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "simple_history",
    "axes",
    "csp",
    "catalog",
]

MIDDLEWARE = [
    "frameworks_site.health.HealthCheckMiddleware",
    # Early, as django-cors-headers asks: before anything that may answer.
    "frameworks_site.cors.ReadOnlyCorsMiddleware",
    # Inside CORS (whose headers follow each request's Origin, so are never
    # stored) and outside the rest: a page is stored with the security headers
    # the middleware below gave it, and one from the cache costs no other work.
    "frameworks_site.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "frameworks_site.content_security.CSPMiddleware",
    "frameworks_site.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "catalog.revisions.RevisionMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "frameworks_site.urls"
WSGI_APPLICATION = "frameworks_site.wsgi.application"

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
                "catalog.context_processors.site_links",
            ],
        },
    },
]

# --- Database and cache ----------------------------------------------------
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
# Production keeps each worker's connection for a minute rather than opening
# one per request (a few milliseconds each on PostgreSQL), and checks a kept
# connection is alive before a request uses it.
# https://docs.djangoproject.com/en/5.2/ref/databases/#persistent-connections
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "DJANGO_CONN_MAX_AGE", default=0 if DEBUG else 60
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails a request in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DJANGO_DB_CONNECT_TIMEOUT", default=5)
    )
# While the database is unreachable, pages and the API answer 503 with this
# Retry-After (frameworks_site/outages.py), as does /readyz.
OUTAGE_RETRY_AFTER = env.int("DJANGO_OUTAGE_RETRY_AFTER", default=30)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-cache-url
# A cache outage is logged and ignored (frameworks_site/caches.py).
# https://github.com/jazzband/django-redis#memcached-exceptions-behavior
CACHES = {
    "default": fail_open(
        env.cache_url("CACHE_URL", default="locmemcache://"),
        timeout=env.float("CACHE_SOCKET_TIMEOUT", default=0.5),
    )
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Whole pages for anonymous readers (frameworks_site/page_cache.py), kept for
# PAGE_CACHE_SECONDS (0 turns the page cache off) and dropped at once when the
# catalog changes; the last good copy of each, served while the database is
# unreachable, for PAGE_CACHE_LAST_GOOD_SECONDS. With several workers the
# cache must be shared (CACHE_URL=redis://...), or a worker keeps serving a page
# another worker's change made old until it expires.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_LAST_GOOD_SECONDS = env.int(
    "PAGE_CACHE_LAST_GOOD_SECONDS", default=7 * 24 * 3600
)
DJANGO_REDIS_LOGGER = "frameworks_site.caches"
# Parts of pages kept rendered per content version for every reader
# (catalog/fragments.py), for FRAGMENT_CACHE_SECONDS at most (0 turns them off).
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=600)

# --- Authentication --------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "admin:login"

# Brute force: after AXES_FAILURE_LIMIT wrong passwords for one account from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES (429 and a page that
# says so). Attempts are kept in the database, shared by every worker.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.float("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "frameworks_site.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "frameworks_site.clients.client_address"

# --- Internationalisation --------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------
# https://whitenoise.readthedocs.io/en/stable/django.html
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security --------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a proxy that terminates TLS and appends the client's address to
# X-Forwarded-For; without one, that header comes from clients and is ignored.
BEHIND_TLS_PROXY = env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading commits the domain and its subdomains to HTTPS in browsers'
    # built-in lists for months: the site's owner opts in.
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]  # "preload is not set"
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Content-Security-Policy: scripts and styles come from this site only, never
# inline; the API docs' own inline styles carry a per-request nonce. Browsers
# report what it blocks to /csp-report/ (frameworks_site/csp_reports.py), which
# logs at most CSP_REPORT_RATE reports per address.
# https://django-csp.readthedocs.io/en/latest/configuration.html
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": "/csp-report/",
    }
}
CSP_REPORT_RATE = env.str("CSP_REPORT_RATE", default="30/minute") or None
# Permissions-Policy: browser features the site never uses, denied to its pages.
DENIED_FEATURES = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

# --- Logging ---------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", "INFO")},
    # Replaces Django's own console handler, which would print every line twice.
    "loggers": {"django": {"handlers": ["console"], "propagate": False}},
}

# --- API ---------------------------------------------------------------------
# https://www.django-rest-framework.org/api-guide/settings/
REST_FRAMEWORK = {
    # Token first, so an anonymous write is a 401 that names the scheme to use.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "catalog.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reading is open; writing needs the model's add/change/delete permission.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"
    ],
    "DEFAULT_THROTTLE_CLASSES": ["catalog.api.throttling.AnonRateThrottle"],
    # Throttle by the address the proxy saw (the last in X-Forwarded-For), or
    # with no proxy by REMOTE_ADDR; never by addresses a client makes up.
    # django-axes tells clients apart the same way (frameworks_site/clients.py).
    "NUM_PROXIES": 1 if BEHIND_TLS_PROXY else 0,
    "DEFAULT_PARSER_CLASSES": [
        "catalog.api.parsers.JSONParser",
        # Forms, for the browsable API.
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "catalog.api.negotiation.ContentNegotiation",
    "DEFAULT_PAGINATION_CLASS": "catalog.api.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": ["catalog.api.filters.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "catalog.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "catalog.api.errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,  # usage shares are JSON numbers
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Requests per anonymous client (by IP), counted in the default cache, which
# must be shared (CACHE_URL=redis://...) when several workers serve the site.
API_ANON_RATE = env.str("API_ANON_RATE", default="120/minute") or None
# Wrong API tokens per client address; past it, token requests from that address
# get 429 until the oldest failure is older than the period.
API_TOKEN_FAILURE_RATE = env.str("API_TOKEN_FAILURE_RATE", default="20/hour") or None

# https://drf-spectacular.readthedocs.io/en/latest/settings.html
# Read-only CORS on the API (django-cors-headers): any site's page may GET the
# data; no cookies are sent along, and writes stay same-origin
# (frameworks_site/cors.py).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Content-Disposition"]

SPECTACULAR_SETTINGS = {
    "TITLE": "Python frameworks catalog API",
    "DESCRIPTION": "Frameworks, their usage shares by year, advantages, "
    "disadvantages, use cases, features and relations. Reading is open to everyone; "
    "editors write with a session or `Authorization: Token <key>`. Errors are "
    "JSON: `detail` says what to fix, `errors` names each field or parameter. "
    "Query parameters and body fields an operation does not list are refused "
    "with a 400 that names those it takes; a slug that names nothing is a 404.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema documents JSON bodies; forms are for the browsable API's pages.
    "PARSER_WHITELIST": ["catalog.api.parsers.JSONParser"],
    "COMPONENT_SPLIT_REQUEST": True,
    # JSON only: ?format=csv (catalog/api/tables.py) is a download, not a body
    # the schema describes.
    "RENDERER_WHITELIST": ["rest_framework.renderers.JSONRenderer"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No calls from readers' browsers to validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    # Sections in a reader's order (frameworks, compare, usage, the rest).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "catalog.api.docs_content.tag_order",
    ],
    "ENUM_NAME_OVERRIDES": {
        "SourceKindEnum": "catalog.models.Source.Kind",
        "RelationKindEnum": "catalog.models.Relation.Kind",
    },
}

# --- Package facts -----------------------------------------------------------
# The JSON API base of the Python Package Index or a compatible mirror: the
# address before /<project>/json. No default: syncpackages says what to set.
PACKAGE_INDEX_URL = env.str("PACKAGE_INDEX_URL", default="")
# Facts fetched longer ago than this are shown as possibly out of date.
PACKAGE_FACTS_MAX_AGE = timedelta(days=env.int("PACKAGE_FACTS_MAX_AGE_DAYS", default=7))

# JSON dumps (fixtures, manage.py backup) keep times to the microsecond.
SERIALIZATION_MODULES = {"json": "frameworks_site.json_serializer"}

# --- Edit history ----------------------------------------------------------
# https://django-simple-history.readthedocs.io/en/latest/
# Every write is one revision; catalog.revisions explains.
# Name the editor of each change on the public /changes/ page and its feed.
CHANGES_SHOW_EDITORS = env.bool("CHANGES_SHOW_EDITORS", default=False)

# --- Readers' suggestions -------------------------------------------------------
# Suggestions of a missing framework per client address (catalog/suggestions.py),
# counted in the default cache like the API's throttles; empty turns it off.
SUGGESTION_RATE = env.str("SUGGESTION_RATE", default="5/hour") or None
