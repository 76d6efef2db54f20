from django import template

from ..models import EventOccurrence
from ..queries import group_by_day

register = template.Library()


@register.inclusion_tag("events/includes/upcoming_events.html", takes_context=True)
def upcoming_events(context, group=None, limit=5, heading_level=2):
    """The next few occurrences, site-wide or of one group."""
    occurrences = list(EventOccurrence.objects.upcoming(group=group)[:limit])
    return {
        "request": context.get("request"),
        "occurrences": occurrences,
        "days": group_by_day(occurrences),
        "group": group,
        "heading_level": heading_level,
    }
