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
    # Public responses gzipped, then the anonymous page cache, before session,
    # CSRF and locale (docs/performance.md).
    "home.compression.PublicGZipMiddleware",
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

# CDN purge: a publish asks the CDN in front to drop the page, the listings and
# the feeds that show it (home/pagecache.py, docs/performance.md). Any of an
# HTTP PURGE endpoint (Varnish, nginx), Cloudflare or CloudFront.
_frontend_cache_backends = "wagtail.contrib.frontend_cache.backends."
WAGTAILFRONTENDCACHE = {}
if env.get("CDN_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": _frontend_cache_backends + "HTTPBackend",
        "LOCATION": env["CDN_PURGE_URL"],
    }
if env.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": _frontend_cache_backends + "CloudflareBackend",
        "ZONEID": env["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": env.get("CLOUDFLARE_API_TOKEN", ""),
    }
if env.get("CLOUDFRONT_DISTRIBUTION_ID"):
    # Credentials: boto3's usual chain (AWS_ACCESS_KEY_ID … or the machine's role).
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": _frontend_cache_backends + "CloudfrontBackend",
        "DISTRIBUTION_ID": env["CLOUDFRONT_DISTRIBUTION_ID"],
    }
# Every language's address is listed by the purge itself: Wagtail's rewriting
# of /<lang>/ prefixes does not know the default language has none.
WAGTAILFRONTENDCACHE_LANGUAGES = []
# How long a page stays in the shared cache, and how long a CDN may keep it.
NOTICEBOARD_PAGE_CACHE_SECONDS = int(env.get("PAGE_CACHE_SECONDS", "300"))
NOTICEBOARD_CDN_MAX_AGE = int(env.get("CDN_MAX_AGE", "300"))
NOTICEBOARD_CDN_STALE_SECONDS = int(env.get("CDN_STALE_SECONDS", "60"))

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
# --- The site's public address: every absolute link ---
# SITE_URL is where residents reach the site. `manage.py set_site_url` writes
# it into the Wagtail Site (hostname and port), from which every absolute link
# is built: .ics, JSON-LD, og:url, the sitemap, feeds; e-mails use
# WAGTAILADMIN_BASE_URL, which follows it unless set on its own. In
# development it follows HOST and PORT (what `make run` serves on).
SITE_URL = (
    env.get("SITE_URL") or f"http://{env.get('HOST', '127.0.0.1')}:{env.get('PORT', '8000')}"
).rstrip("/")
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", SITE_URL).rstrip("/")
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
        "default": {"BACKEND": "search.backends"},
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Moderators approve but cannot publish directly; approval publishes (moderation/workflows.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "moderation.workflows.publish_approved"

# --- The admin loads nothing from another host ---
# No Gravatar: editors' avatars are the ones they upload, or initials.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

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
# Image renditions live in the default cache, written once rather than on
# every use (operations/rendition_cache.py); kept a day unless deleted.
CACHES["renditions"] = {
    "BACKEND": "operations.rendition_cache.RenditionCache",
    "LOCATION": "default",
    "TIMEOUT": 24 * 60 * 60,
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

# --- Security: login lockout, rate limits, headers, two-factor (docs/security.md) ---
# TRUSTED_PROXY_COUNT (above) says how many proxies append to X-Forwarded-For.
INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "noticeboard.two_factor.TwoFactorMiddleware",
)
# Admin views of an untranslated copy of a page the user may not read are
# refused, whatever the view (docs/security.md).
MIDDLEWARE.insert(
    MIDDLEWARE.index("noticeboard.two_factor.TwoFactorMiddleware") + 1,
    "translations.middleware.CopiesOfClosedPagesMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "noticeboard.security.SecurityHeadersMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("noticeboard.security.SecurityHeadersMiddleware") + 1,
    "noticeboard.security.HostileRequestMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes requires
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin login: locked for AXES_COOLOFF_TIME after AXES_FAILURE_LIMIT failures,
# for that user name from anywhere and for that address whatever the name.
AXES_FAILURE_LIMIT = int(env.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env.get("LOGIN_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "noticeboard.client_address.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
AXES_VERBOSE = False
# Rates as django-ratelimit writes them: "5/h" is five an hour per address.
NOTICEBOARD_SUBMISSION_RATE = env.get("SUBMISSION_RATE", "5/h")
NOTICEBOARD_PASSWORD_RESET_RATE = env.get("PASSWORD_RESET_RATE", "5/h")
# Days a public suggestion's confirmation link works; `purge_unconfirmed`
# deletes what was not confirmed by then.
NOTICEBOARD_CONFIRMATION_DAYS = int(env.get("CONFIRMATION_LINK_DAYS", "7"))
# Two-factor sign-in (TOTP) for staff; required for Site administrators,
# Moderators and superusers when this is on (on by default in production).
NOTICEBOARD_REQUIRE_2FA = env_bool("REQUIRE_2FA", False)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# A 121-megapixel image needs about 500 MB to decode; 40 megapixels (a phone
# camera's largest) stays well inside a 2 GB worker.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(env.get("WAGTAILIMAGES_MAX_IMAGE_PIXELS", "40000000"))
# Unreadable images and decompression bombs are form errors (noticeboard/uploads.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "noticeboard.uploads.SafeImageForm"
# A document's bytes must match its extension (home/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "noticeboard.uploads.SafeDocumentForm"
# The largest photo or document the public forms take (a group's conclusion).
NOTICEBOARD_PUBLIC_UPLOAD_MAX_BYTES = int(float(env.get("PUBLIC_UPLOAD_MAX_MB", "5")) * 1024 * 1024)
# Response headers (noticeboard/security.py): one Content-Security-Policy for
# the public site, another for the Wagtail admin.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
