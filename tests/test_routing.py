"""Addresses below the home page are found in two queries whatever their depth
(home/routing.py), with Wagtail's answers: in every language and through
untranslated copies, for routes of a page type's own, for a page above that
is not live, and for addresses that name no page."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from home.routing import MAX_LEVELS, page_below

from .factories import EventPageFactory, GroupPageFactory, StandardPageFactory, publish

pytestmark = pytest.mark.django_db


def answer(route, root, path_components):
    """The page (of which type), the arguments it is served with, or the error."""
    try:
        page, args, kwargs = route(root, RequestFactory().get("/"), path_components)
    except Http404:
        return Http404
    # A page type's own route is given as (its view, args, kwargs); bound
    # methods of two instances of the same page never compare equal.
    args = [getattr(arg, "__func__", arg) for arg in args]
    return page, type(page), args, kwargs


def wagtails_answer(root, path_components):
    """What Wagtail's own routing, level by level, finds."""
    return answer(Page.route, root, path_components)


def ours(root, path_components):
    return answer(type(root).route, root, path_components)


def test_every_page_of_every_language_is_found_as_wagtail_finds_it(translated_content):
    homes = [site.root_page.specific for site in Site.objects.all()]
    homes = [home.specific for home in homes[0].get_translations(inclusive=True)]
    assert len(homes) == 4  # en, cy, pl, ur
    checked = 0
    for home in homes:
        for page in Page.objects.descendant_of(home).specific():
            components = page.url_path[len(home.url_path) :].strip("/").split("/")
            expected = wagtails_answer(home, components)
            assert ours(home, components) == expected, page.url_path
            assert page_below(home, components) == page
            checked += 1
    assert checked > 20  # translations and untranslated copies (aliases) included


def test_a_deep_page_costs_two_queries(translated_content):
    home = Site.objects.get().root_page.specific
    event = translated_content["event"]
    components = event.url_path[len(home.url_path) :].strip("/").split("/")
    assert len(components) == 3
    with CaptureQueriesContext(connection) as queries:
        page, args, kwargs = home.route(RequestFactory().get("/"), components)
    assert page == event and type(page) is type(event)
    assert len(queries) == 2


def test_a_page_types_own_routes_are_its_own(client, translated_content):
    """What's on answers past/<group>/ itself: it is not a child page."""
    group = translated_content["group"]
    response = client.get(f"/whats-on/past/{group.slug}/")
    assert response.status_code == 200
    assert client.get("/whats-on/past/no-such-group/").status_code == 404


def test_below_a_page_that_is_not_live_and_addresses_of_no_page(client, site_tree):
    group = GroupPageFactory(title="Draft group", slug="draft-group", live=False)
    event = publish(EventPageFactory(parent=group, title="Open day", slug="open-day"))
    home = site_tree["home"]
    for components in (
        ["groups", "draft-group", "open-day"],  # served, as Wagtail serves it
        ["groups", "draft-group"],  # not live: 404
        ["groups", "draft-group", "nothing-here"],
        ["groups", "Draft-Group", "open-day"],  # slugs are matched exactly
        ["nothing", "here"],
    ):
        assert ours(home, components) == wagtails_answer(home, components), components
    assert client.get(event.url).status_code == 200
    assert client.get("/groups/draft-group/").status_code == 404
    assert client.get("/groups/draft-group/nothing-here/").status_code == 404


def test_a_made_up_deep_address_is_a_404_in_small_queries(client, site_tree):
    """Thousands of levels (a hostile address) cost what Wagtail's routing
    costs: a query for the first level that is not there."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/" + "a/" * 1500)
    assert response.status_code == 404
    assert max(len(query["sql"]) for query in queries) < 5000


def test_a_page_deeper_than_the_two_query_routing_is_served_by_wagtails(client, site_tree):
    parent = site_tree["about"]
    for level in range(MAX_LEVELS + 1):
        parent = publish(StandardPageFactory(parent=parent, title=f"Level {level}"))
    home = site_tree["home"]
    components = parent.url_path[len(home.url_path) :].strip("/").split("/")
    assert len(components) > MAX_LEVELS
    assert page_below(home, components) is None
    assert ours(home, components) == wagtails_answer(home, components)
    assert client.get(parent.url).status_code == 200
