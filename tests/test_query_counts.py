"""Every public page costs a fixed number of SQL queries, however much content
the site holds. Each page is measured with 10 and with 100 items of content;
the counts must be equal, and equal to the pinned number."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.pagecache import purge_pages

from .factories import (
    AccessFeatureFactory,
    AreaFactory,
    EventPageFactory,
    GroupPageFactory,
    LanguageFactory,
    NewsPageFactory,
    TopicFactory,
    publish,
)

# Pinned query counts per page. A change here needs a reason in the commit.
# Most of each number is fixed cost: routing (the home page, then two queries
# for the page whatever its depth, with the related rows its page type names
# in SERVED_WITH, home/routing.py), the site, locale and settings, the
# navigation and breadcrumbs;
# detail pages add one query per related list they show (topics, languages …).
# The language switcher adds two: the page's translations in one
# query, and the locales' home pages in one more when a language lacks the
# page (as here: these pages have no other-language versions).
# Which sections are private or expired is asked once per request, however
# many listings the page shows; serving a page checks its view restrictions,
# and those of its translations and aliases, in one query more only when some
# page of the site is restricted (home/listing.py); here none is.
# What's on: +4 for the filter form's choices (topics, areas, access features,
# languages) and +1 for the per-day counts; its group filter is a text field,
# so it costs nothing however many groups there are; filters add no queries.
# Group: +1 to find what's on for the link to the group's past events.
# Groups: +8 for the directory form's choices and counts and one
# query for every card's logo rendition. Event: +4 for "more from this group"
# and "similar events"; news item: +2 for related news.
EXPECTED = {
    "home": 13,
    "groups": 23,
    "groups_filtered": 23,
    "group": 19,
    "whats_on": 18,
    "whats_on_filtered": 18,
    "event": 17,
    "news": 13,
    "news_item": 13,
    "about": 11,
    "search": 13,
    "search_any_word": 17,
}


def add_content(tree, group, count):
    """``count`` groups, events (half of them in ``group``) and news items, with
    images, topics, languages and access features, as real content has."""
    topic = TopicFactory(name="Food")
    area = AreaFactory(name="Near here")
    feature = AccessFeatureFactory(name="Step-free access")
    language = LanguageFactory()
    for i in range(count):
        image = wagtail_factories.ImageFactory()
        other = GroupPageFactory(logo=image)
        other.topics.add(topic)
        other.languages.add(language)
        other.areas.add(area)
        other.access_features.add(feature)
        other.save()
        parent = group if i % 2 else other
        event = EventPageFactory(parent=parent, image=image)
        event.topics.add(topic)
        event.access_features.add(feature)
        event.languages.add(language)
        publish(event)
        news = NewsPageFactory(parent=parent, image=image)
        news.topics.add(topic)
        news.save()


def queries_for(client, url):
    """The queries of building the page (the anonymous page cache purged first)."""
    client.get(url)  # the first request fills per-site caches (site root paths)
    purge_pages()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


# The same pages when another address was built since the last change (a
# page of a listing, a filter, another page): what every page shows of the
# site (navigation, section addresses, language homes, which sections are
# private, the site and its settings, the filter forms' choices) is built once
# per version of the page cache (home/sitewide.py), so each page asks only
# about itself.
EXPECTED_ONCE_BUILT = {
    "home": 5,
    "groups": 13,
    "groups_filtered": 13,
    "group": 12,
    "whats_on": 8,
    "whats_on_filtered": 8,
    "event": 11,
    "news": 7,
    "news_item": 7,
    "about": 5,
    "search": 7,
    "search_any_word": 11,
}


def queries_once_built(client, url):
    """The queries of building ``url`` anew after the site's other pages were
    built under the same version of the page cache."""
    purge_pages()
    client.get("/")
    client.get(url)
    separator = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"{url}{separator}unread=1")
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache") != "hit", url
    return len(context)


@pytest.mark.django_db
def test_query_counts_are_fixed_and_pinned(site_tree, client):
    group = GroupPageFactory(title="Measured group", logo=wagtail_factories.ImageFactory())
    add_content(site_tree, group, 10)
    event = group.get_children().type(EventPageFactory._meta.model).first().specific
    news_item = group.get_children().type(NewsPageFactory._meta.model).first().specific
    urls = {
        "home": "/",
        "groups": site_tree["groups"].url,
        # Every filter, counts and nearest first from an area.
        "groups_filtered": site_tree["groups"].url
        + "?topic=food&kind=community&language=pl&access=step-free-access"
        + "&area=near-here&order=near&near=near-here",
        "group": group.url,
        "whats_on": site_tree["whats_on"].url,
        "whats_on_filtered": site_tree["whats_on"].url
        + "?when=week&topic=food&free=on&access=step-free&language=pl&mode=in-person"
        + f"&group={group.slug}&area=nowhere",
        "event": event.url,
        "news": site_tree["news"].url,
        "news_item": news_item.url,
        "about": site_tree["about"].url,
        # Events match; facets, next dates and places for the page of results.
        "search": "/search/?query=coffee&topic=food",
        # No page has every word, so any word: groups, events and news are
        # matched and counted; the page shown is news only, since loading the
        # page of results costs one query per kind of page on it (at most four).
        "search_any_word": "/search/?query=coffee+group+item&type=news",
    }
    with_10 = {name: queries_for(client, url) for name, url in urls.items()}
    warm_10 = {name: queries_once_built(client, url) for name, url in urls.items()}
    add_content(site_tree, group, 90)
    with_100 = {name: queries_for(client, url) for name, url in urls.items()}
    warm_100 = {name: queries_once_built(client, url) for name, url in urls.items()}

    assert with_10 == with_100
    assert with_10 == EXPECTED, with_10
    assert warm_10 == warm_100
    assert warm_10 == EXPECTED_ONCE_BUILT, warm_10


# The same pages read in Polish, where only the home and section pages are
# translated: listings then show the English items marked as English, with
# topics and areas looked up in Polish (one query per kind of term). The
# directory and what's on add their filter forms' costs, as in English.
EXPECTED_POLISH = {
    "home": 15,
    "groups": 26,
    "whats_on": 20,
    "news": 14,
}
# Once built, as in English above.
EXPECTED_POLISH_ONCE_BUILT = {
    "home": 7,
    "groups": 15,
    "whats_on": 10,
    "news": 9,
}


@pytest.mark.django_db
def test_query_counts_in_another_language_are_fixed_and_pinned(site_tree, client):
    from translations.locales import translate_page

    group = GroupPageFactory(title="Measured group", logo=wagtail_factories.ImageFactory())
    add_content(site_tree, group, 10)
    pages = {
        name: translate_page(site_tree[name], "pl", title=f"{name} (pl)", slug=f"{name}-pl")
        for name in ["home", "groups", "whats_on", "news"]
    }
    urls = {name: page.url for name, page in pages.items()}
    assert urls["home"] == "/pl/"
    with_10 = {name: queries_for(client, url) for name, url in urls.items()}
    warm_10 = {name: queries_once_built(client, url) for name, url in urls.items()}
    add_content(site_tree, group, 90)
    with_100 = {name: queries_for(client, url) for name, url in urls.items()}
    warm_100 = {name: queries_once_built(client, url) for name, url in urls.items()}

    assert with_10 == with_100
    assert with_10 == EXPECTED_POLISH, with_10
    assert warm_10 == warm_100
    assert warm_10 == EXPECTED_POLISH_ONCE_BUILT, warm_10
