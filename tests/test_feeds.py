"""Every iCalendar feed parses, and expands to the dates of the occurrence table."""

import datetime

import icalendar
import pytest
import recurring_ical_events
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventOccurrence, EventPage, OccurrenceChange
from events.recurrence import WEEKDAY_CODES

from .factories import (
    AreaFactory,
    EventPageFactory,
    GroupPageFactory,
    TopicFactory,
    VenueFactory,
    in_days,
    publish,
)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def expanded(calendar, start, end):
    """{(uid, aware start): status} for every expanded session in the window."""
    return {
        (str(c["UID"]), c.decoded("DTSTART")): str(c.get("STATUS", ""))
        for c in recurring_ical_events.of(calendar).between(start, end)
    }


def table(events, start, end):
    from events.feeds import event_uid

    rows = EventOccurrence.objects.filter(
        event__in=events, start__gte=start, start__lt=end
    ).select_related("event")
    return {
        (event_uid(row.event), row.start): "CANCELLED"
        if row.cancelled
        else {"scheduled": "CONFIRMED", "postponed": "TENTATIVE"}[row.event.status]
        for row in rows
    }


@pytest.fixture
def calendar_town(site_tree):
    food = TopicFactory(name="Food")
    north = AreaFactory(name="North")
    club = GroupPageFactory(title="Repair club", slug="repair-club")
    first = timezone.localdate() + datetime.timedelta(days=2)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time(10)))
    weekly = EventPageFactory(
        title="Coffee morning",
        parent=club,
        start=start,
        end=start + datetime.timedelta(hours=2),
        repeat="weekly",
        repeat_days=",".join(
            code
            for i, code in enumerate(WEEKDAY_CODES)
            if i in (first.weekday(), (first.weekday() + 3) % 7)
        ),
        venue=VenueFactory(area=north),
        excluded_dates=(first + datetime.timedelta(days=28)).isoformat(),
    )
    weekly.occurrence_changes = [
        OccurrenceChange(date=first + datetime.timedelta(days=7), action="cancel"),
        OccurrenceChange(
            date=first + datetime.timedelta(days=14),
            action="move",
            new_start=start + datetime.timedelta(days=15, hours=4),
        ),
    ]
    weekly.topics.set([food])
    publish(weekly)
    monthly = EventPageFactory(
        title="Repair café",
        start=start,
        end=start + datetime.timedelta(hours=3),
        repeat="monthly-weekday",
        monthly_week=1,
        repeat_count=8,
        extra_dates=(first + datetime.timedelta(days=3)).isoformat(),
    )
    monthly.topics.set([food])
    publish(monthly)
    one_off = publish(
        EventPageFactory(
            title="Quiz", start=in_days(5, 19), end=in_days(5, 21), is_free=False, price="£2"
        )
    )
    cancelled = EventPageFactory(
        title="Cancelled walk",
        start=in_days(6),
        end=in_days(6, 12),
        repeat="weekly",
        repeat_count=3,
        status=EventPage.Status.CANCELLED,
    )
    publish(cancelled)
    return {
        "club": club,
        "food": food,
        "north": north,
        "weekly": weekly,
        "monthly": monthly,
        "one_off": one_off,
        "cancelled": cancelled,
        **site_tree,
    }


@pytest.mark.django_db
def test_every_feed_expands_to_the_occurrence_table(calendar_town, client):
    now = timezone.now()
    window = (now, now + datetime.timedelta(days=300))
    t = calendar_town
    everything = [t["weekly"], t["monthly"], t["one_off"], t["cancelled"]]
    feeds = {
        "/calendar/whats-on.ics": everything,
        "/calendar/whats-on.ics?topic=food": [t["weekly"], t["monthly"]],
        "/calendar/whats-on.ics?free=on&area=north": [t["weekly"]],
        "/calendar/group/repair-club.ics": [t["weekly"]],
        "/calendar/topic/food.ics": [t["weekly"], t["monthly"]],
        "/calendar/area/north.ics": [t["weekly"]],
        f"/calendar/event/{t['monthly'].pk}.ics": [t["monthly"]],
    }
    for url, events in feeds.items():
        calendar = parse(client.get(url))
        assert calendar.walk("VTIMEZONE"), url
        assert expanded(calendar, *window) == table(events, *window), url
        assert len(expanded(calendar, *window)) > 1, url


