"""News related to a news item: sharing a topic or from the same group."""

from django.db.models import Q

from .models import NewsPage


def related_news(item, limit=3):
    """Up to ``limit`` other live, public news items in the same language that
    share a topic with ``item`` or come from its group; newest first. One query
    for the items, one for view restrictions."""
    topics = NewsPage.topics.through.objects.filter(newspage_id=item.pk).values("topic_id")
    related = Q(topics__in=topics)
    if item.group_id:
        related |= Q(group_id=item.group_id)
    return list(
        NewsPage.objects.live()
        .public()
        .filter(pk__in=NewsPage.objects.filter(related).values("pk"), locale_id=item.locale_id)
        .exclude(pk=item.pk)
        .defer_streamfields()
        .select_related("image", "group")
        .order_by("-date", "-first_published_at", "pk")[:limit]
    )
