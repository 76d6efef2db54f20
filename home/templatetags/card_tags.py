"""Tags for what a list repeats on every card."""

from functools import lru_cache

from django import template
from django.apps import apps
from django.utils.html import format_html
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_rendition_or_not_found

register = template.Library()


@lru_cache(maxsize=32)
def _filter(spec):
    # A filter holds only its spec and the operations parsed from it.
    return Filter(spec=spec)


@register.simple_tag
def card_image(image, spec):
    """``{% image image spec alt="" loading="lazy" %}``: the same ``<img>``, for
    a card's picture (its alt text is empty: the card's link names it).

    Wagtail's tag parses the filter spec again for every picture and builds the
    element through its attribute dictionaries, about 85 µs a picture; here
    the filter is parsed once per spec and the element written directly,
    unless the site sets default image attributes, which Wagtail's own
    ``img_tag`` then adds."""
    if not image:
        return ""
    rendition = get_rendition_or_not_found(image, _filter(spec))
    if apps.get_app_config("wagtailimages").default_attrs:
        return rendition.img_tag({"alt": "", "loading": "lazy"})
    return format_html(
        '<img alt="" height="{}" loading="lazy" src="{}" width="{}">',
        rendition.height,
        rendition.url,
        rendition.width,
    )
