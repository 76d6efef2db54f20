"""Production settings come from the environment and refuse to start without a secret key.

Each case imports the settings in a fresh interpreter, since settings are read
once per process and the test process already runs on the test settings.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Prints the settings a deployment cares about as JSON.
READ_SETTINGS = """
import json
from django.conf import settings
settings.DEBUG  # force the settings module to load
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "DB_ENGINE": db["ENGINE"],
    "DB_NAME": db["NAME"],
    "DB_HOST": db["HOST"],
    "DB_PORT": db["PORT"],
    "DB_USER": db["USER"],
    "STATICFILES_STORAGE": settings.STORAGES["staticfiles"]["BACKEND"],
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_TRANSPORT": settings.EMAIL_TRANSPORT,
    "EMAIL_HOST": settings.EMAIL_HOST,
    "EMAIL_PORT": settings.EMAIL_PORT,
    "EMAIL_USE_TLS": settings.EMAIL_USE_TLS,
    "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    "MEDIA_URL": settings.MEDIA_URL,
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
}))
"""


def run_with_production_settings(**environ):
    """Import the production settings in a new interpreter with exactly these variables."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "noticeboard.settings.production",
        **environ,
    }
    return subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_production_settings()

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_blank_secret_key():
    result = run_with_production_settings(SECRET_KEY="   ")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_reads_hosts_origins_and_database_from_the_environment():
    result = run_with_production_settings(
        SECRET_KEY="a-long-random-string-for-this-test-only",
        ALLOWED_HOSTS="noticeboard.example.org, www.noticeboard.example.org",
        CSRF_TRUSTED_ORIGINS="https://noticeboard.example.org",
        DATABASE_URL="postgres://nb:secret@db.example.org:5433/noticeboard",
    )

    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["noticeboard.example.org", "www.noticeboard.example.org"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == ["https://noticeboard.example.org"]
    assert settings["DB_ENGINE"] == "django.db.backends.postgresql"
    assert settings["DB_NAME"] == "noticeboard"
    assert settings["DB_HOST"] == "db.example.org"
    assert settings["DB_PORT"] == 5433
    assert settings["DB_USER"] == "nb"


def test_production_reads_mail_media_and_cache_from_the_environment():
    result = run_with_production_settings(
        SECRET_KEY="a-long-random-string-for-this-test-only",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
        DEFAULT_FROM_EMAIL="Noticeboard <hello@example.org>",
        MEDIA_ROOT="/srv/noticeboard/media",
        MEDIA_URL="https://media.example.org/",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )

    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    # Every e-mail is queued, then handed to SMTP by the worker (moderation/mail.py).
    assert settings["EMAIL_BACKEND"] == "moderation.mail.QueuedEmailBackend"
    assert settings["EMAIL_TRANSPORT"] == "django.core.mail.backends.smtp.EmailBackend"
    assert settings["EMAIL_HOST"] == "smtp.example.org"
    assert settings["EMAIL_PORT"] == 587
    assert settings["EMAIL_USE_TLS"] is True
    assert settings["DEFAULT_FROM_EMAIL"] == "Noticeboard <hello@example.org>"
    assert settings["MEDIA_ROOT"] == "/srv/noticeboard/media"
    assert settings["MEDIA_URL"] == "https://media.example.org/"
    # Redis through django-redis, degrading to a miss when it is down (operations/cache.py).
    assert settings["CACHE_BACKEND"] == "operations.cache.ResilientRedisCache"


def test_production_defaults_are_safe_with_only_a_secret_key():
    result = run_with_production_settings(SECRET_KEY="a-long-random-string-for-this-test-only")

    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["localhost"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == []
    assert settings["DB_ENGINE"] == "django.db.backends.sqlite3"
    assert settings["STATICFILES_STORAGE"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True


def test_uploaded_media_is_served_only_when_asked(tmp_path):
    """SERVE_MEDIA=true lets a lone container show uploaded images; off by default."""
    code = (
        "import django; django.setup()\n"
        "from django.urls import Resolver404, resolve\n"
        "try:\n"
        "    print(resolve('/media/logo.png').func.__module__)\n"
        "except Resolver404:\n"
        "    print('not found')\n"
    )
    base = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "noticeboard.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "MEDIA_ROOT": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    served = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, "SERVE_MEDIA": "true"},
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        check=True,
    )
    not_served = subprocess.run(
        [sys.executable, "-c", code],
        env=base,
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        check=True,
    )
    assert served.stdout.strip() == "django.views.static"
    assert not_served.stdout.strip() == "not found"


READ_SEARCH_SETTINGS = """
import json
from django.conf import settings
print(json.dumps(settings.WAGTAILSEARCH_BACKENDS["default"]))
"""


def search_settings(**environ):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "noticeboard.settings.production",
        "SECRET_KEY": "a-long-random-string-for-this-test-only",
        **environ,
    }
    result = subprocess.run(
        [sys.executable, "-c", READ_SEARCH_SETTINGS],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_search_uses_the_database_unless_a_search_server_is_given():
    # Wagtail's database backend, its SQLite ranking in one pass (search/backends.py).
    assert search_settings() == {"BACKEND": "search.backends"}


def test_search_switches_to_elasticsearch_by_environment_variable():
    backend = search_settings(SEARCH_BACKEND_URL="https://search.example.org:9200")
    assert backend["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert backend["URLS"] == ["https://search.example.org:9200"]
    assert backend["INDEX"] == "noticeboard"
    backend = search_settings(
        SEARCH_BACKEND_URL="http://a:9200,http://b:9200",
        SEARCH_BACKEND="elasticsearch9",
        SEARCH_INDEX="town",
    )
    assert backend["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert backend["URLS"] == ["http://a:9200", "http://b:9200"]
    assert backend["INDEX"] == "town"


def test_opensearch_is_refused_with_the_reason():
    """Its client needs a package whose top-level module is named ``events``."""
    result = subprocess.run(
        [sys.executable, "-c", READ_SEARCH_SETTINGS],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "noticeboard.settings.production",
            "SECRET_KEY": "a-long-random-string-for-this-test-only",
            "SEARCH_BACKEND_URL": "http://a:9200",
            "SEARCH_BACKEND": "opensearch2",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "OpenSearch is not supported yet" in result.stderr
    assert "events app" in result.stderr
