"""iCalendar (RFC 5545) for events: one event's download and subscribable feeds.

Each event is one VEVENT carrying its schedule as RRULE/EXDATE/RDATE, not
exploded into dates. A single date cancelled or moved is an override VEVENT
with the same UID and a RECURRENCE-ID. SEQUENCE is the event's publish
counter, so calendar apps take changes. Feeds are cached, keyed by a version
number that every publish, unpublish and delete of an event raises.
"""

import datetime
import logging
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from .enums import Status
from .recurrence import parse_recurrence

FEED_VERSION_KEY = "events:feed-version"
FEED_CACHE_SECONDS = 60 * 60
#: Feeds carry events with a date from this long ago onwards.
FEED_HISTORY = datetime.timedelta(days=31)
#: The site-wide feed carries the next three months unless ``?months=`` asks
#: for more (up to a year: occurrences are written that far ahead).
SITE_FEED_MONTHS = 3
SITE_FEED_MAX_MONTHS = 12
#: Every feed carries at most this many events, the soonest first, so its size
#: (about 0.7 KB an event) does not grow with the site; the site-wide feed's
#: ``?events=`` asks for up to FEED_MAX_EVENTS.
FEED_EVENTS = 300
FEED_MAX_EVENTS = 2000


def feed_version():
    return cache.get_or_set(FEED_VERSION_KEY, 1, timeout=None)


def bump_feed_version():
    """Publishing, unpublishing or deleting an event invalidates every cached feed;
    the worker then rebuilds the site-wide feed, so no reader waits for it."""
    from django.db import transaction

    try:
        cache.incr(FEED_VERSION_KEY)
    except ValueError:
        cache.set(FEED_VERSION_KEY, 2, timeout=None)
    transaction.on_commit(enqueue_site_feed_rebuild)


def enqueue_site_feed_rebuild():
    from .tasks import rebuild_site_feeds

    try:
        rebuild_site_feeds.enqueue()
    except Exception:  # the feed is then built by the next request instead
        logging.getLogger(__name__).warning("Could not queue the feed rebuild", exc_info=True)


def site_feed_months(value):
    """The ``months`` parameter of the site-wide feed: 1 to 12, else the default."""
    try:
        months = int(value)
    except (TypeError, ValueError):
        return SITE_FEED_MONTHS
    return min(max(months, 1), SITE_FEED_MAX_MONTHS)


def feed_event_limit(value):
    """The ``events`` parameter of the site-wide feed: 1 to FEED_MAX_EVENTS,
    else the default."""
    try:
        count = int(value)
    except (TypeError, ValueError):
        return FEED_EVENTS
    return min(max(count, 1), FEED_MAX_EVENTS)


def uid_domain():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "noticeboard"


def event_uid(event):
    return f"event-{event.pk}@{uid_domain()}"


def _parse_recurrence(event):
    """(rrule value or None, [exdates], [rdates]) as aware datetimes in the site zone."""
    zone = timezone.get_current_timezone()
    text, exdates, rdates = parse_recurrence(event.recurrence)
    rule = None
    if text:
        rule = vRecur.from_ical(text)
        if "UNTIL" in rule:
            # With a TZID'd DTSTART, RFC 5545 wants UNTIL in UTC.
            until = rule["UNTIL"][0]
            if isinstance(until, datetime.datetime) and until.tzinfo is None:
                rule["UNTIL"] = [until.replace(tzinfo=zone).astimezone(datetime.UTC)]
    return (
        rule,
        [moment.replace(tzinfo=zone) for moment in exdates],
        [moment.replace(tzinfo=zone) for moment in rdates],
    )


ICAL_STATUS = {Status.CANCELLED: "CANCELLED", Status.POSTPONED: "TENTATIVE"}


def _status(event):
    return ICAL_STATUS.get(event.status, "CONFIRMED")


class SiteAddresses:
    """Where a feed's events' addresses come from: Wagtail keeps the site's
    root paths on the object passed to ``get_full_url`` as its request (or
    on each page without one), so the events of one feed read them from the
    cache once instead of once each (300 cache reads for a full feed)."""


