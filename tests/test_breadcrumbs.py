"""The breadcrumb trail: the pages above the current one, linked in the
reader's language, with a ``lang`` mark on titles written in another."""

import re

import pytest

pytestmark = pytest.mark.django_db


def trail(client, url):
    """(href, the link's inner HTML) of each breadcrumb link, and the current
    page's item, of the page at ``url``."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)
    if nav is None:
        return None, None
    links = re.findall(r'<a href="([^"]*)">(.*?)</a>', nav.group(0), re.S)
    current = re.search(r'<span aria-current="page"[^>]*>.*?</span>', nav.group(0), re.S)
    return links, current.group(0)


def test_the_trail_links_every_page_above_the_current_one(client, translated_content):
    event = translated_content["event"]
    links, current = trail(client, event.url)
    assert [href for href, _ in links] == ["/", "/groups/", translated_content["group"].url]
    assert links[0][1] == "Home"
    assert links[1][1] == "<span>Groups</span>"
    assert links[2][1] == "<span>Repair Cafe</span>"
    assert current == '<span aria-current="page">Fix-it Saturday</span>'


@pytest.mark.parametrize("language", ["pl", "ur"])
def test_the_trail_stays_in_the_readers_language_and_marks_english_titles(
    client, translated_content, language
):
    """In Polish the event is translated and the group is its untranslated
    copy; in Urdu (right to left) both are copies: the links stay in the
    reader's tree, and an English title is marked as English."""
    event = translated_content["polish_event"] if language == "pl" else None
    url = event.url if event else f"/{language}/groups/repair-cafe/fix-it-saturday/"
    links, current = trail(client, url)
    hrefs = [href for href, _ in links]
    assert hrefs == [f"/{language}/", f"/{language}/groups/", f"/{language}/groups/repair-cafe/"]
    assert links[2][1] == '<span lang="en" dir="auto">Repair Cafe</span>'
    if language == "pl":
        assert current == '<span aria-current="page">Sobota naprawcza</span>'
    else:
        assert current == '<span aria-current="page" lang="en" dir="auto">Fix-it Saturday</span>'


def test_the_home_page_and_the_sections_below_it(client, translated_content):
    assert trail(client, "/") == (None, None)
    links, current = trail(client, "/groups/")
    assert [href for href, _ in links] == ["/"]
    assert current == '<span aria-current="page">Groups</span>'
