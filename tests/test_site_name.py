"""The site's name comes from one place: pages, feeds and e-mails agree."""

import pytest

from home.sites import default_site, locale_root, locale_roots, site_name
from moderation.mail import invite
from moderation.models import QueuedMail

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_site(site_tree):
    site = default_site()
    site.site_name = "Ashby Moor Noticeboard"
    site.save()
    return site


def test_pages_feeds_and_emails_use_the_sites_own_name(client, named_site):
    assert site_name() == "Ashby Moor Noticeboard"
    page = client.get("/").content.decode()
    assert "| Ashby Moor Noticeboard</title>" in page
    feed = client.get("/news/feed/").content.decode()
    assert "<title>News from Ashby Moor Noticeboard</title>" in feed
    invite(UserFactory(email="new@example.org"), "Repair Cafe editors")
    assert "Ashby Moor Noticeboard" in QueuedMail.objects.get(to="new@example.org").subject


def test_without_a_name_on_the_site_the_setting_names_it(client, site_tree, settings):
    settings.WAGTAIL_SITE_NAME = "Town board"
    site = default_site()
    site.site_name = ""
    site.save()
    assert site_name() == "Town board"
    assert "| Town board</title>" in client.get("/").content.decode()
    invite(UserFactory(email="other@example.org"), "Repair Cafe editors")
    assert "Town board" in QueuedMail.objects.get(to="other@example.org").subject


def test_each_language_tree_has_one_root(site_tree):
    home = site_tree["home"]
    assert list(locale_roots().filter(locale=home.locale)) == [home.page_ptr]
    assert locale_root(home.locale).pk == home.pk
    assert default_site().root_page_id == home.pk
