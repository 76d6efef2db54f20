"""The group directory: filters that combine and live in the address, A-Z,
recently updated and nearest first, counts, empty states and hostile input."""

import datetime

import pytest
from django.utils import timezone

from groups.models import GroupPage

from .factories import (
    AccessFeatureFactory,
    AreaFactory,
    GroupPageFactory,
    LanguageFactory,
    TopicFactory,
    VenueFactory,
    publish,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(site_tree):
    food = TopicFactory(name="Food")
    sport = TopicFactory(name="Sport")
    centre = AreaFactory(name="Town Centre", latitude="52.706100", longitude="-1.398200")
    westfield = AreaFactory(name="Westfield", latitude="52.703900", longitude="-1.418600")
    moor = AreaFactory(name="Moor Side", latitude="52.714800", longitude="-1.384900")
    polish = LanguageFactory(code="pl", name="Polski", english_name="Polish")
    step_free = AccessFeatureFactory(name="Step-free access")
    loop = AccessFeatureFactory(name="Hearing loop")

    def group(title, *, kind, topics, areas, venue_at=None, **fields):
        venue = (
            VenueFactory(latitude=venue_at[0], longitude=venue_at[1], area=areas[0])
            if venue_at
            else None
        )
        page = GroupPageFactory(title=title, kind=kind, venue=venue, **fields)
        page.topics.add(*topics)
        page.areas.add(*areas)
        return page

    pantry = group(
        "Community Pantry",
        kind="informal",
        topics=[food],
        areas=[centre],
        venue_at=("52.706800", "-1.397100"),
        looking_for_volunteers=True,
    )
    pantry.access_features.add(step_free, loop)
    pantry.languages.add(polish)
    juniors = group(
        "Westfield Juniors",
        kind="community",
        topics=[sport],
        areas=[westfield],
        venue_at=("52.704000", "-1.418000"),
        looking_for_volunteers=True,
    )
    juniors.access_features.add(step_free)
    kitchen = group(
        "Moor Side Kitchen",
        kind="informal",
        topics=[food, sport],
        areas=[moor],
        venue_at=("52.714000", "-1.385000"),
        looking_for_volunteers=True,
    )
    charity = group(
        "Food Bank", kind="charity", topics=[food], areas=[centre], charity_number="123"
    )
    online = group(
        "Online Chess", kind="informal", topics=[sport], areas=[westfield], meets_online=True
    )
    pages = [pantry, juniors, kitchen, charity, online]
    for page in pages:
        publish(page)
    # Recently updated: chess newest, then the kitchen, the rest older.
    now = timezone.now()
    for days, page in [(1, online), (2, kitchen), (10, pantry), (11, juniors), (12, charity)]:
        GroupPage.objects.filter(pk=page.pk).update(
            last_published_at=now - datetime.timedelta(days=days)
        )
    return site_tree


def listed(client, town, **params):
    response = client.get(town["groups"].url, params)
    assert response.status_code == 200
    return response, [group.title for group in response.context["groups"]]


def test_a_to_z_by_default_with_the_total(client, town):
    response, titles = listed(client, town)
    assert titles == [
        "Community Pantry",
        "Food Bank",
        "Moor Side Kitchen",
        "Online Chess",
        "Westfield Juniors",
    ]
    assert "5 groups" in response.content.decode()


def test_recently_updated_first(client, town):
    _, titles = listed(client, town, order="updated")
    assert titles[:2] == ["Online Chess", "Moor Side Kitchen"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"topic": "food"}, {"Community Pantry", "Food Bank", "Moor Side Kitchen"}),
        (
            {"topic": ["food", "sport"]},
            {
                "Community Pantry",
                "Food Bank",
                "Moor Side Kitchen",
                "Online Chess",
                "Westfield Juniors",
            },
        ),
        ({"area": "westfield"}, {"Westfield Juniors", "Online Chess"}),
        ({"kind": "informal"}, {"Community Pantry", "Moor Side Kitchen", "Online Chess"}),
        ({"kind": ["charity", "community"]}, {"Food Bank", "Westfield Juniors"}),
        ({"volunteers": "1"}, {"Community Pantry", "Westfield Juniors", "Moor Side Kitchen"}),
        ({"online": "1"}, {"Online Chess"}),
        ({"language": "pl"}, {"Community Pantry"}),
        ({"access": "step-free-access"}, {"Community Pantry", "Westfield Juniors"}),
        ({"access": ["step-free-access", "hearing-loop"]}, {"Community Pantry"}),
        ({"kind": "informal", "volunteers": "1"}, {"Community Pantry", "Moor Side Kitchen"}),
        ({"kind": "informal", "volunteers": "1", "topic": "sport"}, {"Moor Side Kitchen"}),
        ({"topic": "food", "area": "town-centre"}, {"Community Pantry", "Food Bank"}),
    ],
)
def test_filters_combine(client, town, params, expected):
    _, titles = listed(client, town, **params)
    assert set(titles) == expected
    assert len(titles) == len(expected)  # nobody listed twice


