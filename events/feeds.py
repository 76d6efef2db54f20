"""iCalendar feeds of events (subscribable) and their cache."""

from django.core.cache import cache

FEED_VERSION_KEY = "events:feed-version"


def feed_version():
    return cache.get_or_set(FEED_VERSION_KEY, 1, timeout=None)


def bump_feed_version():
    """Publishing, unpublishing or deleting an event invalidates every cached feed."""
    try:
        cache.incr(FEED_VERSION_KEY)
    except ValueError:
        cache.set(FEED_VERSION_KEY, 2, timeout=None)
