"""The querysets event listings render: ``EventOccurrence.objects.public()`` and
friends. This module never imports events.models (the models import it)."""

import datetime
from itertools import groupby

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from groups.models import GroupPage
from home.i18n import localized
from home.listing import card_fields, public_q

#: What a listing shows of each date (templates/events/includes/occurrence.html).
CARD_FIELDS = [
    "start",
    "end",
    "cancelled",
    "original_start",
    "event",
    *card_fields(
        "summary",
        "status",
        "online_url",
        "is_free",
        "price",
        "venue__name",
        "venue__area__name",
        "venue__area__locale",
        "venue__area__translation_key",
        "group__title",
        prefix="event__",
    ),
]


class OccurrenceQuerySet(models.QuerySet):
    def public(self, group=None, language=None):
        """Occurrences of events an anonymous reader may see (home/listing.py),
        each event in the visitor's language where it is translated, else in
        English (home/i18n.py); only ``group``'s if given."""
        occurrences = self.filter(public_q(prefix="event__"))
        if group is not None:
            # The group's events in any language: an untranslated event belongs
            # to the English version of the group.
            occurrences = occurrences.filter(event__group__translation_key=group.translation_key)
        return localized(occurrences, prefix="event__", language=language).select_related(
            "event", "event__venue", "event__venue__area", "event__group", "event__image"
        )

    def upcoming(self, group=None, after=None, language=None):
        """Public occurrences not yet over, soonest first, with what a listing
        shows of them (``CARD_FIELDS``)."""
        return (
            self.public(group=group, language=language)
            .filter(end__gte=after or timezone.now())
            .order_by("start", "event__title", "pk")
            .for_cards()
        )

    def past(self, group=None, before=None):
        """Public occurrences that are over, latest first, with what a listing
        shows of them."""
        return (
            self.public(group=group)
            .filter(end__lt=before or timezone.now())
            .order_by("-start", "event__title", "pk")
            .for_cards()
        )

    def for_cards(self):
        """With only what a listing shows of each date (``CARD_FIELDS``)."""
        related = ("event", "event__venue", "event__venue__area", "event__group")
        return self.select_related(None).select_related(*related).only(*CARD_FIELDS)

    def changed(self, event_ids):
        """{event id: [its cancelled or moved occurrences]} in one query."""
        changed = {}
        rows = self.filter(event_id__in=event_ids).filter(
            Q(cancelled=True) | Q(original_start__isnull=False)
        )
        for row in rows.order_by("start"):
            changed.setdefault(row.event_id, []).append(row)
        return changed

    def day_counts(self, days):
        """{date: number of occurrences starting that day} for the given local
        dates, in one query. Each day is a range of start times (its local
        midnight to the next), counted in SQL: no time zone conversion of every
        row (SQLite does those in Python), and only the rows of those days read."""
        if not days:
            return {}
        zone = timezone.get_current_timezone()

        def midnight(day):
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time()), zone)

        bounds = {day: (midnight(day), midnight(day + datetime.timedelta(days=1))) for day in days}
        first = min(start for start, _end in bounds.values())
        last = max(end for _start, end in bounds.values())
        counts = (
            self.order_by()
            .filter(start__gte=first, start__lt=last)
            .aggregate(
                **{
                    f"day_{n}": Count("pk", filter=Q(start__gte=start, start__lt=end))
                    for n, (start, end) in enumerate(bounds.values())
                }
            )
        )
        return {day: counts[f"day_{n}"] for n, day in enumerate(bounds)}


def public_group(slug):
    """The public group at ``slug``, in the visitor's language where it is
    translated, else in English; None if there is none."""
    return GroupPage.objects.public().filter(slug=slug).localized().first()


def group_by_day(occurrences):
    """[(date, [occurrence, …]), …] in the site's time zone."""
    return [
        (day, list(items))
        for day, items in groupby(occurrences, key=lambda o: timezone.localdate(o.start))
    ]


def by_day(occurrences, found):
    """[(date, [occurrence, …], count that day), …] of a page of ``found``."""
    days = group_by_day(occurrences)
    counts = found.day_counts([day for day, _items in days])
    return [(day, items, counts.get(day, len(items))) for day, items in days]
