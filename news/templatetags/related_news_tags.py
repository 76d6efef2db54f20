from django import template

from ..related import related_news as related_news_query

register = template.Library()


@register.inclusion_tag("news/includes/related_news.html", takes_context=True)
def related_news(context, item, limit=3):
    """Other news on the same topics or from the same group."""
    return {"request": context.get("request"), "news_items": related_news_query(item, limit)}
