"""Every public page costs a fixed number of SQL queries, however much content
the site holds. Each page is measured with 10 and with 100 items of content;
the counts must be equal, and equal to the pinned number."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import (
    AccessFeatureFactory,
    EventPageFactory,
    GroupPageFactory,
    LanguageFactory,
    NewsPageFactory,
    TopicFactory,
    publish,
)

# Pinned query counts per page. A change here needs a reason in the commit.
# Most of each number is fixed cost: Wagtail's routing (two queries per level
# of the tree), the site, locale and settings, the navigation and breadcrumbs;
# detail pages add one query per related list they show (topics, languages …).
# The language switcher (issue 6) adds two: the page's translations in one
# query, and the locales' home pages in one more when a language lacks the
# page (as here: these pages have no other-language versions).
EXPECTED = {
    "home": 17,
    "groups": 17,
    "group": 26,
    "whats_on": 15,
    "event": 24,
    "news": 15,
    "news_item": 19,
    "about": 12,
}


def add_content(tree, group, count):
    """``count`` groups, events (half of them in ``group``) and news items, with
    images, topics, languages and access features, as real content has."""
    topic = TopicFactory(name="Food")
    feature = AccessFeatureFactory(name="Step-free access")
    language = LanguageFactory()
    for i in range(count):
        image = wagtail_factories.ImageFactory()
        other = GroupPageFactory(logo=image)
        other.topics.add(topic)
        other.languages.add(language)
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
    client.get(url)  # the first request fills per-site caches (site root paths)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
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
        "group": group.url,
        "whats_on": site_tree["whats_on"].url,
        "event": event.url,
        "news": site_tree["news"].url,
        "news_item": news_item.url,
        "about": site_tree["about"].url,
    }
    with_10 = {name: queries_for(client, url) for name, url in urls.items()}
    add_content(site_tree, group, 90)
    with_100 = {name: queries_for(client, url) for name, url in urls.items()}

    assert with_10 == with_100
    assert with_10 == EXPECTED, with_10


# The same pages read in Polish, where only the home and section pages are
# translated: listings then show the English items marked as English, with
# topics and areas looked up in Polish (one query per kind of term).
EXPECTED_POLISH = {
    "home": 19,
    "groups": 19,
    "whats_on": 17,
    "news": 16,
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
    add_content(site_tree, group, 90)
    with_100 = {name: queries_for(client, url) for name, url in urls.items()}

    assert with_10 == with_100
    assert with_10 == EXPECTED_POLISH, with_10