def _describe(event, component, now, addresses):
    component.add("uid", event_uid(event))
    component.add("dtstamp", now)
    component.add("sequence", event.sequence)
    component.add("summary", event.title)
    url = event.get_full_url(addresses)
    description = event.summary
    if url:
        description = f"{description}\n\n{url}"
        component.add("url", url)
    component.add("description", description)
    if event.venue_id:
        venue = event.venue
        parts = [venue.name, *venue.address.splitlines(), venue.postcode]
        component.add("location", ", ".join(part.strip() for part in parts if part.strip()))
        if venue.latitude is not None and venue.longitude is not None:
            component.add("geo", (float(venue.latitude), float(venue.longitude)))
    elif event.online_url:
        component.add("location", event.online_url)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)


def event_components(event, changed_rows=(), now=None, addresses=None):
    """VEVENTs for one event: the series, then an override per changed date.

    ``changed_rows`` are the event's EventOccurrence rows that are cancelled or
    moved (see OccurrenceQuerySet.changed); ``addresses`` a SiteAddresses
    shared by the events of one feed."""
    now = now or timezone.now()
    addresses = addresses or SiteAddresses()
    zone = timezone.get_current_timezone()
    master = Event()
    _describe(event, master, now, addresses)
    start, end = event.start.astimezone(zone), event.end.astimezone(zone)
    rule, exdates, rdates = _parse_recurrence(event)
    whole_cancelled = event.status == Status.CANCELLED
    overrides = []
    if rule is None and not rdates:
        # A one-off: a change to its date changes the event itself.
        for row in changed_rows:
            if row.cancelled:
                whole_cancelled = True
            elif row.original_start:
                start, end = row.start.astimezone(zone), row.end.astimezone(zone)
    else:
        for row in changed_rows:
            if row.cancelled and whole_cancelled:
                continue
            override = Event()
            _describe(event, override, now, addresses)
            original = (row.original_start or row.start).astimezone(zone)
            override.add("recurrence-id", original)
            override.add("dtstart", row.start.astimezone(zone))
            override.add("dtend", row.end.astimezone(zone))
            override.add("status", "CANCELLED" if row.cancelled else _status(event))
            overrides.append(override)
    master.add("dtstart", start)
    master.add("dtend", end)
    if rule is not None:
        master.add("rrule", rule)
    if exdates:
        master.add("exdate", exdates)
    if rdates:
        master.add("rdate", rdates)
    master.add("status", "CANCELLED" if whole_cancelled else _status(event))
    return [master, *overrides]


def calendar_for(events, name, description="", changed=None, now=None):
    """A VCALENDAR with every event in ``events`` and the VTIMEZONE it needs;
    ``changed`` maps event ids to their cancelled or moved occurrences
    (OccurrenceQuerySet.changed)."""
    events = list(events)
    changed = changed or {}
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Noticeboard//What's on//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    addresses = SiteAddresses()
    for event in events:
        changed_rows = changed.get(event.pk, ())
        for component in event_components(event, changed_rows, now=now, addresses=addresses):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar


def google_calendar_url(event, start=None, end=None, request=None):
    """A link that opens Google Calendar's "add event" form filled in."""
    start = start or event.start
    end = end or event.end
    zone = timezone.get_current_timezone()

    def stamp(moment):
        return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")

    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{stamp(start)}/{stamp(end)}",
        "details": f"{event.summary}\n\n{event.get_full_url(request) or ''}".strip(),
        "ctz": str(zone),
    }
    if event.venue_id:
        params["location"] = ", ".join(
            part for part in (event.venue.name, event.venue.postcode) if part
        )
    rule, _exdates, _rdates = _parse_recurrence(event)
    if rule is not None and start == event.start:
        params["recur"] = "RRULE:" + rule.to_ical().decode()
    return "https://calendar.google.com/calendar/render?" + urlencode(params)
