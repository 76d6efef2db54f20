"""iCalendar views: one event's .ics download and the subscribable feeds."""

import datetime
import hashlib

from django.core.cache import cache
from django.db.models import F, OuterRef, Subquery
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from home.i18n import localized
from home.models import Area, Topic

from .feeds import (
    FEED_CACHE_SECONDS,
    FEED_EVENTS,
    FEED_HISTORY,
    calendar_for,
    feed_event_limit,
    feed_version,
    site_feed_months,
)
from .filters import WHATS_ON
from .models import EventOccurrence, EventPage
from .queries import public_group

CONTENT_TYPE = "text/calendar; charset=utf-8"


def ics_response(body, filename, attachment=False):
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={FEED_CACHE_SECONDS // 4}"
    return response


def cached_feed(key, build):
    """The feed body from the cache, or built and cached; publishing purges it."""
    cache_key = ":".join(
        ["events:feed", str(feed_version()), translation.get_language() or "", key]
    )
    body = cache.get(cache_key)
    if body is None:
        body = build()
        cache.set(cache_key, body, FEED_CACHE_SECONDS)
    return body


def feed_events(occurrences, now=None, months=None, limit=FEED_EVENTS):
    """The events that have any of these (public) occurrences since a month
    ago (and, with ``months``, before that many months ahead): ``limit`` of
    them at most, those with the soonest date still to come first, and the
    ones that have ended last."""
    now = now or timezone.now()
    occurrences = occurrences.filter(end__gte=now - FEED_HISTORY)
    if months:
        occurrences = occurrences.filter(start__lt=now + datetime.timedelta(days=31 * months))
    soonest = (
        occurrences.filter(event=OuterRef("pk"), end__gte=now).order_by("start").values("start")[:1]
    )
    ids = occurrences.order_by().values("event_id")
    chosen = (
        EventPage.objects.filter(pk__in=ids)
        .annotate(soonest=Subquery(soonest))
        .order_by(F("soonest").asc(nulls_last=True), "pk")
        .values_list("pk", flat=True)[:limit]
    )
    # In the calendar's own order (by first date), once the soonest are chosen.
    return (
        EventPage.objects.filter(pk__in=chosen)
        .select_related("venue", "group")
        .order_by("start", "pk")
    )


def feed_of(occurrences, name, description="", months=None, limit=FEED_EVENTS):
    # Feeds carry each event in the feed's language where it is translated,
    # else in English (OccurrenceQuerySet.public), so /pl/calendar/… is the
    # Polish calendar and still lists the events nobody has translated yet.
    events = list(feed_events(occurrences, months=months, limit=limit))
    changed = EventOccurrence.objects.changed([event.pk for event in events])
    return calendar_for(events, name, description, changed).to_ical()


def site_feed_key(query):
    return "all?" + hashlib.sha256(query.encode()).hexdigest()


def build_site_feed(query):
    """The site-wide feed for a query string: what's on's filters, and ``months``
    ahead (three unless asked; site_feed_months)."""
    filters = WHATS_ON.read(QueryDict(query))
    occurrences = WHATS_ON.apply(EventOccurrence.objects.public(), filters)
    params = QueryDict(query)
    months = site_feed_months(params.get("months"))
    limit = feed_event_limit(params.get("events"))
    return feed_of(occurrences, _("What's on"), months=months, limit=limit)


@require_safe
def whats_on_feed(request):
    """What's on in the next three months (``?months=`` up to 12), the soonest
    300 events (``?events=`` up to 2,000), narrowed by the same parameters as
    what's on."""
    # Keyed by the address as it came, so a calendar app's poll of a cached
    # feed costs no query; the form (and its choices' queries) only on a miss.
    query = request.GET.urlencode()
    body = cached_feed(site_feed_key(query), lambda: build_site_feed(query))
    return ics_response(body, "whats-on.ics")


@require_safe
def group_feed(request, slug):
    group = public_group(slug)
    if group is None:
        raise Http404("No such group")

    def build():
        occurrences = EventOccurrence.objects.public(group=group)
        return feed_of(occurrences, group.title, group.summary)

    return ics_response(cached_feed(f"group:{group.pk}", build), f"{slug}.ics")


def vocabulary_feed(model, field):
    @require_safe
    def view(request, slug):
        term = localized(model.objects.filter(slug=slug)).first()
        if term is None:
            raise Http404("No such term")

        def build():
            filters = WHATS_ON.select(**{field: [slug]})
            occurrences = WHATS_ON.apply(EventOccurrence.objects.public(), filters)
            return feed_of(occurrences, f"{_('What’s on')}: {term.name}")

        return ics_response(cached_feed(f"{field}:{slug}", build), f"{slug}.ics")

    return view


topic_feed = vocabulary_feed(Topic, "topic")
area_feed = vocabulary_feed(Area, "area")


@require_safe
def event_ics(request, pk):
    """One event, to add to a calendar (a download, not a subscription)."""
    event = get_object_or_404(EventPage.objects.public().select_related("venue"), pk=pk)

    def build():
        changed = EventOccurrence.objects.changed([event.pk])
        return calendar_for([event], event.title, changed=changed).to_ical()

    body = cached_feed(f"event:{pk}", build)
    return ics_response(body, f"{event.slug}.ics", attachment=True)
