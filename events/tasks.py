"""Background work for events, run by the task worker (django-tasks)."""

from django.conf import settings
from django.utils import translation
from django_tasks import task


@task()
def rebuild_site_feeds():
    """Build the default site-wide feed in every language into the cache after
    a change, so the calendar apps' next polls do not wait for it."""
    from .views import build_site_feed, cached_feed, site_feed_key

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        with translation.override(code):
            cached_feed(site_feed_key(""), lambda: build_site_feed(""))
