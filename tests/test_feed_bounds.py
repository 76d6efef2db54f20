"""The site-wide calendar feed: the next three months unless asked for more,
rebuilt by the worker after a change, and cheap for a calendar app to poll."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.feeds import site_feed_months
from events.views import cached_feed, site_feed_key

from .factories import EventPageFactory, in_days, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def near_and_far(site_tree):
    near = publish(EventPageFactory(title="Soup lunch", start=in_days(10), end=in_days(10, 12)))
    far = publish(EventPageFactory(title="Summer fair", start=in_days(150), end=in_days(150, 16)))
    return near, far


def test_the_site_feed_carries_three_months_by_default(client, near_and_far):
    feed = reverse("events:feed")
    default = client.get(feed).content.decode()
    assert "Soup lunch" in default and "Summer fair" not in default
    longer = client.get(feed + "?months=6").content.decode()
    assert "Soup lunch" in longer and "Summer fair" in longer


@pytest.mark.parametrize(
    ("value", "months"), [(None, 3), ("6", 6), ("0", 1), ("99", 12), ("x" * 500, 3), ("-4", 1)]
)
def test_the_months_parameter_is_bounded(value, months):
    assert site_feed_months(value) == months


def test_hostile_months_values_answer_the_default_feed(client, near_and_far):
    for value in ["nonsense", "1e9", "%00", "-1"]:
        response = client.get(reverse("events:feed"), {"months": value})
        assert response.status_code == 200


def test_a_publish_has_the_worker_rebuild_the_feed_in_every_language(
    site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(EventPageFactory(title="Soup lunch", start=in_days(3), end=in_days(3, 12)))
    # Rebuilt already: the view's cache lookup finds it without building.
    for code in ["en", "cy", "pl", "ur"]:
        with translation.override(code):
            body = cached_feed(site_feed_key(""), lambda: pytest.fail("not rebuilt"))
        assert b"Soup lunch" in body


def test_a_poll_of_an_unchanged_feed_answers_304_without_sql(client, near_and_far):
    feed = reverse("events:feed")
    first = client.get(feed)
    cache_hit = client.get(feed)
    assert cache_hit.content == first.content
    with CaptureQueriesContext(connection) as queries:
        poll = client.get(feed, HTTP_IF_NONE_MATCH=first["ETag"])
    assert poll.status_code == 304 and len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        poll = client.get(feed, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert poll.status_code == 304 and len(queries) == 0


def summaries(body):
    return {line.split(":", 1)[1] for line in body.splitlines() if line.startswith("SUMMARY:")}


def test_a_feed_carries_the_soonest_events_up_to_its_limit(client, site_tree):
    """The size of a feed does not grow with the site: at most ``events``
    events (FEED_EVENTS unless asked), those with the soonest date to come
    first and those that have ended last."""
    publish(EventPageFactory(title="Ended quiz", start=in_days(-5), end=in_days(-5, 21)))
    for day in [1, 2, 3, 4, 5]:
        publish(EventPageFactory(title=f"Walk {day}", start=in_days(day), end=in_days(day, 11)))
    feed = reverse("events:feed")

    def titles(events):
        return summaries(client.get(feed, {"events": events}).content.decode())

    assert titles(3) == {"Walk 1", "Walk 2", "Walk 3"}
    assert titles(5) == {f"Walk {day}" for day in [1, 2, 3, 4, 5]}
    assert titles(6) == {f"Walk {day}" for day in [1, 2, 3, 4, 5]} | {"Ended quiz"}
    assert len(summaries(client.get(feed).content.decode())) == 6  # under FEED_EVENTS


@pytest.mark.parametrize(
    ("value", "count"), [(None, 300), ("50", 50), ("0", 1), ("99999", 2000), ("x" * 500, 300)]
)
def test_the_events_parameter_is_bounded(value, count):
    from events.feeds import feed_event_limit

    assert feed_event_limit(value) == count
