"""A view restriction protects a page and its subtree in every language: its
translations and its aliases, when served and wherever anonymous readers look
(listings, feeds, search, suggestions, the sitemap, related blocks, the .ics
download). Drafts never show either. One rule decides (home/listing.py)."""

import json

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from home.listing import pages, view_restrictions
from translations.locales import translate_page

from .factories import EventPageFactory, GroupPageFactory, NewsPageFactory, TopicFactory, publish

LANGUAGES = ["en", "cy", "ur"]
SECRET = "Secretsupper"  # in every private title: one word to look for


def prefix(language):
    return "" if language == "en" else f"/{language}"


@pytest.fixture
def town(site_tree):
    food = TopicFactory(name="Food")
    open_group = GroupPageFactory(title="Open Kitchen", slug="open-kitchen", summary="Cooking.")
    open_group.topics.add(food)
    publish(open_group)
    private_group = GroupPageFactory(
        title=f"{SECRET} Society", slug="secret-society", summary="Members only."
    )
    private_group.topics.add(food)
    publish(private_group)

    def event(parent, title):
        page = EventPageFactory(parent=parent, title=title, summary=f"{title} summary")
        page.topics.add(food)
        return publish(page)

    def news(parent, title):
        page = NewsPageFactory(parent=parent, title=title, summary=f"{title} summary")
        page.topics.add(food)
        return publish(page)

    shown = {
        "event": event(open_group, "Open supper"),
        "news": news(open_group, "Open news"),
    }
    hidden = {
        # Behind a restriction of their own, and under a restricted group.
        "event": event(open_group, f"{SECRET} tasting"),
        "news": news(open_group, f"{SECRET} minutes"),
        "group_event": event(private_group, f"{SECRET} dinner"),
        "group_news": news(private_group, f"{SECRET} bulletin"),
    }
    draft = EventPageFactory(parent=open_group, title=f"{SECRET} draft", live=False)
    draft.topics.add(food)
    draft.save()
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    # Welsh translations of their own (not aliases) of a private page and of
    # the private group's event: the English restrictions must reach them.
    welsh_event = translate_page(hidden["event"], "cy", title=f"{SECRET} blasu", slug="blasu")
    welsh_dinner = translate_page(
        hidden["group_event"], "cy", title=f"{SECRET} cinio", slug="cinio"
    )
    for page in (hidden["event"], hidden["news"], private_group):
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    return {
        **site_tree,
        "shown": shown,
        "hidden": hidden,
        "draft": draft,
        "private_group": private_group,
        "open_group": open_group,
        "welsh": [welsh_event, welsh_dinner],
    }


