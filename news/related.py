"""News related to a news item: sharing a topic or from the same group."""

from django.db.models import Q

from groups.models import GroupPage
from home.models import Topic

from .models import NewsPage


def related_news(item, limit=3):
    """Up to ``limit`` other live, public news items that share a topic with
    ``item`` or come from its group, newest first; in the visitor's language
    where translated, else in English (home/i18n.py). Topics and groups are
    matched in every language, by translation key. One query for the items,
    one for view restrictions."""
    topic_ids = NewsPage.topics.through.objects.filter(newspage_id=item.pk).values("topic_id")
    topic_keys = Topic.objects.filter(pk__in=topic_ids).values("translation_key")
    related = Q(topics__translation_key__in=topic_keys)
    if item.group_id:
        group_keys = GroupPage.objects.filter(pk=item.group_id).values("translation_key")
        related |= Q(group__translation_key__in=group_keys)
    return list(
        NewsPage.objects.public()
        .filter(pk__in=NewsPage.objects.filter(related).values("pk"))
        .localized()
        .exclude(translation_key=item.translation_key)
        .select_related("image", "group")
        .order_by("-date", "-first_published_at", "pk")
        .for_cards()[:limit]
    )
