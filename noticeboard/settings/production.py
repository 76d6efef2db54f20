"""Production: everything from the environment; refuses to start without a secret key.

The variables are listed in the README ("Configuration"). The defaults assume
the usual deployment: gunicorn behind a proxy that terminates TLS and sets
X-Forwarded-Proto.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ADMINS,
    DATABASES,
    LOG_FORMAT,
    LOG_LEVEL,
    SENTRY_DSN,
    STORAGES,
    env,
    env_bool,
    env_list,
    logging_settings,
)

DEBUG = False

SECRET_KEY = env.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without it: "
        "set the SECRET_KEY environment variable to a long random string, e.g. the output of "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

# Comma-separated: ALLOWED_HOSTS=noticeboard.example.org,www.noticeboard.example.org
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost")
# Comma-separated, with scheme: CSRF_TRUSTED_ORIGINS=https://noticeboard.example.org
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- The site's public address ---
# Unless SITE_URL is set, the address residents use: HTTPS on the first of
# ALLOWED_HOSTS (the host the site answers to).
_first_host = ALLOWED_HOSTS[0].lstrip(".") if ALLOWED_HOSTS else "*"
SITE_URL = (
    env.get("SITE_URL") or f"https://{_first_host if _first_host != '*' else 'localhost'}"
).rstrip("/")
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", SITE_URL).rstrip("/")

# Keep database connections open between requests, and check them before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = int(env.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Static files: compressed, with hashed names, served by whitenoise.
# `manage.py collectstatic` must run first (the Dockerfile does it at build time).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS. The proxy in front terminates TLS and says so in X-Forwarded-Proto;
# plain-HTTP requests are redirected. Set SECURE_SSL_REDIRECT=false and the two
# *_COOKIE_SECURE=false only to try the site over plain HTTP.
if env_bool("SECURE_PROXY_SSL_HEADER", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)

# --- Security (docs/security.md): HSTS and two-step sign-in on unless turned off ---
# HSTS tells browsers to refuse plain HTTP to this host for a year; set
# SECURE_HSTS_SECONDS=0 where the TLS proxy sends it instead. Preloading is a
# commitment made by submitting the domain to hstspreload.org, which only the
# operator can make, so its reminder (W021) is the one check silenced.
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = ["security.W021"]
NOTICEBOARD_REQUIRE_2FA = env_bool("REQUIRE_2FA", True)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview panel sets SAMEORIGIN on its own views.

# E-mail over SMTP, through the queue (base.py, moderation/mail.py).
EMAIL_TRANSPORT = env.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(env.get("EMAIL_TIMEOUT", "20"))
EMAIL_SUBJECT_PREFIX = env.get("EMAIL_SUBJECT_PREFIX", "[Noticeboard] ")

# --- Operations: errors mailed to ADMINS when there is no Sentry (docs/operations.md)
if ADMINS and not SENTRY_DSN:
    LOGGING = logging_settings(LOG_LEVEL, LOG_FORMAT, admins_backend=EMAIL_TRANSPORT)
