"""home/addresses.py: the address of a page in a list is Wagtail's own, in
every language, for translations and untranslated copies, for addresses
that need quoting, and on a site with a second host."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, Site

from home.addresses import page_url

from .factories import GroupPageFactory, publish

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "cy", "pl", "ur"]


def a_request(host="localhost"):
    return RequestFactory().get("/", HTTP_HOST=host)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_wagtails_address_in_every_language(translated_content, language):
    publish(GroupPageFactory(title="Żółw", slug="żółw-kawiarnia"))  # quoted in addresses
    pages = list(Page.objects.filter(depth__gt=1).specific())
    assert any(page.alias_of_id for page in pages)  # untranslated copies are among them
    with translation.override(language):
        request = a_request()
        for page in pages:
            assert page_url(page, request) == page.get_url(request), page.url_path
    assert any("%C5%BC%C3%B3%C5%82w" in page_url(page, request) for page in pages)


def test_a_page_of_a_second_site_has_its_full_address(translated_content):
    group = translated_content["group"]
    Site.objects.create(hostname="repair.example", port=80, root_page=group)
    event = translated_content["event"]
    for host in ("localhost", "repair.example"):
        request = a_request(host)
        # Below two site roots (the town's and the group's): Wagtail's answer.
        assert page_url(event, request) == event.get_url(request)
        assert page_url(group, request) == group.get_url(request)
    # A page of the second site only: its address from the first has the host.
    other = Page.get_first_root_node().add_child(instance=Page(title="Other", slug="other"))
    child = other.add_child(instance=Page(title="Notices", slug="notices"))
    Site.objects.create(hostname="other.example", port=80, root_page=other)
    assert page_url(child, a_request()) == child.get_url(a_request())
    assert page_url(child, a_request()) == "http://other.example/notices/"


def test_outside_a_request_and_without_queries(translated_content):
    event = translated_content["event"]
    assert page_url(event, None) == event.get_url(None)
    request = a_request()
    page_url(event, request)  # the site's root paths, once per request
    with CaptureQueriesContext(connection) as queries:
        for page in Page.objects.filter(depth__gt=1):
            page_url(page, request)
    assert len(queries) == 1  # the pages themselves
