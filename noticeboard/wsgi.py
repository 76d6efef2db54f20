"""WSGI entry point: ``gunicorn noticeboard.wsgi``.

Production settings are the default here; development uses manage.py, which
defaults to the dev settings.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noticeboard.settings.production")

application = get_wsgi_application()
