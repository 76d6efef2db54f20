"""Settings shared by every environment.

Every deployment choice is read from an environment variable with a safe
default, so development needs none set and production never needs a settings
file edited (see README, "Configuration").
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

env = os.environ.copy()

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    return [item.strip() for item in env.get(name, default).split(",") if item.strip()]


def _languages(codes, default):
    """[(code, name in that language), …] with ``default`` first."""
    from django.conf.locale import LANG_INFO

    ordered = [default]
    for code in codes.split(","):
        code = code.strip().lower()
        if code and code not in ordered:
            ordered.append(code)
    return [(code, LANG_INFO.get(code, {}).get("name_local", code)) for code in ordered]


def env_bool(name, default=False):
    value = env.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    # Project apps: home is the base the others build on (docs/architecture.md).
    "home",
    "groups",
    "events",
    "news",
    "search",
    "moderation",
    # Languages, translators and the translation report (composes the apps above).
    "translations",
    # Have your say: questions, answers, groups' conclusions and replies (composes the apps above).
    "participation",
    # The demo town and its commands (the top layer: nothing imports it).
    "demo",
    # Translation of content.
    "wagtail_localize",
    "wagtail_localize.locales",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    "django_filters",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous page cache, before session, CSRF and locale (docs/performance.md).
    "home.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "noticeboard.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "noticeboard.wsgi.application"

# SQLite in the checkout unless DATABASE_URL names another database
# (postgres://user:pass@host:5432/name in production and in CI).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache (Redis) once the site runs on more than one machine.
if env.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time. Times are stored in UTC and shown in the site's zone.
LANGUAGE_CODE = "en"
TIME_ZONE = env.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True
# The languages of the site, from NOTICEBOARD_LANGUAGES (comma-separated codes;
# English is always first, the default). Adding a language is this variable,
# `manage.py sync_locales` and a translation job (docs/translations.md).
# Each language is named in itself ("Cymraeg"), as a switcher should.
LANGUAGES = _languages(env.get("NOTICEBOARD_LANGUAGES", "en,cy,pl,ur"), LANGUAGE_CODE)
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Translating a live page must not publish the translation: it goes through
# moderation like any other change (translations/, docs/translations.md).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Static files and media.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = env.get("MEDIA_URL", "/media/")
# Serve uploaded media from the application itself: for a single machine or
# container with no web server in front. Off by default in production, where
# the web server or object storage should serve MEDIA_ROOT.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: console in development, SMTP in production (see production.py).
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "Noticeboard <noreply@localhost>")
SERVER_EMAIL = env.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Wagtail.
WAGTAIL_SITE_NAME = env.get("SITE_NAME", "Noticeboard")
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Search: the database backend (SQLite FTS5, PostgreSQL full-text search) by
# default. A site that outgrows it sets SEARCH_BACKEND_URL to an Elasticsearch
# server (https://user:password@search.example.org:9200) and installs the
# matching client package; see docs/search.md.
SEARCH_BACKENDS = {
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
}
if env.get("SEARCH_BACKEND", "").startswith("opensearch"):
    raise ImproperlyConfigured(
        "OpenSearch is not supported yet: its client (opensearch-py) depends on the "
        "package Events, whose top-level module 'events' collides with this project's "
        "events app. Use an Elasticsearch server or the database (docs/operations.md)."
    )
if env.get("SEARCH_BACKEND_URL"):
    if env.get("SEARCH_BACKEND", "elasticsearch8") not in SEARCH_BACKENDS:
        raise ImproperlyConfigured(f"SEARCH_BACKEND must be one of {', '.join(SEARCH_BACKENDS)}.")
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": SEARCH_BACKENDS[env.get("SEARCH_BACKEND", "elasticsearch8")],
            "URLS": env_list("SEARCH_BACKEND_URL"),
            "INDEX": env.get("SEARCH_INDEX", "noticeboard"),
            "TIMEOUT": int(env.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"},
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Moderators approve but cannot publish directly; approval publishes (moderation/workflows.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "moderation.workflows.publish_approved"

# How many items a listing page shows.
NOTICEBOARD_PAGE_SIZE = int(env.get("NOTICEBOARD_PAGE_SIZE", "20"))
# How far ahead occurrences of an event are written (see events/occurrences.py).
NOTICEBOARD_OCCURRENCE_HORIZON_DAYS = int(env.get("NOTICEBOARD_OCCURRENCE_HORIZON_DAYS", "365"))


# --- Operations: several servers, background work, resilience, logs (docs/operations.md)
INSTALLED_APPS += ["operations", "django_tasks", "django_tasks_db"]
# Probes are answered before anything else (no host check, HTTPS redirect or
# page cache in the way); then every request gets an id for the logs.
MIDDLEWARE = [
    "operations.health.HealthCheckMiddleware",
    "operations.observability.RequestIdMiddleware",
    *MIDDLEWARE,
]
# What /ready/ checks; a site that prefers to keep serving while Redis is down
# can leave "cache" out, so the load balancer does not take every server away.
READY_CHECKS = env_list("READY_CHECKS", "database,cache,storage")
if unknown := set(READY_CHECKS) - {"database", "cache", "storage"}:
    raise ImproperlyConfigured(f"READY_CHECKS: unknown part(s) {', '.join(sorted(unknown))}.")

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process, the worker and the scheduler share the file: WAL lets
    # them read while one writes, IMMEDIATE takes the write lock up front (no
    # deadlock on upgrade) and a writer waits up to 20 s instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails a request (and /ready/) in seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(env.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )

# Cache keys carry a prefix, so several sites can share one Redis.
CACHE_KEY_PREFIX = env.get("CACHE_KEY_PREFIX", "")
CACHES["default"]["KEY_PREFIX"] = CACHE_KEY_PREFIX
if env.get("REDIS_URL"):
    # A Redis that is down or slow is a cache miss, logged once (operations/cache.py).
    redis_timeout = float(env.get("REDIS_TIMEOUT", "0.5"))
    CACHES["default"] = {
        "BACKEND": "operations.cache.ResilientRedisCache",
        "LOCATION": env["REDIS_URL"],
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": redis_timeout, "SOCKET_TIMEOUT": redis_timeout},
    }
# Sessions stay in the database (Django's default), so logins survive a Redis outage.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Media on S3-compatible object storage, shared by every server. Documents are
# always streamed through the site, which checks their collection's privacy:
# the bucket need only make original_images/ and images/ public, never
# documents/ (docs/operations.md).
if env.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env.get("AWS_S3_REGION_NAME") or None,
            "access_key": env.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env.get("AWS_SECRET_ACCESS_KEY") or None,
            "custom_domain": env.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "url_protocol": env.get("AWS_S3_URL_PROTOCOL", "https:"),
            # Path-style addresses for S3-compatible stores at their own endpoint (MinIO).
            "addressing_style": env.get(
                "AWS_S3_ADDRESSING_STYLE", "path" if env.get("AWS_S3_ENDPOINT_URL") else "auto"
            ),
            # Plain, cacheable URLs for images; uploads never overwrite each other.
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Background work (django-tasks; Wagtail routes its own tasks here too):
# "database" queues tasks in the database for `manage.py db_worker`;
# "immediate" runs them inside the request (tests, one-off commands).
TASKS_BACKEND = env.get("TASKS_BACKEND", "database")
TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}

# Every e-mail goes through the queue (moderation/mail.py); EMAIL_TRANSPORT is
# what the worker then hands it to (set per environment: console, SMTP).
EMAIL_BACKEND = "moderation.mail.QueuedEmailBackend"
EMAIL_TRANSPORT = env.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The wait before the first retry of a failed e-mail; it doubles each time.
MAIL_RETRY_SECONDS = int(env.get("MAIL_RETRY_SECONDS", "60"))
# Sent e-mails are deleted after this many days (they hold residents' addresses).
SENT_MAIL_RETENTION_DAYS = int(env.get("SENT_MAIL_RETENTION_DAYS", "30"))

# The visitor's address behind TRUSTED_PROXY_COUNT proxies (noticeboard/client_address.py),
# for the rate limits and the logs.
TRUSTED_PROXY_COUNT = int(env.get("TRUSTED_PROXY_COUNT", "0"))
RATELIMIT_IP_META_KEY = "noticeboard.client_address.client_ip"
# With the cache unreachable the rate limit cannot count: let residents'
# suggestions through (they still need a confirmed address) rather than refuse all.
RATELIMIT_FAIL_OPEN = True

# Logs: text or JSON (LOG_FORMAT=json) on the console, with a request id,
# e-mail addresses masked (operations/observability.py).
LOG_LEVEL = env.get("LOG_LEVEL", "INFO")
LOG_FORMAT = env.get("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")


def logging_settings(level, log_format, admins_backend=None):
    """The LOGGING setting: the console (text or JSON), e-mail addresses masked
    and a request id on every line (operations/observability.py); errors also
    mailed to ADMINS through ``admins_backend`` when it is given."""
    filters = ["request_id", "mask_emails"]
    handlers = {
        "console": {"class": "logging.StreamHandler", "filters": filters, "formatter": log_format}
    }
    if admins_backend:
        handlers["mail_admins"] = {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", *filters],
            # Straight to the mail server, not the queue: an error may be the
            # database's, where the queue lives.
            "email_backend": admins_backend,
            "include_html": False,
        }
    quiet = {"handlers": ["console"], "level": "WARNING", "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "operations.observability.RequestIdFilter"},
            "mask_emails": {"()": "operations.observability.MaskEmailsFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {
            "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
        },
        "handlers": handlers,
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Wagtail runs search-index updates as tasks; their start/finish lines are noise.
            "django_tasks": quiet,
            "modelsearch": quiet,
            "django": {"handlers": list(handlers), "level": level, "propagate": False},
            # One line per request: in JSON logs; in text, runserver and
            # gunicorn's access log already print one.
            "noticeboard.request": {
                "handlers": ["console"],
                "level": "INFO" if log_format == "json" else "WARNING",
                "propagate": False,
            },
        },
    }


LOGGING = logging_settings(LOG_LEVEL, LOG_FORMAT)

# Errors: to Sentry when SENTRY_DSN is set (started by operations/apps.py);
# otherwise mailed to ADMINS (production.py), comma-separated addresses.
ADMINS = [("", address) for address in env_list("ADMINS")]
SENTRY_DSN = env.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = env.get("SENTRY_ENVIRONMENT", "")
SENTRY_RELEASE = env.get("SENTRY_RELEASE", "")
SENTRY_TRACES_SAMPLE_RATE = float(env.get("SENTRY_TRACES_SAMPLE_RATE", "0"))
