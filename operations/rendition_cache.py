"""Wagtail's cache of image renditions (``CACHES["renditions"]``): the default
cache, without writing back what was just read from it.

Wagtail's ``Image.get_rendition`` (what the ``{% image %}`` tag calls) stores
the rendition it found on every use, even one it has just read from this
cache or from a prefetch: with Redis, a round trip per image per page built,
20 on a page of the directory, whose logos' renditions are prefetched in one
query. Wagtail marks prefetched renditions ``_from_cache`` so that they are
not written back, but only its ``get_renditions`` reads the mark. Here a
rendition read from the cache is marked too, and a marked one is not written
again; a rendition new to the cache (created, or read from the database) is.

Renditions are kept ``TIMEOUT`` (a day in the settings): a rendition is not
rewritten on use, so its entry expires and is read from the database once a
day. Wagtail deletes the entry with the rendition (a new file deletes an
image's renditions), and a changed focal point makes renditions of another
key, so an entry is never out of date.
"""

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache


class RenditionCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)
        # The cache the renditions live in: the site's default (Redis in
        # production, so every server shares them).
        self._alias = location or "default"

    @property
    def _cache(self):
        return caches[self._alias]

    def _timeout(self, timeout):
        return self.default_timeout if timeout is DEFAULT_TIMEOUT else timeout

    def get(self, key, default=None, version=None):
        value = self._cache.get(key, default, version=version)
        if value is not default:
            _mark_read(value)
        return value

    def get_many(self, keys, version=None):
        found = self._cache.get_many(keys, version=version)
        for value in found.values():
            _mark_read(value)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if getattr(value, "_from_cache", False):
            return
        self._cache.set(key, value, self._timeout(timeout), version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        new = {
            key: value for key, value in data.items() if not getattr(value, "_from_cache", False)
        }
        if not new:
            return []
        return self._cache.set_many(new, self._timeout(timeout), version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._cache.add(key, value, self._timeout(timeout), version=version)

    def delete(self, key, version=None):
        return self._cache.delete(key, version=version)

    def delete_many(self, keys, version=None):
        return self._cache.delete_many(keys, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._cache.touch(key, self._timeout(timeout), version=version)

    def has_key(self, key, version=None):
        return self._cache.has_key(key, version=version)

    def clear(self):
        # Renditions share the default cache: only their own entries could be
        # cleared, and Wagtail never asks to.
        raise NotImplementedError("Clear the default cache instead.")


def _mark_read(value):
    try:
        value._from_cache = True
    except AttributeError:
        pass
