"""Every public page renders for a resident; bad addresses give 404, never 500."""

import pytest
from django.test import override_settings
from django.utils.html import escape

from .factories import (
    EventPageFactory,
    GroupPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    publish,
)


@pytest.fixture
def content(site_tree):
    group = GroupPageFactory(title="Ashby Repair Café")
    event = publish(EventPageFactory(parent=group, title="Fix-it Saturday"))
    hub_event = publish(EventPageFactory(parent=site_tree["whats_on"], title="Town fun day"))
    news = NewsPageFactory(parent=group, title="New volunteers wanted")
    hub_news = NewsPageFactory(parent=site_tree["news"], title="Spring clean")
    nested = StandardPageFactory(parent=site_tree["about"], title="Privacy")
    return {
        **site_tree,
        "group": group,
        "event": event,
        "hub_event": hub_event,
        "news_item": news,
        "hub_news": hub_news,
        "nested": nested,
    }


PAGES = [
    "home",
    "groups",
    "whats_on",
    "news",
    "about",
    "nested",
    "group",
    "event",
    "hub_event",
    "news_item",
    "hub_news",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_every_page_type_renders(client, content, name):
    page = content[name]
    response = client.get(page.url)
    assert response.status_code == 200
    assert escape(page.title) in response.content.decode()


@pytest.mark.django_db
def test_group_page_shows_its_upcoming_events_and_news(client, content):
    html = client.get(content["group"].url).content.decode()
    assert "Fix-it Saturday" in html
    assert "New volunteers wanted" in html
    assert "Town fun day" not in html


@pytest.mark.django_db
def test_whats_on_lists_events_from_groups_and_the_hub(client, content):
    html = client.get(content["whats_on"].url).content.decode()
    assert "Fix-it Saturday" in html
    assert "Town fun day" in html


@pytest.mark.django_db
def test_home_page_shows_upcoming_events_and_latest_news(client, content):
    html = client.get("/").content.decode()
    assert "Fix-it Saturday" in html
    assert "Spring clean" in html


@pytest.mark.django_db
def test_draft_pages_are_not_served(client, content):
    draft = EventPageFactory(parent=content["group"], title="Secret plan")
    response = client.get(f"{content['group'].url}{draft.slug}/")
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/no-such-page/", "/groups/nobody/", "/whats-on/x/y/z/"])
def test_unknown_addresses_are_404(client, content, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("listing", ["groups", "whats_on", "news"])
@pytest.mark.parametrize(
    "number", ["0", "-1", "999", "abc", "1e3", "%00", "1;DROP TABLE", "9" * 40]
)
def test_bad_page_numbers_are_404_not_500(client, content, listing, number):
    response = client.get(content[listing].url, {"page": number})
    assert response.status_code == 404


@pytest.mark.django_db
def test_server_error_page_is_friendly(client, content, monkeypatch):
    from home.models import HomePage

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "serve", explode)
    client.raise_request_exception = False
    with override_settings(DEBUG=False):
        response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_pages_describe_themselves_for_search_engines(client, content):
    """The description is the page's own search description, else its summary;
    the title is its SEO title, else its title."""
    group = content["group"]
    group.summary = "Mending things together"
    group.save_revision().publish()
    html = client.get(group.url).content.decode()
    assert '<meta name="description" content="Mending things together">' in html
    assert "<title>Ashby Repair Café | " in html

    group.search_description = "Bring your broken toaster"
    group.seo_title = "Repair Café in Ashby"
    group.save_revision().publish()
    html = client.get(group.url).content.decode()
    assert '<meta name="description" content="Bring your broken toaster">' in html
    assert "Mending things together" not in html.split("</head>")[0]
    assert "<title>Repair Café in Ashby | " in html


def test_a_page_without_summary_has_no_empty_description(client, content):
    html = client.get(content["about"].url).content.decode()
    assert '<meta name="description" content="">' not in html


@pytest.mark.django_db
def test_the_home_page_shows_its_featured_groups_saved_and_in_a_preview(groups, client):
    from home.models import HomePageFeaturedGroup

    home = groups["a"].get_parent().get_parent().specific
    home.featured_groups = [HomePageFeaturedGroup(page=groups["b"])]
    home.save_revision().publish()
    assert "Walking Group" in client.get("/").content.decode()
    # A preview reads the featured groups of the unsaved form, in memory.
    preview = home.get_latest_revision_as_object()
    preview.featured_groups = [
        HomePageFeaturedGroup(page=groups["a"]),
        HomePageFeaturedGroup(page=groups["b"]),
    ]
    assert [group.title for group in preview.get_featured_groups()] == [
        "Repair Cafe",
        "Walking Group",
    ]
