"""Point the Wagtail Site at SITE_URL, so that every absolute link the site
writes (.ics, JSON-LD, og:url, the sitemap, feeds, e-mails) says where
residents really reach it. Safe to run again; `make run` runs it each time."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(url):
    """(hostname, port) of an address such as https://noticeboard.example.org.

    Wagtail writes a Site on port 443 as https and any other port as http, so
    an https address must use the default port."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise CommandError(f"SITE_URL must be http:// or https:// and a host name, not {url!r}.")
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as error:
        raise CommandError(f"SITE_URL has a port that is not a number: {url!r}.") from error
    if parts.scheme == "https" and port != 443:
        raise CommandError(
            f"SITE_URL {url!r}: an https address must use port 443 (Wagtail builds "
            "https links for port 443 only); put the site behind a proxy on 443."
        )
    if parts.path.strip("/"):
        raise CommandError(f"SITE_URL must be the site's root, with no path: {url!r}.")
    return parts.hostname, port


class Command(BaseCommand):
    help = "Set the default Wagtail Site's host name and port from SITE_URL (or --url)."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="the address to use instead of SITE_URL")

    def handle(self, *args, url=None, **options):
        hostname, port = site_address(url or settings.SITE_URL)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default Site: run manage.py migrate first.")
        taken = Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk)
        if taken.exists():
            raise CommandError(f"Another Site already has {hostname}:{port}; change it first.")
        if (site.hostname, site.port) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save()  # Wagtail clears its cached site root paths on save
        if options["verbosity"] >= 1:
            self.stdout.write(f"Site address: {site.root_url}/")
