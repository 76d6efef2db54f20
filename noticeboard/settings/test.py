"""Tests: fast password hashing, in-memory e-mail, no DEBUG."""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The queue (moderation/mail.py) delivers into the same outbox.
EMAIL_TRANSPORT = "django.core.mail.backends.locmem.EmailBackend"
# Background tasks run at once, inside the test.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
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
# Security: the login lockout and two-step sign-in are off except in the tests of them.
AXES_ENABLED = False
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
NOTICEBOARD_REQUIRE_2FA = False
