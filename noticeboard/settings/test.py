"""Tests: fast password hashing, in-memory e-mail, no DEBUG."""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test suite must not depend on collectstatic having run.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.get("TEST_MEDIA_ROOT", "/tmp/noticeboard-test-media")
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files from the app folders, so tests can fetch the stylesheet.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
