"""Suggestions while typing: a small JSON answer, bounded, never an error."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from .factories import GroupPageFactory, StandardPageFactory, publish
from .helpers import HOSTILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree):
    publish(GroupPageFactory(title="Repair Café", summary="We fix things."))
    publish(GroupPageFactory(title="Repton Ramblers", summary="Walks every Sunday."))
    draft = GroupPageFactory(title="Repainting club", live=False)
    StandardPageFactory(parent=site_tree["about"], title="Report a problem")
    return {"draft": draft}


def suggest(client, q):
    response = client.get("/search/autocomplete/", {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["results"]


def test_titles_urls_and_kinds_of_live_pages(client, pages):
    results = suggest(client, "rep")
    assert {r["title"] for r in results} == {"Repair Café", "Repton Ramblers", "Report a problem"}
    repair = next(r for r in results if r["title"] == "Repair Café")
    assert repair["url"] == "/groups/repair-cafe/"
    assert repair["type"] == "Group"
    assert suggest(client, "repair")[0]["title"] == "Repair Café"


def test_at_most_eight_and_nothing_for_one_letter(client, site_tree):
    for number in range(12):
        publish(GroupPageFactory(title=f"Knitting circle {number}"))
    assert len(suggest(client, "knit")) == 8
    assert suggest(client, "k") == []
    assert suggest(client, "") == []


def test_repeated_suggestions_are_cached(client, pages):
    with CaptureQueriesContext(connection) as first:
        suggest(client, "rep")
    with CaptureQueriesContext(connection) as again:
        suggest(client, "rep")
    assert len(again) == 1 < len(first)  # only the active locale is looked up


def test_a_page_made_private_leaves_the_cached_suggestions_at_once(client, pages):
    cafe = Page.objects.get(title="Repair Café")
    assert "Repair Café" in [result["title"] for result in suggest(client, "rep")]
    PageViewRestriction.objects.create(page=cafe, restriction_type=PageViewRestriction.LOGIN)
    assert "Repair Café" not in [result["title"] for result in suggest(client, "rep")]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_input_never_breaks_it(client, pages, q):
    suggest(client, q)


def test_the_search_page_offers_it_to_its_script(client, pages):
    html = client.get("/search/").content.decode()
    # The search page's own box and the header's box on every page.
    assert html.count('data-autocomplete-url="/search/autocomplete/"') == 2
    assert html.count('<script src="/static/js/search.js" defer>') == 1
    polish = client.get("/pl/").content.decode()
    assert 'id="site-search-query"' in polish
    assert 'data-autocomplete-url="/pl/search/autocomplete/"' in polish
    assert '<script src="/static/js/search.js" defer>' in polish
    script = client.get("/static/js/search.js")
    assert script.status_code == 200
    body = b"".join(script.streaming_content) if script.streaming else script.content
    assert b"datalist" in body
    assert b"://" not in body  # nothing from another host


def test_suggestions_are_cached_per_language(client, pages):
    from django.core.management import call_command

    from groups.models import GroupPage
    from translations.locales import translate_page

    call_command("sync_locales", stdout=open("/dev/null", "w"))
    english = GroupPage.objects.get(title="Repair Café", locale__language_code="en")
    translate_page(english, "pl", title="Repair Café po polsku", slug="kawiarenka")
    assert "Repair Café" in {r["title"] for r in suggest(client, "repair")}  # now cached
    response = client.get("/pl/search/autocomplete/", {"q": "repair"})
    polish = {r["title"] for r in response.json()["results"]}
    assert "Repair Café po polsku" in polish
    assert "Repair Café" not in polish
