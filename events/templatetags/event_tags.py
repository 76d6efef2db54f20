from django import template

from ..queries import group_by_day, upcoming_occurrences

register = template.Library()


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, group=None, limit=5, heading_level=2):
    """The next few occurrences, site-wide or of one group."""
    occurrences = list(upcoming_occurrences(group=group)[:limit])
    return {
        "request": context.get("request"),
        "occurrences": occurrences,
        "days": group_by_day(occurrences),
        "group": group,
        "heading_level": heading_level,
    }
