"""iCalendar feeds per language: /pl/calendar/… carries each event in Polish
where it is translated, else in English, and never the same event twice."""

import icalendar
import pytest
from django.utils import timezone

from .factories import EventPageFactory, publish


def summaries(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


@pytest.mark.django_db
def test_whats_on_feed_is_in_the_visitors_language(translated_content, client):
    _calendar, polish = summaries(client, "/pl/calendar/whats-on.ics")
    assert polish == ["Sewing circle", "Sobota naprawcza"]
    _calendar, english = summaries(client, "/calendar/whats-on.ics")
    assert english == ["Fix-it Saturday", "Sewing circle"]


@pytest.mark.django_db
def test_group_feed_in_another_language_keeps_untranslated_events(translated_content, client):
    _calendar, polish = summaries(client, "/pl/calendar/group/repair-cafe.ics")
    assert polish == ["Sewing circle", "Sobota naprawcza"]
    _calendar, english = summaries(client, "/calendar/group/repair-cafe.ics")
    assert english == ["Fix-it Saturday", "Sewing circle"]


@pytest.mark.django_db
def test_topic_feed_is_named_in_the_visitors_language(translated_content, client):
    event = translated_content["event"]
    event.topics.add(translated_content["group"].topics.first())
    publish(event)
    calendar, polish = summaries(client, "/pl/calendar/topic/food.ics")
    assert "Jedzenie" in str(calendar["X-WR-CALNAME"])
    calendar, english = summaries(client, "/calendar/topic/food.ics")
    assert "Food" in str(calendar["X-WR-CALNAME"])
    assert english == ["Fix-it Saturday"]


@pytest.mark.django_db
def test_group_archive_in_another_language_lists_the_groups_past_events(translated_content, client):
    past = EventPageFactory(
        parent=translated_content["group"],
        title="Last year's fair",
        start=timezone.now() - timezone.timedelta(days=20, hours=2),
        end=timezone.now() - timezone.timedelta(days=20),
    )
    publish(past)
    response = client.get("/pl/whats-on/past/repair-cafe/")
    assert response.status_code == 200
    assert "Last year&#x27;s fair" in response.content.decode()