@pytest.mark.django_db
def test_feed_carries_rules_not_exploded_dates(calendar_town, client):
    calendar = parse(client.get("/calendar/group/repair-club.ics"))
    series = [c for c in calendar.walk("VEVENT") if "RRULE" not in c and "RECURRENCE-ID" not in c]
    assert series == []
    masters = [c for c in calendar.walk("VEVENT") if "RRULE" in c]
    assert len(masters) == 1
    master = masters[0]
    assert master["RRULE"]["FREQ"] == ["WEEKLY"]
    assert master["DTSTART"].params["TZID"] == "Europe/London"
    assert "EXDATE" in master and "DTSTAMP" in master and master["SEQUENCE"] == 1
    overrides = [c for c in calendar.walk("VEVENT") if "RECURRENCE-ID" in c]
    assert sorted(str(c["STATUS"]) for c in overrides) == ["CANCELLED", "CONFIRMED"]
    assert {str(c["UID"]) for c in calendar.walk("VEVENT")} == {str(master["UID"])}


@pytest.mark.django_db
def test_sequence_rises_and_cache_is_purged_on_publish(calendar_town, client):
    quiz = calendar_town["one_off"]
    before = parse(client.get("/calendar/whats-on.ics"))
    uid_seq = {str(c["UID"]): c["SEQUENCE"] for c in before.walk("VEVENT")}
    quiz.title = "Pub quiz"
    publish(quiz)
    after = parse(client.get("/calendar/whats-on.ics"))
    changed = [c for c in after.walk("VEVENT") if str(c["SUMMARY"]) == "Pub quiz"]
    assert len(changed) == 1
    assert changed[0]["SEQUENCE"] == uid_seq[str(changed[0]["UID"])] + 1
    quiz.unpublish()
    gone = parse(client.get("/calendar/whats-on.ics"))
    assert "Pub quiz" not in {str(c["SUMMARY"]) for c in gone.walk("VEVENT")}


@pytest.mark.django_db
def test_private_drafts_and_unknown_feeds(calendar_town, client):
    PageViewRestriction.objects.create(page=calendar_town["one_off"], restriction_type="login")
    calendar = parse(client.get("/calendar/whats-on.ics"))
    assert "Quiz" not in {str(c["SUMMARY"]) for c in calendar.walk("VEVENT")}
    assert client.get(f"/calendar/event/{calendar_town['one_off'].pk}.ics").status_code == 404
    draft = EventPageFactory()
    assert client.get(f"/calendar/event/{draft.pk}.ics").status_code == 404
    assert client.get("/calendar/group/nobody.ics").status_code == 404
    assert client.get("/calendar/topic/nothing.ics").status_code == 404
    assert client.get("/calendar/area/nowhere.ics").status_code == 404
    hostile = client.get("/calendar/whats-on.ics?start=nonsense&topic=" + "x" * 5000)
    assert parse(hostile).walk("VEVENT")
    assert client.post("/calendar/whats-on.ics").status_code == 405


@pytest.mark.django_db
def test_a_cached_feed_drops_an_event_made_private(calendar_town, client):
    def summaries():
        return {
            str(c["SUMMARY"]) for c in parse(client.get("/calendar/whats-on.ics")).walk("VEVENT")
        }

    assert "Quiz" in summaries()  # now cached
    restriction = PageViewRestriction.objects.create(
        page=calendar_town["one_off"], restriction_type="login"
    )
    assert "Quiz" not in summaries()
    restriction.delete()
    assert "Quiz" in summaries()


@pytest.mark.django_db
def test_polling_a_cached_filtered_feed_costs_no_query(
    calendar_town, client, django_assert_num_queries
):
    address = "/calendar/whats-on.ics?when=month&free=on&topic=food&access=step-free"
    first = client.get(address)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(address)
    assert again.content == first.content


@pytest.mark.django_db
def test_event_download_is_an_attachment(calendar_town, client):
    response = client.get(f"/calendar/event/{calendar_town['weekly'].pk}.ics")
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"RRULE:FREQ=WEEKLY;BYDAY=" in response.content
    assert b"EXDATE;TZID=Europe/London:" in response.content


@pytest.mark.django_db
def test_a_feed_reads_the_sites_addresses_once_not_once_per_event(site_tree, monkeypatch):
    from wagtail.models import Site

    from events.feeds import calendar_for

    events = [publish(EventPageFactory(title=f"Event {n}", start=in_days(n + 1))) for n in range(5)]
    expected = {event.full_url for event in events}
    reads = []
    original = Site.get_site_root_paths

    def counted():
        reads.append(1)
        return original()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted))
    fresh = list(EventPage.objects.filter(pk__in=[event.pk for event in events]))
    calendar = calendar_for(fresh, "What's on")
    assert len(reads) == 1
    assert {str(component["url"]) for component in calendar.walk("VEVENT")} == expected
