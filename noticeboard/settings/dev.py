"""Development: works with no environment variable set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
# E-mail goes through the queue (base.py) and then, by default, to the console.
EMAIL_TRANSPORT = env.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# --- The demo logins `make run` prints (manage.py serve) ---
# (username, what it is for); each password is the username. Only those that
# exist are printed: the demo commands create them.
NOTICEBOARD_DEMO_LOGINS = [
    ("admin", "site administrator"),
    ("moderator", "moderator"),
    ("moderator2", "a second moderator (no one approves their own change)"),
    ("volunteer", "editor of one group, whose changes wait for a moderator"),
    ("trusted", "editor of a trusted group, who publishes directly"),
    ("translator-cy", "translator into Welsh"),
    ("translator-pl", "translator into Polish"),
    ("translator-ur", "translator into Urdu"),
]
