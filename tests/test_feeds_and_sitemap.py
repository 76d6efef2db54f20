"""The news feed per language and the multilingual sitemap."""

import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from translations.locales import translate_page

from .factories import NewsPageFactory

XHTML = "{http://www.w3.org/1999/xhtml}link"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def news(site_tree):
    item = NewsPageFactory(title="Volunteers wanted", summary="Come and help.")
    other = NewsPageFactory(title="Hall repainted", summary="It is blue now.")
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    translate_page(
        item, "pl", title="Szukamy wolontariuszy", summary="Pomóż nam.", slug="wolontariusze"
    )
    return {"item": item, "other": other}


def feed_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, [i.findtext("title") for i in channel.findall("item")]


@pytest.mark.django_db
def test_news_feed_in_english(news, client):
    channel, titles = feed_items(client, "/news/feed/")
    assert channel.findtext("language") == "en"
    assert sorted(titles) == ["Hall repainted", "Volunteers wanted"]


@pytest.mark.django_db
def test_news_feed_in_polish_has_the_polish_version_and_the_untranslated_item(news, client):
    channel, titles = feed_items(client, "/pl/news/feed/")
    assert channel.findtext("language") == "pl"
    assert sorted(titles) == ["Hall repainted", "Szukamy wolontariuszy"]
    links = [i.findtext("link") for i in channel.findall("item")]
    assert any("/pl/" in link and "wolontariusze" in link for link in links)


@pytest.mark.django_db
def test_sitemap_lists_every_locale_with_alternates(news, client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = {u.findtext(f"{SITEMAP}loc"): u for u in root.findall(f"{SITEMAP}url")}
    english = news["item"].full_url
    polish = [loc for loc in urls if "/pl/" in loc and "wolontariusze" in loc]
    assert english in urls and len(polish) == 1
    alternates = {link.get("hreflang"): link.get("href") for link in urls[english].findall(XHTML)}
    assert alternates == {"en": english, "pl": polish[0], "x-default": english}
    # Untranslated copies (aliases) in the Welsh tree are not listed twice.
    assert not any("/cy/" in loc for loc in urls)
