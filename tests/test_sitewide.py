"""What every page shows of the site (navigation, which sections are private,
the site's settings) is built once per version of the page cache for
anonymous readers (home/sitewide.py): a change is seen on the next page built
after it, whichever page that is, and nobody else's requests use it."""

import pytest
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from home import sitewide
from home.models import SiteSettings

from .factories import GroupPageFactory, NewsPageFactory, StandardPageFactory, UserFactory, publish

pytestmark = pytest.mark.django_db


def test_a_new_menu_page_is_in_the_navigation_of_the_next_page_built(client, site_tree):
    assert "Volunteer with us" not in client.get("/").text
    publish(
        StandardPageFactory(parent=site_tree["home"], title="Volunteer with us", show_in_menus=True)
    )
    # An address not built before: its page is built now, its navigation too.
    assert "Volunteer with us" in client.get(site_tree["news"].url).text


def test_in_urdu_a_new_menu_page_and_a_private_section_show_on_the_next_page_built(
    client, site_tree
):
    from django.core.management import call_command

    call_command("sync_locales", stdout=open("/dev/null", "w"))
    group = publish(GroupPageFactory(title="Tenants' association"))
    publish(NewsPageFactory(parent=group, title="Rent strike meeting"))
    home = client.get("/ur/").text
    assert 'dir="rtl"' in home and "Rent strike meeting" in home
    assert "Volunteer with us" not in home

    # Published in English: its untranslated copy joins the Urdu menu.
    publish(
        StandardPageFactory(parent=site_tree["home"], title="Volunteer with us", show_in_menus=True)
    )
    assert "Volunteer with us" in client.get("/ur/news/").text

    PageViewRestriction.objects.create(
        page=group, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for url in ["/ur/news/?page=1", "/ur/"]:
        assert "Rent strike meeting" not in client.get(url).text, url


def test_a_section_made_private_leaves_every_listing_at_once(client, site_tree):
    group = publish(GroupPageFactory(title="Tenants' association"))
    publish(NewsPageFactory(parent=group, title="Rent strike meeting"))
    assert "Rent strike meeting" in client.get(site_tree["news"].url).text

    restriction = PageViewRestriction.objects.create(
        page=group, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for url in [site_tree["news"].url + "?page=1", "/"]:
        assert "Rent strike meeting" not in client.get(url).text, url

    restriction.delete()
    assert "Rent strike meeting" in client.get(site_tree["news"].url + "?order=1").text


def test_a_settings_change_is_on_the_next_page_built(client, site_tree):
    settings = SiteSettings.for_site(site_tree["home"].get_site())
    settings.operator_name = "Westfield Voluntary Action"
    settings.save()
    assert "Westfield Voluntary Action" in client.get("/").text

    settings.operator_name = "Westfield Community Trust"
    settings.save()
    page = client.get(site_tree["about"].url).text
    assert "Westfield Community Trust" in page
    assert "Westfield Voluntary Action" not in page


def test_logged_in_readers_never_use_what_anonymous_pages_remembered(client, site_tree):
    settings = SiteSettings.for_site(site_tree["home"].get_site())
    settings.operator_name = "Westfield Voluntary Action"
    settings.save()
    assert "Westfield Voluntary Action" in client.get("/").text

    # A change that raises no signal (a data fix in the shell, say): anonymous
    # pages show it from the next version of the page cache; an editor's
    # request reads the database.
    SiteSettings.objects.filter(pk=settings.pk).update(operator_name="Westfield Community Trust")
    client.force_login(UserFactory())
    assert "Westfield Community Trust" in client.get(site_tree["about"].url).text


def test_remembered_values_follow_the_version_and_the_clock(monkeypatch):
    request = RequestFactory().get("/")
    builds = []

    def build():
        builds.append(1)
        return len(builds)

    clock = [1000.0]
    monkeypatch.setattr(sitewide.time, "monotonic", lambda: clock[0])

    sitewide.start_request(request, None)  # the cache is down: nothing is kept
    assert [sitewide.remembered("k", build) for _ in range(2)] == [1, 2]

    sitewide.start_request(request, 7)
    assert [sitewide.remembered("k", build) for _ in range(2)] == [3, 3]
    clock[0] += sitewide.SECONDS + 1
    assert sitewide.remembered("k", build) == 4

    sitewide.start_request(request, 8)  # a change raised the version
    assert sitewide.remembered("k", build) == 5


def test_a_new_request_starts_without_the_previous_requests_version():
    from django.core.signals import request_started

    sitewide.start_request(RequestFactory().get("/"), 7)
    request_started.send(sender=None)
    builds = []
    for _ in range(2):
        sitewide.remembered("k", lambda: builds.append(1))
    assert len(builds) == 2


def test_made_up_hosts_are_refused_and_never_remembered(client, site_tree):
    client.get("/search/?query=coffee")
    kept = len(sitewide._remembered)
    for n in range(5):
        response = client.get("/search/?query=coffee", HTTP_HOST=f"made-up-{n}.example")
        assert response.status_code == 400
    assert len(sitewide._remembered) == kept


def test_what_is_remembered_is_bounded(monkeypatch):
    monkeypatch.setattr(sitewide, "MAX_VALUES", 10)
    sitewide.start_request(RequestFactory().get("/"), 7)
    for n in range(25):
        sitewide.remembered(("k", n), lambda n=n: n)
    assert len(sitewide._remembered) <= 10
