from django import template

from ..models import NewsPage
from ..queries import with_card_images

register = template.Library()


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context, group=None, limit=3, heading_level=2):
    """The newest few news items, site-wide or of one group."""
    return {
        "request": context.get("request"),
        "news_items": with_card_images(
            list(NewsPage.objects.latest(group=group).for_cards()[:limit])
        ),
        "group": group,
        "heading_level": heading_level,
    }
