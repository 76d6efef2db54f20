"""Related content: a group's upcoming events and news, more from an event's
group and similar events, related news."""

import pytest

from .factories import (
    AreaFactory,
    EventPageFactory,
    GroupPageFactory,
    NewsPageFactory,
    TopicFactory,
    VenueFactory,
    in_days,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site_tree):
    food = TopicFactory(name="Food")
    sport = TopicFactory(name="Sport")
    centre = AreaFactory(name="Town Centre")
    elsewhere = AreaFactory(name="Elsewhere")
    hall = VenueFactory(name="Church Hall", area=centre)
    far = VenueFactory(name="Far Field", area=elsewhere)
    pantry = publish(GroupPageFactory(title="Community Pantry"))
    club = publish(GroupPageFactory(title="Football Club"))
    cafe = publish(GroupPageFactory(title="Repair Cafe"))

    def event(parent, title, topics=(), venue=far, days=7, **fields):
        page = EventPageFactory(
            parent=parent, title=title, venue=venue, start=in_days(days), end=in_days(days, 12)
        )
        page.topics.add(*topics)
        return publish(page)

    lunch = event(pantry, "Pantry lunch", [food], hall)
    event(pantry, "Pantry breakfast", [food], far, days=3)
    event(pantry, "Pantry last year", [food], far, days=-300)
    event(club, "Football and food", [sport, food], far, days=5)
    event(club, "Match day", [sport], far, days=4)
    event(cafe, "Fix-it in the hall", [], hall, days=6)
    draft = EventPageFactory(parent=cafe, title="Secret supper", venue=hall)
    draft.topics.add(food)
    draft.save()

    def news(parent, title, topics=(), **fields):
        page = NewsPageFactory(parent=parent, title=title, **fields)
        page.topics.add(*topics)
        return publish(page)

    item = news(pantry, "Pantry opens", [food])
    news(pantry, "Pantry thanks volunteers", [])
    news(site_tree["news"], "Food festival coming", [food])
    news(club, "New football kit", [sport])
    return {"lunch": lunch, "item": item, "pantry": pantry}


def section(html, heading):
    start = html.index(heading)
    return html[start : html.index("</section>", start)]


def test_an_event_shows_more_from_its_group(client, content):
    html = client.get(content["lunch"].url).content.decode()
    more = section(html, "More from Community Pantry")
    assert "Pantry breakfast" in more
    assert "Pantry last year" not in more  # past
    assert "Pantry lunch" not in more  # itself


def test_an_event_shows_similar_events_by_topic_and_area(client, content):
    html = client.get(content["lunch"].url).content.decode()
    similar = section(html, "Similar events")
    assert "Football and food" in similar  # shares a topic
    assert "Fix-it in the hall" in similar  # same area
    assert "Match day" not in similar  # neither
    assert "Secret supper" not in similar  # not live
    assert "Pantry breakfast" not in similar  # already under "more from"
    assert similar.index("Football and food") < similar.index("Fix-it in the hall")


def test_a_news_item_shows_related_news(client, content):
    html = client.get(content["item"].url).content.decode()
    related = section(html, "Related news")
    assert "Pantry thanks volunteers" in related  # same group
    assert "Food festival coming" in related  # same topic
    assert "New football kit" not in related
    assert "Pantry opens" not in related


def test_a_group_lists_its_upcoming_events_and_latest_news(client, content):
    html = client.get(content["pantry"].url).content.decode()
    assert "Pantry breakfast" in html and "Pantry lunch" in html
    assert "Pantry last year" not in html
    assert "Pantry opens" in html and "Pantry thanks volunteers" in html
