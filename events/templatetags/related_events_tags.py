from django import template

from ..related import more_from_group, similar_events

register = template.Library()


@register.inclusion_tag("events/includes/related_events.html", takes_context=True)
def related_events(context, event, limit=3):
    """'More from this group' and 'Similar events' for an event page."""
    return {
        "request": context.get("request"),
        "event": event,
        "more_from_group": more_from_group(event, limit),
        "similar": similar_events(event, limit),
    }
