"""The querysets news listings render."""

from wagtail.models import PageViewRestriction

from .models import NewsPage


def latest_news(group=None):
    """Live, public news items, newest first."""
    items = NewsPage.objects.live().defer_streamfields()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        items = items.exclude(path__startswith=path)
    if group is not None:
        items = items.filter(group=group)
    return items.select_related("image", "group").order_by("-date", "-first_published_at", "pk")