def test_counts_show_what_each_choice_would_give(client, town):
    response, _ = listed(client, town, kind="informal")
    facets = response.context["facets"]
    topics = {value: count for value, _label, count, _sel in facets["topic"]}
    kinds = {value: count for value, _label, count, _sel in facets["kind"]}
    assert topics == {"food": 2, "sport": 2}  # among informal groups
    assert kinds == {"charity": 1, "community": 1, "informal": 3}  # other kinds still offered
    html = response.content.decode()
    assert 'value="informal" checked' in html


def test_informal_groups_looking_for_volunteers_near_an_area_nearest_first(client, town):
    response, titles = listed(
        client, town, kind="informal", volunteers="1", order="near", near="moor-side"
    )
    assert titles == ["Moor Side Kitchen", "Community Pantry"]
    distances = [group.distance_km for group in response.context["groups"]]
    assert distances[0] < 0.2 < 1.0 < distances[1] < 3.0
    html = response.content.decode()
    assert "nearest to Moor Side first" in html
    assert "km away" in html


def test_nearest_to_the_browsers_position_and_groups_without_a_place_last(client, town):
    response, titles = listed(client, town, order="near", lat="52.7040", lng="-1.4180")
    assert titles[0] == "Westfield Juniors"
    assert titles[-2:] == ["Food Bank", "Online Chess"]  # no venue: last, A to Z
    assert 'name="lat" id="dir-lat" value="52.704"' in response.content.decode()


def test_nearest_first_without_a_place_asks_for_one(client, town):
    response, titles = listed(client, town, order="near")
    assert titles[0] == "Community Pantry"
    assert "choose an area or use your location" in response.content.decode()


def test_no_match_says_remove_a_filter(client, town):
    response, titles = listed(client, town, online="1", topic="food")
    assert titles == []
    assert "No groups match: remove a filter" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "no-such-topic"},
        {"area": "<script>alert(1)</script>"},
        {"kind": "pirate"},
        {"language": "klingon"},
        {"access": "' OR 1=1 --"},
        {"order": "random"},
        {"near": "atlantis", "order": "near"},
        {"lat": "nan", "lng": "inf", "order": "near"},
        {"lat": "999", "lng": "-1.4", "order": "near"},
        {"lat": "x" * 10_000, "lng": "1"},
        {"volunteers": "yes please"},
        {"topic": ["food"] * 500},
    ],
)
def test_hostile_values_are_ignored_with_a_note_never_an_error(client, town, params):
    response = client.get(town["groups"].url, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert len(response.context["groups"]) >= 3
    if params.get("topic") != ["food"] * 500 and "volunteers" not in params:
        assert "not recognised" in html


def test_the_location_button_is_optional_and_local(client, town):
    html = client.get(town["groups"].url).content.decode()
    assert 'id="dir-locate" hidden' in html
    assert '<script src="/static/js/directory.js" defer>' in html
    script = client.get("/static/js/directory.js")
    body = b"".join(script.streaming_content) if script.streaming else script.content
    assert b"geolocation" in body
    assert b"://" not in body
