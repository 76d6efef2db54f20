"""Image renditions are written to the cache once, not on every use
(operations/rendition_cache.py), and still follow a change of the image."""

import re

import pytest
import wagtail_factories
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Rendition

from .factories import NewsPageFactory, publish


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


class CountingReads:
    """Counts the reads of renditions from the cache: each a Redis round trip
    in production (a ``get_many`` is one; the local-memory cache of the tests
    answers it with a ``get`` per key, not counted again)."""

    def __init__(self, monkeypatch):
        self.count = 0
        self._inside = False
        default = caches["default"]
        for name in ("get", "get_many"):
            original = getattr(default, name)

            def read(keys, *args, _original=original, **kwargs):
                names = [keys] if isinstance(keys, str) else list(keys)
                if self._inside or not any(k.startswith("wagtail-rendition-") for k in names):
                    return _original(keys, *args, **kwargs)
                self.count += 1
                self._inside = True
                try:
                    return _original(keys, *args, **kwargs)
                finally:
                    self._inside = False

            monkeypatch.setattr(default, name, read)


def _pictures(*pages):
    for page in pages:
        page.image = wagtail_factories.ImageFactory()
        publish(page)


@pytest.mark.django_db
def test_a_list_reads_its_pictures_renditions_from_the_cache_in_one_round_trip(
    client, site_tree, monkeypatch
):
    items = [NewsPageFactory(parent=site_tree["news"], title=f"Item {n}") for n in range(4)]
    _pictures(*items)
    first = client.get("/news/?first").content.decode()  # makes and caches them
    assert first.count('class="news-card__image"') == 4
    reads = CountingReads(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/news/?again").content.decode()
    assert reads.count == 1  # not one per picture
    assert not [q for q in queries if "wagtailimages_rendition" in q["sql"]]
    assert _cards(again) == _cards(first)


@pytest.mark.django_db
def test_pictures_missing_from_the_cache_are_found_as_before(client, site_tree):
    items = [NewsPageFactory(parent=site_tree["news"], title=f"Item {n}") for n in range(3)]
    _pictures(*items)
    first = client.get("/news/?first").content.decode()
    cache.clear()  # a Redis restart, or an expired entry
    again = client.get("/news/?again").content.decode()
    assert _cards(again) == _cards(first)
    assert Rendition.objects.count() == 3  # found again, not made twice


@pytest.mark.django_db
def test_the_home_pages_featured_groups_read_their_logos_in_one_round_trip(
    client, groups, monkeypatch
):
    from home.models import HomePageFeaturedGroup

    for group in (groups["a"], groups["b"]):
        group.logo = wagtail_factories.ImageFactory()
        publish(group)
    home = groups["a"].get_parent().get_parent().specific
    home.featured_groups = [
        HomePageFeaturedGroup(page=groups["a"]),
        HomePageFeaturedGroup(page=groups["b"]),
    ]
    home.save_revision().publish()
    first = client.get("/?first").content.decode()
    assert first.count('class="group-card__logo"') == 2
    reads = CountingReads(monkeypatch)
    again = client.get("/?again").content.decode()
    assert reads.count == 1
    assert _logos(again) == _logos(first)


def _cards(html):
    return re.findall(r'<div class="news-card__image">.*?</div>', html, re.S)


def _logos(html):
    return re.findall(r'<div class="group-card__logo">.*?</div>', html, re.S)
