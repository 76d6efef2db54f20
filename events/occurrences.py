"""Writing and removing the occurrence rows of an event.

Occurrences exist only for live events; every listing, feed and count reads
them instead of expanding schedules per request.
"""

from django.db import transaction

from .models import EventOccurrence


@transaction.atomic
def write_occurrences(event):
    """Replace the event's occurrences with those of its current schedule."""
    EventOccurrence.objects.filter(event=event).delete()
    EventOccurrence.objects.bulk_create(
        EventOccurrence(event=event, start=start, end=end) for start, end in event.schedule()
    )


def remove_occurrences(event):
    EventOccurrence.objects.filter(event=event).delete()
