"""Reading the site in your language: switcher, lang/dir, hreflang, prefixes."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from translations.locales import locale_home, translate_page


@pytest.fixture
def languages(site_tree):
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    translate_page(site_tree["about"], "pl", title="O tej stronie", slug="o-stronie")
    return site_tree


def switcher(html):
    match = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    assert match, "no language switcher"
    return match.group(0)


@pytest.mark.django_db
def test_html_lang_and_dir_follow_the_language(languages, client):
    assert '<html lang="en" dir="ltr">' in client.get("/").content.decode()
    assert '<html lang="pl" dir="ltr">' in client.get("/pl/").content.decode()
    assert '<html lang="cy" dir="ltr">' in client.get("/cy/").content.decode()
    assert '<html lang="ur" dir="rtl">' in client.get("/ur/").content.decode()


@pytest.mark.django_db
def test_switcher_links_to_the_same_page_in_each_language(languages, client):
    html = switcher(client.get("/about/").content.decode())
    # Every language, named in itself, with its own lang attribute.
    assert 'lang="en" dir="ltr" aria-current="true">English</span>' in html
    assert 'href="/pl/o-stronie/" hreflang="pl" lang="pl" dir="ltr">polski</a>' in html
    assert 'href="/cy/about/" hreflang="cy" lang="cy" dir="ltr">Cymraeg</a>' in html
    assert 'href="/ur/about/" hreflang="ur" lang="ur" dir="rtl">اردو</a>' in html
    back = switcher(client.get("/pl/o-stronie/").content.decode())
    assert 'href="/about/" hreflang="en" lang="en" dir="ltr">English</a>' in back


@pytest.mark.django_db
def test_an_untranslated_page_says_so(languages, client):
    welsh = client.get("/cy/about/").content.decode()
    assert "untranslated-note" in welsh
    polish = client.get("/pl/o-stronie/").content.decode()
    assert "untranslated-note" not in polish
    assert "untranslated-note" not in client.get("/about/").content.decode()


@pytest.mark.django_db
def test_switcher_goes_to_the_home_page_with_a_note_when_a_language_lacks_the_page(
    languages, client
):
    # A page created after the trees were synchronised has no Welsh copy yet.
    from tests.factories import StandardPageFactory

    StandardPageFactory(parent=languages["home"], title="New page", slug="new-page")
    html = switcher(client.get("/new-page/").content.decode())
    assert 'href="/cy/?untranslated=1"' in html
    assert "untranslated-note" in client.get("/cy/?untranslated=1").content.decode()


@pytest.mark.django_db
def test_hreflang_alternates_list_only_real_translations(languages, client):
    html = client.get("/about/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/about/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/about/">' in html
    assert '<link rel="alternate" hreflang="pl" href="http://testserver/pl/o-stronie/">' in html
    # The Welsh about page is an untranslated copy: not an alternate.
    assert 'hreflang="cy" href' not in html


@pytest.mark.django_db
def test_translated_pages_are_served_at_prefixed_addresses(languages, client):
    response = client.get("/pl/o-stronie/")
    assert response.status_code == 200
    assert "O tej stronie" in response.content.decode()
    assert client.get("/o-stronie/").status_code == 404
    polish = locale_home(Locale.objects.get(language_code="pl"))
    assert polish.url == "/pl/"


@pytest.mark.django_db
def test_search_page_switcher_keeps_the_query(languages, client):
    html = switcher(client.get("/search/?query=repair").content.decode())
    assert 'href="/ur/search/?query=repair"' in html


@pytest.mark.django_db
def test_text_people_wrote_takes_its_direction_from_its_own_script(languages, client):
    """English text on the right-to-left Urdu site (an untranslated intro, an
    alert) is laid out left to right, so its full stops stay at its end."""
    from moderation.models import AlertBanner

    home = languages["home"]
    home.welcome = "<p>Find a group, something to do, or help.</p>"
    home.save_revision().publish()
    AlertBanner.objects.create(level="warning", title="Road closed", message="Buses divert.")
    html = client.get("/ur/").content.decode()
    assert '<div class="hero__welcome rich-text" dir="auto">' in html
    assert '<p class="alert-banner__message" dir="auto">Buses divert.</p>' in html
    assert "<bdi>Road closed</bdi>" in html
