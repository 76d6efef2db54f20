"""The querysets news listings render: ``NewsPage.objects.latest()``."""

from home.listing import ListingQuerySet


class NewsQuerySet(ListingQuerySet):
    def latest(self, group=None, language=None):
        """Public news items, newest first, each in the active language where
        it is translated, else in English; only ``group``'s (in any of its
        languages) if given."""
        items = self.public().defer_streamfields()
        if group is not None:
            items = items.filter(group__translation_key=group.translation_key)
        items = items.localized(language=language)
        return items.select_related("image", "group").order_by("-date", "-first_published_at", "pk")
