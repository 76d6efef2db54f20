from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext

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


@register.simple_tag
def occurrence_time(occurrence):
    """When a date of an event in a list starts and ends ("10 a.m. to 12 p.m.",
    with the end's day when it is another), in the site's time zone and the
    reader's language. A tag, not template filters: a list shows it on every
    item, and each date filter costs about 20 µs."""
    start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
    end_day = ""
    if end.date() != start.date():
        end_day = format_html("{}, ", formats.date_format(end, "D j M"))
    return format_html(
        '<p class="occurrence__time"><time datetime="{}">{}</time> '
        '<span class="nowrap">{} <time datetime="{}">{}{}</time></span></p>',
        formats.date_format(start, "c"),
        formats.time_format(start),
        gettext("to"),
        formats.date_format(end, "c"),
        end_day,
        formats.time_format(end),
    )
