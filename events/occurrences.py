"""Writing and removing the occurrence rows of an event.

Occurrences exist only for live events; every listing, feed and count reads
them instead of expanding schedules per request. Publishing writes the
sessions from a year back (for the group's archive) to
``settings.NOTICEBOARD_OCCURRENCE_HORIZON_DAYS`` ahead (365 by default);
``manage.py extend_occurrences`` (daily) rolls the horizon forward.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .enums import Status
from .models import EventOccurrence, OccurrenceChange

#: How far back publishing keeps (and writes) sessions, for archives.
HISTORY_DAYS = 366


def window(now=None):
    now = now or timezone.now()
    return (
        now - datetime.timedelta(days=HISTORY_DAYS),
        now + datetime.timedelta(days=settings.NOTICEBOARD_OCCURRENCE_HORIZON_DAYS),
    )


def sessions(event, now=None):
    """EventOccurrence objects (unsaved) for the event's schedule in the window,
    with single-date changes and the event's status applied."""
    window_start, window_end = window(now)
    changes = {change.date: change for change in event.occurrence_changes.all()}
    whole_cancelled = event.status == Status.CANCELLED
    rows = []
    for start, end in event.schedule(window_start, window_end):
        row = EventOccurrence(event=event, start=start, end=end, cancelled=whole_cancelled)
        change = changes.get(timezone.localtime(start).date())
        if change is not None:
            if change.action == OccurrenceChange.Action.CANCEL:
                row.cancelled = True
            elif change.new_start:
                row.original_start = start
                row.start = change.new_start
                row.end = change.new_end or change.new_start + (end - start)
        rows.append(row)
    return rows


@transaction.atomic
def write_occurrences(event, now=None):
    """Replace the event's occurrences with those of its current schedule."""
    EventOccurrence.objects.filter(event=event).delete()
    EventOccurrence.objects.bulk_create(sessions(event, now))


def remove_occurrences(event):
    EventOccurrence.objects.filter(event=event).delete()
