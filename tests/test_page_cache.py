"""The anonymous page cache: pages, listings and feeds come from the shared
cache for readers without an account, and a change is never served stale
once its publish has returned, on any process sharing the cache."""

import json
import os
import re
import subprocess
import sys
import textwrap

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from home.models import SiteSettings
from moderation.models import AlertBanner

from .factories import EventPageFactory, NewsPageFactory, UserFactory, publish

pytestmark = pytest.mark.django_db


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def rename(page, title):
    page.title = title
    return publish(page)


def test_a_second_anonymous_request_is_served_from_the_cache_without_sql(client, site_tree):
    news = NewsPageFactory(title="Library opening hours")
    first, built = get(client, news.url)
    second, queries = get(client, news.url)
    assert first["X-Page-Cache"] == "miss" and built > 0
    assert second["X-Page-Cache"] == "hit"
    assert queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_cached_page_gets_a_fresh_nonce_and_the_policy_names_it(client, site_tree):
    event = publish(EventPageFactory(title="Repair night"))
    pages = [client.get(event.url), client.get(event.url)]
    assert [page["X-Page-Cache"] for page in pages] == ["miss", "hit"]
    nonces = []
    for page in pages:
        [nonce] = re.findall(r'<script type="application/ld\+json" nonce="([^"]+)"', page.text)
        assert f"'nonce-{nonce}'" in page["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_cached_pages_say_how_a_cdn_may_keep_them_and_vary_on_encoding_only(client, site_tree):
    for url in ["/", "/cy/", site_tree["whats_on"].url]:
        for response in (client.get(url), client.get(url)):
            control = response["Cache-Control"]
            assert "public" in control and "s-maxage=" in control, url
            assert "stale-while-revalidate=" in control, url
            # Compression is all they vary on: the language is in the address.
            assert response["Vary"] == "Accept-Encoding", url


def test_an_unchanged_page_answers_304_without_sql(client, site_tree):
    response = client.get("/")
    etag, modified = response["ETag"], response["Last-Modified"]
    not_modified, queries = get(client, "/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and queries == 0
    assert not_modified.content == b""
    since, queries = get(client, "/", HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 304 and queries == 0
    assert client.get("/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_publishing_a_change_is_seen_at_once_on_the_page_and_its_listings(client, site_tree):
    event = EventPageFactory(title="Coffee morning")
    publish(event)
    whats_on = site_tree["whats_on"].url
    for url in [event.url, whats_on, event.url, whats_on]:
        assert "Coffee morning" in client.get(url).content.decode()
    rename(event, "Cake sale")
    for url in [event.url, whats_on]:
        html = client.get(url).content.decode()
        assert "Cake sale" in html and "Coffee morning" not in html, url


def test_unpublishing_moving_and_restricting_purge(client, site_tree):
    news = NewsPageFactory(title="Allotment news")
    index = site_tree["news"].url
    client.get(index)
    assert "Allotment news" in client.get(index).content.decode()
    news.unpublish()
    assert "Allotment news" not in client.get(index).content.decode()
    assert client.get(news.url).status_code == 404

    publish(news)
    client.get(news.url)
    assert client.get(news.url).status_code == 200
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(news.url).status_code == 302

    about = Page.objects.get(pk=site_tree["about"].pk)
    client.get(about.url)
    assert client.get("/about/").status_code == 200
    about.move(site_tree["news"], pos="last-child")
    about.refresh_from_db()
    assert client.get("/about/").status_code != 200  # gone, or redirected to its new address
    assert client.get(about.url).status_code == 200


def test_alert_banners_and_settings_purge_every_page(client, site_tree):
    client.get("/")
    AlertBanner.objects.create(level="warning", title="Road closed by the bridge")
    assert "Road closed by the bridge" in client.get("/").content.decode()

    client.get("/")
    settings = SiteSettings.objects.get()
    settings.operator_name = "Ashby Moor CVS"
    settings.save()
    assert "Ashby Moor CVS" in client.get("/").content.decode()


def test_a_logged_in_user_never_gets_a_cached_page(client, site_tree):
    news = NewsPageFactory(title="Repair café")
    client.get(news.url)
    assert client.get(news.url)["X-Page-Cache"] == "hit"
    user = UserFactory(is_superuser=True, is_staff=True)
    editor = Client()
    editor.force_login(user)
    response, queries = get(editor, news.url)
    assert not response.has_header("X-Page-Cache")
    assert queries > 0
    assert "private" in response["Cache-Control"]
    # Their page (with the editing bar) is not stored for anyone else.
    assert b"userbar" in response.content
    anonymous = client.get(news.url)
    assert anonymous["X-Page-Cache"] == "hit" and b"userbar" not in anonymous.content


def test_a_page_with_a_form_gets_a_fresh_token_and_is_not_cached(site_tree):
    url = reverse("moderation:suggest_event")
    tokens = set()
    for _ in range(2):
        reader = Client(enforce_csrf_checks=True)
        response = reader.get(url)
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "hit"
        assert "csrftoken" in response.cookies
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
        tokens.add(response.cookies["csrftoken"].value)
    assert len(tokens) == 2


def test_a_reader_with_a_session_or_messages_is_not_served_from_the_cache(client, site_tree):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    for cookie in ["sessionid", "messages"]:
        reader = Client()
        reader.cookies[cookie] = "something"
        assert not reader.get("/").has_header("X-Page-Cache"), cookie


def test_hidden_alerts_are_a_page_of_their_own(client, site_tree):
    banner = AlertBanner.objects.create(level="information", title="Bins on Tuesday")
    assert "Bins on Tuesday" in client.get("/").content.decode()
    hiding = Client()
    hiding.cookies["dismissed_alerts"] = banner.dismiss_key
    response = hiding.get("/")
    assert "Bins on Tuesday" not in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "Bins on Tuesday" in client.get("/").content.decode()


def test_search_results_and_the_admin_are_not_cached(client, site_tree):
    for url in ["/search/?query=coffee", "/cy/search/?query=coffee", "/admin/login/"]:
        client.get(url)
        assert not client.get(url).has_header("X-Page-Cache"), url


def test_the_same_address_in_another_language_is_another_page(client, site_tree):
    from translations.locales import sync_locales

    sync_locales()
    english, welsh = client.get("/").content.decode(), client.get("/cy/").content.decode()
    assert 'lang="en"' in english and 'lang="cy"' in welsh
    assert 'lang="cy"' in client.get("/cy/").content.decode()


def test_feeds_are_cached_and_purged_by_a_publish(client, site_tree):
    event = EventPageFactory(title="Litter pick")
    publish(event)
    feed = reverse("events:feed")
    assert b"Litter pick" in client.get(feed).content
    hit, queries = get(client, feed)
    assert hit["X-Page-Cache"] == "hit" and queries == 0 and hit.has_header("ETag")
    rename(event, "Beach clean")
    assert b"Beach clean" in client.get(feed).content


# The second process: Django with the test settings and the shared cache, and
# a database with no tables, so it can only answer from the cache. It reads
# one address a line and prints what it would serve.
OTHER_PROCESS = textwrap.dedent(
    """
    import json, os, sys
    from django.conf import settings
    settings.CACHES = json.loads(os.environ["SHARED_CACHES"])
    import django
    django.setup()
    from django.test import Client
    client = Client()
    for line in sys.stdin:
        try:
            response = client.get(line.strip())
            answer = {"status": response.status_code, "body": response.content.decode(),
                      "cache": response.get("X-Page-Cache")}
        except Exception as error:  # a miss reaches the empty database
            answer = {"status": None, "body": "", "cache": "miss", "error": type(error).__name__}
        print(json.dumps(answer), flush=True)
    """
)


def test_a_publish_is_never_served_stale_by_another_process(site_tree, tmp_path):
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "noticeboard.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'no-tables.sqlite3'}",
        "SHARED_CACHES": json.dumps(caches),
    }
    other = subprocess.Popen(
        [sys.executable, "-c", OTHER_PROCESS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=os.path.dirname(os.path.dirname(__file__)),
    )

    def from_other(url):
        other.stdin.write(url + "\n")
        other.stdin.flush()
        return json.loads(other.stdout.readline())

    try:
        with override_settings(CACHES=caches):
            news = NewsPageFactory(title="Jumble sale on Saturday")
            here = Client()
            for url in [news.url, site_tree["news"].url]:
                assert "Jumble sale on Saturday" in here.get(url).content.decode()
                seen = from_other(url)
                assert seen["cache"] == "hit", seen
                assert "Jumble sale on Saturday" in seen["body"]

            rename(news, "Jumble sale moved to Sunday")

            # Right after the publish returns, the other process has nothing
            # stale to serve: it would build the page (and here, fail to).
            for url in [news.url, site_tree["news"].url]:
                seen = from_other(url)
                assert seen["cache"] == "miss", seen
                assert "Saturday" not in seen["body"]
                assert "Sunday" in here.get(url).content.decode()
                seen = from_other(url)
                assert seen["cache"] == "hit" and "moved to Sunday" in seen["body"], seen
    finally:
        other.stdin.close()
        other.wait(timeout=60)


def test_public_responses_are_compressed_and_those_with_secrets_are_not(site_tree):
    import gzip

    publish(EventPageFactory(title="Soup lunch"))
    reader = Client(HTTP_ACCEPT_ENCODING="gzip, br")
    for url in ["/", reverse("events:feed"), "/news/feed/", "/search/?query=coffee"]:
        response = reader.get(url)
        assert response.get("Content-Encoding") == "gzip", (url, dict(response.headers))
        assert gzip.decompress(response.content), url
    form = reader.get(reverse("moderation:suggest_event"))
    assert "csrfmiddlewaretoken" in form.content.decode()
    assert not form.has_header("Content-Encoding")
    editor = Client(HTTP_ACCEPT_ENCODING="gzip")
    editor.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert not editor.get("/").has_header("Content-Encoding")


class RecordingBackend:
    """A CDN that writes down what it is asked to purge."""

    purged = []

    def __init__(self, params):
        pass

    def invalidates_hostname(self, hostname):
        return True

    def purge_batch(self, urls):
        RecordingBackend.purged.extend(urls)


def test_a_publish_purges_the_page_its_listings_and_feeds_from_the_cdn(site_tree):
    from translations.locales import sync_locales

    event = EventPageFactory(title="Choir practice")
    publish(event)
    sync_locales()
    RecordingBackend.purged = []
    backend = {"cdn": {"BACKEND": "tests.test_page_cache.RecordingBackend"}}
    with override_settings(WAGTAILFRONTENDCACHE=backend):
        rename(event, "Choir concert")
    purged = {url.removeprefix("http://localhost") for url in RecordingBackend.purged}
    group = event.get_parent()
    expected = {
        event.url,
        "/cy" + event.url,
        "/ur" + event.url,
        group.url,
        "/pl" + group.url,
        "/",
        "/cy/",
        site_tree["whats_on"].url,
        "/ur" + site_tree["whats_on"].url,
        "/calendar/whats-on.ics",
        "/cy/calendar/whats-on.ics",
        f"/calendar/group/{group.slug}.ics",
        f"/pl/calendar/group/{group.slug}.ics",
        "/news/feed/",
        "/ur/news/feed/",
    }
    assert expected <= purged, expected - purged


def test_without_a_cdn_a_publish_queues_no_purge(site_tree, monkeypatch):
    from wagtail.contrib.frontend_cache import utils

    queued = []
    monkeypatch.setattr(utils, "purge_urls_from_cache", lambda urls, *a, **k: queued.append(urls))
    event = EventPageFactory(title="Choir practice")
    publish(event)
    rename(event, "Choir concert")
    assert queued == []
