"""The event page: add to calendar, JSON-LD, OpenGraph, subscribe links."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from events.models import EventPage

from .factories import EventPageFactory, GroupPageFactory, in_days, publish


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_event_page_has_calendar_links_json_ld_and_opengraph(site_tree, client):
    group = GroupPageFactory(title="Repair club", slug="repair-club")
    event = publish(
        EventPageFactory(
            parent=group,
            title="Repair café </script><b>",
            repeat="monthly-weekday",
            monthly_week=1,
            online_url="https://example.org/live",
            is_free=False,
            price="£2",
            booking_url="https://example.org/book",
        )
    )
    html = client.get(event.url).content.decode()
    assert f'href="/calendar/event/{event.pk}.ics"' in html
    google = re.search(r'href="(https://calendar.google.com/[^"]+)"', html).group(1)
    query = parse_qs(urlsplit(google.replace("&amp;", "&")).query)
    assert query["text"] == [event.title]
    assert query["recur"][0].startswith("RRULE:FREQ=MONTHLY;BYDAY=1")
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"][0]["address"]["postalCode"] == "AM1 1AA"
    assert data["organizer"]["name"] == "Repair club"
    assert data["offers"]["price"] == "£2"
    assert "</script><b>" not in html.split('type="application/ld+json"')[1].split("</script>")[0]
    assert '<meta property="og:title"' in html
    assert "webcal://testserver/calendar/group/repair-club.ics" in html
    assert "openstreetmap.org" in html


@pytest.mark.django_db
def test_cancelled_event_says_so_everywhere(site_tree, client):
    event = publish(EventPageFactory(status=EventPage.Status.CANCELLED))
    html = client.get(event.url).content.decode()
    assert json_ld(html)["eventStatus"] == "https://schema.org/EventCancelled"
    assert "This event is cancelled" in html
    assert "Add to your calendar" not in html
    listing = client.get(site_tree["whats_on"].url).content.decode()
    assert "occurrence--cancelled" in listing


@pytest.mark.django_db
def test_past_event_is_marked_and_out_of_listings(site_tree, client):
    event = publish(EventPageFactory(start=in_days(-3, 10), end=in_days(-3, 12)))
    response = client.get(event.url)
    assert response.status_code == 200
    assert "This event has passed" in response.content.decode()
    assert event.title not in client.get(site_tree["whats_on"].url).content.decode()


@pytest.mark.django_db
def test_whats_on_links_to_the_feed_of_its_filters(site_tree, client):
    html = client.get(site_tree["whats_on"].url, {"free": "on", "topic": "nope"}).content.decode()
    assert "/calendar/whats-on.ics?free=on" in html
    assert "topic=nope" not in html


@pytest.mark.django_db
def test_group_archive_lists_past_dates_only(site_tree, client):
    group = GroupPageFactory(title="Walkers", slug="walkers")
    publish(
        EventPageFactory(parent=group, title="Old walk", start=in_days(-10), end=in_days(-10, 12))
    )
    publish(EventPageFactory(parent=group, title="Next walk"))
    publish(EventPageFactory(title="Someone else's", start=in_days(-5), end=in_days(-5, 12)))
    group_html = client.get(group.url).content.decode()
    assert 'href="/whats-on/past/walkers/"' in group_html
    response = client.get("/whats-on/past/walkers/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Old walk" in html
    assert "Next walk" not in html and "Someone else" not in html
    assert client.get("/whats-on/past/nobody/").status_code == 404
    assert client.get("/whats-on/past/walkers/", {"page": "abc"}).status_code == 404
