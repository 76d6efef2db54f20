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
    # Project apps: home is the base the others build on (see ARCHITECTURE).
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
# or OpenSearch server (https://user:password@search.example.org:9200) and
# installs the matching client package; see docs/search.md.
SEARCH_BACKENDS = {
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
}
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

# --- The admin loads nothing from another host ---
# No Gravatar: editors' avatars are the ones they upload, or initials.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# How many items a listing page shows.
NOTICEBOARD_PAGE_SIZE = int(env.get("NOTICEBOARD_PAGE_SIZE", "20"))
# How far ahead occurrences of an event are written (see events/occurrences.py).
NOTICEBOARD_OCCURRENCE_HORIZON_DAYS = int(env.get("NOTICEBOARD_OCCURRENCE_HORIZON_DAYS", "365"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Wagtail runs search-index updates as tasks; their start/finish lines are noise.
        "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "modelsearch": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django": {
            "handlers": ["console"],
            "level": env.get("LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