def body(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def versions(page):
    """The page in every locale: translations and the aliases sync_locales made."""
    return list(Page.objects.filter(translation_key=page.translation_key).specific())


@pytest.mark.django_db
def test_the_rule_hides_every_version_and_only_those(town):
    public_titles = set(pages().public().values_list("title", flat=True))
    assert not {title for title in public_titles if SECRET in title}
    assert {"Open supper", "Open news", "Open Kitchen"} <= public_titles
    for page in [*town["hidden"].values(), town["private_group"], *town["welsh"]]:
        for version in versions(page):
            assert view_restrictions(version).exists(), (version.title, version.locale)
    for page in town["shown"].values():
        for version in versions(page):
            assert not view_restrictions(version).exists(), version.url


@pytest.mark.django_db
def test_private_pages_are_not_served_in_any_language_nor_through_an_alias(town, client):
    private = [*town["hidden"].values(), town["private_group"], *town["welsh"]]
    served = 0
    for page in private:
        for version in versions(page):
            url = version.url
            response = client.get(url)
            assert response.status_code == 302, url  # to the login page
            assert "/login/" in response["Location"]
            served += 1
    # English, Welsh (translated or alias), Polish and Urdu (aliases).
    assert served >= 4 * len(town["hidden"])
    assert any(v.alias_of_id for p in private for v in versions(p))
    for page in town["shown"].values():
        for version in versions(page):
            assert client.get(version.url).status_code == 200, version.url


@pytest.mark.django_db
def test_a_password_on_the_english_page_is_asked_at_every_address(town, client):
    page = town["shown"]["event"]
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="s3same")
    for version in versions(page):
        html = body(client, version.url)
        assert "password" in html.lower()
        assert "Open supper summary" not in html, version.url


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_listings_related_blocks_and_json_ld_leave_private_pages_out(town, client, language):
    at = prefix(language)
    open_group = town["open_group"]
    shown_event = town["shown"]["event"]
    urls = [
        f"{at}/",
        f"{at}{town['whats_on'].url}",
        f"{at}{town['news'].url}",
        f"{at}{town['groups'].url}",
        f"{at}{open_group.url}",
        f"{at}{shown_event.url}",  # related events and its JSON-LD
        f"{at}{town['shown']['news'].url}",  # related news
        f"{at}{town['whats_on'].url}?group=secret",
        f"{at}{town['whats_on'].url}?topic=food",
        f"{at}{town['groups'].url}?topic=food",
    ]
    for url in urls:
        html = body(client, url)
        assert SECRET not in html, url
    assert "Open supper" in body(client, f"{at}{town['whats_on'].url}")
    assert "Open news" in body(client, f"{at}{town['news'].url}")
    for script in body(client, f"{at}{shown_event.url}").split('type="application/ld+json"')[1:]:
        data = script.split(">", 1)[1].split("</script>", 1)[0]
        assert SECRET not in json.dumps(json.loads(data))
    archive = f"{at}{town['whats_on'].url}past/{town['private_group'].slug}/"
    assert client.get(archive).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_feeds_and_downloads_leave_private_pages_out(town, client, language):
    at = prefix(language)
    for url in [
        f"{at}/calendar/whats-on.ics",
        f"{at}/calendar/topic/food.ics",
        f"{at}/calendar/group/open-kitchen.ics",
        f"{at}/news/feed/",
    ]:
        assert SECRET not in body(client, url), url
    assert "Open supper" in body(client, f"{at}/calendar/whats-on.ics")
    assert "Open news" in body(client, f"{at}/news/feed/")
    assert client.get(f"{at}/calendar/group/secret-society.ics").status_code == 404
    for page in [*town["hidden"].values(), *town["welsh"], town["draft"]]:
        if isinstance(page.specific, type(town["shown"]["event"])):
            assert client.get(f"{at}/calendar/event/{page.pk}.ics").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_search_and_suggestions_leave_private_pages_out(town, client, language):
    at = prefix(language)
    # The search box shows the words typed back, so results are read by title.
    response = client.get(f"{at}/search/", {"query": SECRET})
    assert response.status_code == 200
    assert not [page.title for page in response.context["search_results"] or []]
    for word in [SECRET, "supper", "summary", "food"]:
        if word != SECRET:
            assert SECRET not in body(client, f"{at}/search/?query={word}"), word
        suggestions = json.loads(body(client, f"{at}/search/autocomplete/?q={word[:5]}"))
        assert not [r for r in suggestions["results"] if SECRET in r["title"]], word
    assert "Open supper" in body(client, f"{at}/search/?query=supper")


@pytest.mark.django_db
def test_the_sitemap_leaves_private_pages_out(town, client):
    xml = body(client, "/sitemap.xml")
    assert SECRET not in xml
    for page in [*town["hidden"].values(), *town["welsh"], town["draft"]]:
        for version in versions(page):
            assert version.full_url not in xml
    assert town["shown"]["event"].full_url in xml


@pytest.mark.django_db
def test_lifting_the_restriction_shows_every_version_again(town, client):
    PageViewRestriction.objects.filter(page=town["hidden"]["event"]).delete()
    welsh = town["welsh"][0]
    assert client.get(welsh.url).status_code == 200
    assert f"{SECRET} blasu" in body(client, f"/cy{town['whats_on'].url}")
    assert f"{SECRET} tasting" in body(client, town["whats_on"].url)
