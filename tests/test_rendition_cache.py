"""Image renditions are written to the cache once, not on every use
(operations/rendition_cache.py), and still follow a change of the image."""

import pytest
import wagtail_factories
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Rendition


class CountingWrites:
    """Counts the writes that reach the default cache."""

    def __init__(self, monkeypatch):
        self.keys = []
        default = caches["default"]
        original = default.set

        def set(key, value, *args, **kwargs):
            self.keys.append(key)
            return original(key, value, *args, **kwargs)

        monkeypatch.setattr(default, "set", set)


@pytest.mark.django_db
def test_a_rendition_is_written_to_the_cache_once_then_read_from_it(monkeypatch):
    image = wagtail_factories.ImageFactory()
    writes = CountingWrites(monkeypatch)
    first = image.get_rendition("fill-160x160")
    assert len(writes.keys) == 1  # new to the cache: written
    for _ in range(3):
        fresh = type(image).objects.get(pk=image.pk)  # as each page built reads it
        with CaptureQueriesContext(connection) as queries:
            again = fresh.get_rendition("fill-160x160")
        assert again.pk == first.pk and again.url == first.url
        assert len(queries) == 0  # from the cache, not the database
    assert len(writes.keys) == 1  # and never written back


@pytest.mark.django_db
def test_a_prefetched_rendition_is_not_written_to_the_cache(monkeypatch):
    image = wagtail_factories.ImageFactory()
    image.get_rendition("fill-160x160")
    writes = CountingWrites(monkeypatch)
    prefetched = type(image).objects.prefetch_renditions("fill-160x160").get(pk=image.pk)
    prefetched.get_rendition("fill-160x160")
    assert writes.keys == []


@pytest.mark.django_db
def test_a_changed_focal_point_gives_a_new_rendition_and_a_deleted_one_leaves_the_cache():
    image = wagtail_factories.ImageFactory(width=640, height=480)
    before = image.get_rendition("fill-100x100")
    image.focal_point_x, image.focal_point_y = 600, 400
    image.focal_point_width = image.focal_point_height = 20
    image.save()
    after = type(image).objects.get(pk=image.pk).get_rendition("fill-100x100")
    assert after.pk != before.pk
    key = after.get_cache_key()
    assert caches["renditions"].get(key) is not None
    Rendition.objects.filter(pk=after.pk).delete()
    after.purge_from_cache()  # what Wagtail's post_delete handler does
    assert caches["renditions"].get(key) is None
    rebuilt = type(image).objects.get(pk=image.pk).get_rendition("fill-100x100")
    assert rebuilt.pk != after.pk
