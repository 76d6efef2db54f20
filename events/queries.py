"""The querysets pages render, named for what they return."""

from itertools import groupby

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from wagtail.models import PageViewRestriction

from groups.models import GroupPage
from home.i18n import localized

from .models import EventOccurrence


def public_occurrences(group=None, language=None):
    """Occurrences of live events that anyone may see (none behind a view
    restriction), of each event in the visitor's language where it is
    translated, else in English (home/i18n.py); only ``group``'s if given."""
    occurrences = EventOccurrence.objects.filter(event__live=True)
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        occurrences = occurrences.exclude(event__path__startswith=path)
    if group is not None:
        # The group's events in any language: an untranslated event belongs
        # to the English version of the group.
        occurrences = occurrences.filter(event__group__translation_key=group.translation_key)
    return localized(occurrences, prefix="event__", language=language).select_related(
        "event", "event__venue", "event__venue__area", "event__group", "event__image"
    )


def upcoming_occurrences(group=None, after=None, language=None):
    """Public occurrences not yet over, soonest first."""
    after = after or timezone.now()
    return (
        public_occurrences(group=group, language=language)
        .filter(end__gte=after)
        .order_by("start", "event__title", "pk")
    )


def public_group(slug):
    """The live, public group at ``slug``, in the visitor's language where it
    is translated, else in English; None if there is none."""
    return localized(GroupPage.objects.live().public().filter(slug=slug)).first()


def group_by_day(occurrences):
    """[(date, [occurrence, …]), …] in the site's time zone."""
    return [
        (day, list(items))
        for day, items in groupby(occurrences, key=lambda o: timezone.localdate(o.start))
    ]


def day_counts(occurrences, days):
    """{date: number of occurrences that day} for the given local dates, in one query."""
    if not days:
        return {}
    zone = timezone.get_current_timezone()
    rows = (
        occurrences.order_by()
        .annotate(day=TruncDate("start", tzinfo=zone))
        .filter(day__in=days)
        .values("day")
        .annotate(count=Count("pk"))
        .values_list("day", "count")
    )
    return dict(rows)
