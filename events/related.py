"""Events related to an event: more from the same group, and similar ones
(sharing a topic, or in the same area). Each list is one query for the events
(with their next date as a subquery) plus one for view restrictions
(home/listing.py)."""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from groups.models import GroupPage
from home.listing import card_fields
from home.models import Topic

from .models import EventOccurrence, EventPage

#: What a related event shows (templates/events/includes/related_event.html).
SHOWN = card_fields("online_url", "venue__name", "group__title")


def _upcoming(events, now, limit):
    """Of ``events``, those with a date to come, soonest first. Only events with
    occurrences count, so where a language has an untranslated copy of an
    event (which has no dates of its own) the English original is shown, as
    in every listing (home/i18n.py)."""
    # Whether each event has a date to come is asked of its own dates (the
    # occurrences' event index), so the group's few events are read, not
    # every upcoming date of the site.
    upcoming = EventOccurrence.objects.filter(end__gte=now or timezone.now(), event=OuterRef("pk"))
    next_start = upcoming.order_by("start").values("start")[:1]
    return list(
        events.filter(Exists(upcoming))
        .public()
        .localized()
        .annotate(next_start=Subquery(next_start))
        .select_related("venue", "group")
        .only(*SHOWN)
        .order_by("next_start", "title", "pk")[:limit]
    )


def more_from_group(event, limit=3, now=None):
    """The group's other upcoming events, soonest first, each in the visitor's
    language where it is translated, else in English (home/i18n.py)."""
    if not event.group_id:
        return []
    group_keys = GroupPage.objects.filter(pk=event.group_id).values("translation_key")
    events = EventPage.objects.filter(group__translation_key__in=group_keys)
    return _upcoming(events.exclude(translation_key=event.translation_key), now, limit)


def similar_events(event, limit=3, now=None):
    """Upcoming events of other groups that share a topic with ``event`` or
    happen in the same area, soonest first; in the visitor's language where
    translated, else in English. Topics and groups are matched in every
    language (by translation key), so untranslated events are found too."""
    topic_ids = EventPage.topics.through.objects.filter(eventpage_id=event.pk).values("topic_id")
    topic_keys = Topic.objects.filter(pk__in=topic_ids).values("translation_key")
    similar = Q(topics__translation_key__in=topic_keys)
    area_id = event.venue.area_id if event.venue_id and event.venue else None
    if area_id:
        similar |= Q(venue__area_id=area_id)
    events = EventPage.objects.filter(pk__in=EventPage.objects.filter(similar).values("pk"))
    events = events.exclude(translation_key=event.translation_key)
    if event.group_id:
        group_keys = GroupPage.objects.filter(pk=event.group_id).values("translation_key")
        events = events.exclude(group__translation_key__in=group_keys)
    return _upcoming(events, now, limit)
