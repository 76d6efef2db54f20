"""Events related to an event: more from the same group, and similar ones
(sharing a topic, or in the same area). Each list is one query for the events
(with their next date as a subquery) plus one for view restrictions."""

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from .models import EventOccurrence, EventPage


def _upcoming(events, now, limit):
    next_start = (
        EventOccurrence.objects.filter(event=OuterRef("pk"), end__gte=now)
        .order_by("start")
        .values("start")[:1]
    )
    return list(
        events.live()
        .public()
        .annotate(next_start=Subquery(next_start))
        .filter(next_start__isnull=False)
        .select_related("venue", "venue__area", "group")
        .order_by("next_start", "title", "pk")[:limit]
    )


def more_from_group(event, limit=3, now=None):
    """The group's other upcoming events, soonest first."""
    if not event.group_id:
        return []
    events = EventPage.objects.filter(group_id=event.group_id).exclude(pk=event.pk)
    return _upcoming(events, now or timezone.now(), limit)


def similar_events(event, limit=3, now=None):
    """Upcoming events of other groups, in the same language, that share a topic
    with ``event`` or happen in the same area; soonest first."""
    topics = EventPage.topics.through.objects.filter(eventpage_id=event.pk).values("topic_id")
    similar = Q(topics__in=topics)
    area_id = event.venue.area_id if event.venue_id and event.venue else None
    if area_id:
        similar |= Q(venue__area_id=area_id)
    events = EventPage.objects.filter(
        pk__in=EventPage.objects.filter(similar).values("pk"), locale_id=event.locale_id
    ).exclude(pk=event.pk)
    if event.group_id:
        events = events.exclude(group_id=event.group_id)
    return _upcoming(events, now or timezone.now(), limit)
