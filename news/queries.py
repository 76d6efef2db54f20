"""The querysets news listings render."""

from wagtail.models import PageViewRestriction

from home.i18n import localized

from .models import NewsPage


def latest_news(group=None, language=None):
    """Live, public news items, newest first: each in the active language
    where it is translated, else in English (home/i18n.py)."""
    items = NewsPage.objects.live().defer_streamfields()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        items = items.exclude(path__startswith=path)
    if group is not None:
        items = items.filter(group__translation_key=group.translation_key)
    items = localized(items, language=language)
    return items.select_related("image", "group").order_by("-date", "-first_published_at", "pk")
