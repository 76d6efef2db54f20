"""Absolute links say where the site really is: the Wagtail Site follows
SITE_URL (in development HOST and PORT, as `make run` serves), and every
absolute link is built from it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Site

from .factories import EventPageFactory, publish

ROOT = Path(__file__).resolve().parent.parent


def settings_seen(module, **env):
    """SITE_URL and WAGTAILADMIN_BASE_URL as ``module`` reads them from ``env``."""
    clean = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HOST", "PORT"}}
    clean.pop("WAGTAILADMIN_BASE_URL", None)
    code = f"import {module} as s; print(s.SITE_URL); print(s.WAGTAILADMIN_BASE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_development_addresses_follow_host_and_port():
    assert settings_seen("noticeboard.settings.dev") == ["http://127.0.0.1:8000"] * 2
    seen = settings_seen("noticeboard.settings.dev", HOST="0.0.0.0", PORT="8124")
    assert seen == ["http://0.0.0.0:8124"] * 2


def test_production_addresses_come_from_site_url_or_the_host_it_answers_to():
    base = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "noticeboard.example.org,www.example.org"}
    seen = settings_seen("noticeboard.settings.production", **base)
    assert seen == ["https://noticeboard.example.org"] * 2
    seen = settings_seen(
        "noticeboard.settings.production", SITE_URL="https://board.example.org/", **base
    )
    assert seen == ["https://board.example.org"] * 2


@pytest.mark.django_db
def test_every_absolute_link_follows_the_site_address(site_tree, client):
    event = publish(EventPageFactory(title="Fix-it Saturday"))
    call_command("set_site_url", url="http://127.0.0.1:8124", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8124)
    address = "http://127.0.0.1:8124" + event.url

    page = client.get(event.url).content.decode()
    assert f'<meta property="og:url" content="{address}">' in page
    assert f'"url": "{address}"' in page  # JSON-LD
    ics = client.get(reverse("events:event_ics", args=[event.pk])).content.decode()
    assert address in ics.replace("\r\n ", "")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{address}</loc>" in sitemap
    assert "http://localhost" not in page + ics + sitemap


@pytest.mark.django_db
def test_an_https_address_uses_the_default_port(site_tree):
    call_command("set_site_url", url="https://noticeboard.example.org", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "https://noticeboard.example.org"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, message",
    [
        ("noticeboard.example.org", "http:// or https://"),
        ("ftp://example.org", "http:// or https://"),
        ("https://example.org:8443", "port 443"),
        ("http://example.org:eighty", "not a number"),
        ("http://example.org/board/", "no path"),
    ],
)
def test_a_wrong_site_address_is_refused_with_a_reason(site_tree, url, message):
    with pytest.raises(CommandError, match=message):
        call_command("set_site_url", url=url, verbosity=0)
