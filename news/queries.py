"""The querysets news listings render: ``NewsPage.objects.latest()``."""

from home.listing import ListingQuerySet, card_fields, card_renditions

#: What a listing shows of each news item (templates/news/includes/news_card.html).
CARD_FIELDS = card_fields("date", "summary", "image", "group__title")
#: The rendition a card shows of its picture (templates/news/includes/news_card.html).
CARD_IMAGE_FILTER = "fill-400x225"


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

    def for_cards(self):
        """With only what a listing shows of each item (``CARD_FIELDS``)."""
        return self.only(*CARD_FIELDS)


def with_card_images(items):
    """``items`` (a list or a page of them) with their pictures' renditions
    read from the cache together (``home.listing.card_renditions``)."""
    card_renditions([item.image for item in items], CARD_IMAGE_FILTER)
    return items
