"""Occurrences follow the life of an event page, and listings read them."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventOccurrence

from .factories import EventPageFactory, in_days, publish


@pytest.mark.django_db
def test_publishing_writes_the_occurrence(site_tree):
    event = EventPageFactory(start=in_days(3, 18), end=in_days(3, 20))
    assert not EventOccurrence.objects.filter(event=event).exists()
    publish(event)
    occurrence = EventOccurrence.objects.get(event=event)
    assert (occurrence.start, occurrence.end) == (in_days(3, 18), in_days(3, 20))


@pytest.mark.django_db
def test_republishing_a_changed_time_rewrites_the_occurrence(site_tree):
    event = publish(EventPageFactory(start=in_days(3, 18), end=in_days(3, 20)))
    event.start, event.end = in_days(4, 9), in_days(4, 11)
    publish(event)
    assert list(EventOccurrence.objects.filter(event=event).values_list("start", flat=True)) == [
        in_days(4, 9)
    ]


@pytest.mark.django_db
def test_unpublishing_removes_occurrences(site_tree):
    event = publish(EventPageFactory())
    event.unpublish()
    assert not EventOccurrence.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_deleting_removes_occurrences(site_tree):
    event = publish(EventPageFactory())
    event_id = event.pk
    event.delete()
    assert not EventOccurrence.objects.filter(event_id=event_id).exists()


@pytest.mark.django_db
def test_saving_a_draft_does_not_change_the_listing(site_tree):
    event = publish(EventPageFactory(start=in_days(3, 18), end=in_days(3, 20)))
    event.start, event.end = in_days(9, 9), in_days(9, 10)
    event.save_revision()
    assert EventOccurrence.objects.get(event=event).start == in_days(3, 18)


@pytest.mark.django_db
def test_upcoming_lists_only_live_future_occurrences_in_time_order(site_tree):
    later = publish(EventPageFactory(title="Later", start=in_days(5, 10), end=in_days(5, 11)))
    sooner = publish(EventPageFactory(title="Sooner", start=in_days(1, 10), end=in_days(1, 11)))
    publish(EventPageFactory(title="Past", start=in_days(-3, 10), end=in_days(-3, 11)))
    EventPageFactory(title="Draft", start=in_days(2, 10), end=in_days(2, 11))  # never published
    unpublished = publish(EventPageFactory(title="Gone", start=in_days(2, 10), end=in_days(2, 12)))
    unpublished.unpublish()

    titles = [o.event.title for o in EventOccurrence.objects.upcoming()]
    assert titles == [sooner.title, later.title]


@pytest.mark.django_db
def test_an_event_happening_now_is_still_listed(site_tree):
    now = timezone.now()
    event = publish(
        EventPageFactory(
            start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=1)
        )
    )
    assert [o.event for o in EventOccurrence.objects.upcoming()] == [event]


@pytest.mark.django_db
def test_private_events_are_not_listed(site_tree):
    event = publish(EventPageFactory())
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    assert list(EventOccurrence.objects.upcoming()) == []
