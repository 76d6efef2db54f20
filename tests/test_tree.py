"""The page tree stays as designed: each page type only where it belongs."""

import pytest

from events.models import EventIndexPage, EventPage
from groups.models import GroupIndexPage, GroupPage
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage

from .factories import EventPageFactory, GroupPageFactory, NewsPageFactory, publish


@pytest.mark.parametrize(
    "child, parents",
    [
        (GroupIndexPage, {HomePage}),
        (EventIndexPage, {HomePage}),
        (NewsIndexPage, {HomePage}),
        (StandardPage, {HomePage, StandardPage}),
        (GroupPage, {GroupIndexPage}),
        (EventPage, {GroupPage, EventIndexPage}),
        (NewsPage, {GroupPage, NewsIndexPage}),
    ],
)
def test_page_type_is_allowed_only_under_its_designed_parents(child, parents):
    all_types = {
        HomePage,
        StandardPage,
        GroupIndexPage,
        GroupPage,
        EventIndexPage,
        EventPage,
        NewsIndexPage,
        NewsPage,
    }
    allowed = {
        parent
        for parent in all_types
        if child in parent.allowed_subpage_models() and parent in child.allowed_parent_page_models()
    }
    assert allowed == parents


def test_events_and_news_have_no_children():
    assert EventPage.allowed_subpage_models() == []
    assert NewsPage.allowed_subpage_models() == []


@pytest.mark.django_db
def test_only_one_directory_per_home_page(site_tree):
    assert not GroupIndexPage.can_create_at(site_tree["home"])
    assert not EventIndexPage.can_create_at(site_tree["home"])
    assert not NewsIndexPage.can_create_at(site_tree["home"])


@pytest.mark.django_db
def test_event_and_news_know_the_group_they_sit_under(site_tree):
    group = GroupPageFactory()
    event = EventPageFactory(parent=group)
    news = NewsPageFactory(parent=group)
    assert event.group == group
    assert news.group == group


@pytest.mark.django_db
def test_event_under_whats_on_page_has_no_group(site_tree):
    event = EventPageFactory(parent=site_tree["whats_on"])
    assert event.group is None


@pytest.mark.django_db
def test_moving_an_event_to_another_group_changes_its_group(site_tree):
    first, second = GroupPageFactory(), GroupPageFactory()
    event = publish(EventPageFactory(parent=first))
    event.move(second, pos="last-child")
    event.refresh_from_db()
    assert event.group == second
