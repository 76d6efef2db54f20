"""The what's on filters: combinable, in the URL, and safe with any input."""

import datetime

import pytest
from django.utils import timezone

from events.filters import date_range

from .factories import (
    AccessFeatureFactory,
    AreaFactory,
    EventPageFactory,
    GroupPageFactory,
    LanguageFactory,
    TopicFactory,
    VenueFactory,
    in_days,
    publish,
)


def titles(response):
    assert response.status_code == 200
    return sorted({o.event.title for day, items, count in response.context["days"] for o in items})


@pytest.fixture
def town(site_tree):
    food, sport = TopicFactory(name="Food"), TopicFactory(name="Sport")
    north, south = AreaFactory(name="North"), AreaFactory(name="South")
    step_free, loop = AccessFeatureFactory(name="Step-free"), AccessFeatureFactory(name="Loop")
    polish = LanguageFactory(code="pl", name="Polski", english_name="Polish")
    club = GroupPageFactory(title="Supper Club", slug="supper-club")

    def make(
        title,
        days,
        *,
        topics=(),
        area=north,
        free=True,
        access=(),
        languages=(),
        online=False,
        venue=True,
        parent=None,
    ):
        extra = {"parent": parent} if parent else {}
        event = EventPageFactory(
            title=title,
            start=in_days(days, 10),
            end=in_days(days, 12),
            is_free=free,
            price="" if free else "£3",
            venue=VenueFactory(area=area) if venue else None,
            online_url="https://example.org/join" if online else "",
            **extra,
        )
        event.topics.set(topics)
        event.access_features.set(access)
        event.languages.set(languages)
        return publish(event)

    make(
        "Polish supper", 1, topics=[food], access=[step_free, loop], languages=[polish], parent=club
    )
    make("Paid supper", 1, topics=[food], free=False, access=[step_free])
    make("Football", 2, topics=[sport], area=south, access=[loop])
    make("Online quiz", 3, online=True, venue=False)
    make("Far away", 40, topics=[food])
    return site_tree


@pytest.mark.django_db
def test_filters_combine(town, client):
    url = town["whats_on"].url
    assert titles(client.get(url)) == [
        "Far away",
        "Football",
        "Online quiz",
        "Paid supper",
        "Polish supper",
    ]
    assert titles(client.get(url, {"topic": "food"})) == [
        "Far away",
        "Paid supper",
        "Polish supper",
    ]
    assert titles(client.get(url, {"topic": "food", "free": "on"})) == ["Far away", "Polish supper"]
    assert titles(client.get(url, {"area": "south"})) == ["Football"]
    assert titles(client.get(url, {"group": "supper-club"})) == ["Polish supper"]
    assert titles(client.get(url, {"language": "pl"})) == ["Polish supper"]
    assert titles(client.get(url, {"access": ["step-free", "loop"]})) == ["Polish supper"]
    assert titles(client.get(url, {"access": "step-free"})) == ["Paid supper", "Polish supper"]
    assert titles(client.get(url, {"mode": "online"})) == ["Online quiz"]
    assert "Online quiz" not in titles(client.get(url, {"mode": "in-person"}))
    assert titles(client.get(url, {"when": "week"})) == [
        "Football",
        "Online quiz",
        "Paid supper",
        "Polish supper",
    ]
    assert titles(client.get(url, {"when": "tomorrow"})) == ["Paid supper", "Polish supper"]
    start = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    end = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    assert titles(client.get(url, {"start": start, "end": end})) == ["Football", "Online quiz"]
    assert titles(
        client.get(
            url,
            {
                "topic": "food",
                "free": "on",
                "access": "step-free",
                "language": "pl",
                "when": "week",
            },
        )
    ) == ["Polish supper"]


@pytest.mark.django_db
def test_days_carry_counts_and_the_form_keeps_its_state(town, client):
    response = client.get(town["whats_on"].url, {"topic": "food"})
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    counts = {day: count for day, items, count in response.context["days"]}
    assert counts[tomorrow] == 2
    html = response.content.decode()
    assert "(2 events)" in html
    assert '<option value="food" selected>' in html
    assert "<legend" in html
    assert '<option value="pl" lang="pl">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, ignored",
    [
        ({"topic": "no-such-topic"}, "Topic"),
        ({"area": "x" * 100000}, "Area"),
        ({"start": "2026-02-31"}, "From"),
        ({"start": "not a date", "end": "also not"}, "From"),
        ({"start": "9999-01-01"}, "From"),
        ({"when": "yesterday"}, "When"),
        ({"group": "\x00<script>"}, "Group"),
        ({"language": "'; DROP TABLE events; --"}, "Language spoken"),
        ({"access": ["step-free", "nope"]}, "Access"),
        ({"mode": ["online", "moon"]}, "In person or online"),
    ],
)
def test_hostile_parameters_are_ignored_with_a_note(town, client, params, ignored):
    response = client.get(town["whats_on"].url, params)
    assert response.status_code == 200
    assert "were not recognised" in response.content.decode()
    assert ignored in response.context["filters"].ignored_labels
    assert len(titles(response)) >= 4  # the bad filter is left out, not applied


@pytest.mark.django_db
def test_repeated_parameters_take_the_last_value(town, client):
    response = client.get(town["whats_on"].url + "?area=north&area=south")
    assert titles(response) == ["Football"]
    assert "were not recognised" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "-1", "0", "999999", "1" * 5000])
def test_bad_page_numbers_are_not_found(town, client, page):
    assert client.get(town["whats_on"].url, {"page": page}).status_code == 404


@pytest.mark.django_db
def test_end_before_start_is_refused(town, client):
    today = timezone.localdate()
    response = client.get(
        town["whats_on"].url,
        {"start": (today + datetime.timedelta(days=3)).isoformat(), "end": today.isoformat()},
    )
    assert response.status_code == 200
    assert "To" in response.context["filters"].ignored_labels


def test_this_weekend_on_a_weekday_and_on_sunday(settings):
    settings.TIME_ZONE = "Europe/London"
    wednesday = timezone.make_aware(datetime.datetime(2026, 7, 1, 9))
    start, end = date_range({"when": "weekend"}, now=wednesday)
    assert timezone.localtime(start).date() == datetime.date(2026, 7, 4)
    assert timezone.localtime(end).date() == datetime.date(2026, 7, 6)
    sunday = timezone.make_aware(datetime.datetime(2026, 7, 5, 9))
    start, end = date_range({"when": "weekend"}, now=sunday)
    assert start == sunday
    assert timezone.localtime(end).date() == datetime.date(2026, 7, 6)
