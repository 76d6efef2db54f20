"""``{% card_image %}`` writes the ``<img>`` Wagtail's ``{% image %}`` tag writes
for a card's picture, for a picture whose file is missing too, and with the
site's default image attributes."""

import pytest
import wagtail_factories
from django.apps import apps
from django.template import engines

WAGTAIL = engines["django"].from_string(
    '{% load wagtailimages_tags %}{% image picture fill-160x160 alt="" loading="lazy" %}'
)
OURS = engines["django"].from_string('{% load card_tags %}{% card_image picture "fill-160x160" %}')

pytestmark = pytest.mark.django_db


def both(picture):
    return OURS.render({"picture": picture}), WAGTAIL.render({"picture": picture})


def test_the_same_img_as_wagtails_tag():
    ours, wagtails = both(wagtail_factories.ImageFactory())
    assert ours == wagtails
    assert ours.startswith('<img alt="" height="') and 'loading="lazy" src="/media/images/' in ours


def test_a_picture_whose_file_is_missing():
    picture = wagtail_factories.ImageFactory()
    picture.file.storage.delete(picture.file.name)
    ours, wagtails = both(picture)
    assert ours == wagtails
    assert "not-found" in ours


def test_no_picture_writes_nothing():
    assert both(None) == ("", "")


def test_the_sites_default_image_attributes_are_kept(monkeypatch):
    monkeypatch.setattr(
        apps.get_app_config("wagtailimages"), "default_attrs", {"decoding": "async"}
    )
    ours, wagtails = both(wagtail_factories.ImageFactory())
    assert ours == wagtails
    assert 'decoding="async"' in ours
