"""A resident can follow every link on the demo site without meeting an error."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "link"):
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def internal_links(html):
    parser = LinkParser()
    parser.feed(html)
    for href in parser.links:
        url = urldefrag(href).url
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            continue  # other sites, mailto:, tel:, webcal: are not ours to fetch
        if url.startswith(("/admin/", "/documents/")):
            continue
        yield url


@pytest.mark.django_db
def test_every_internal_link_of_the_demo_site_works(client):
    call_command("demo_content", verbosity=0)
    seen, queue, failures = set(), ["/"], []
    while queue and len(seen) < 1500:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            failures.append((url, response.status_code))
            continue
        if response.get("Content-Type", "").startswith("text/html"):
            queue.extend(internal_links(response.content.decode()))
    assert failures == []
    # The crawl reached the groups, events and news the demo builds.
    assert len(seen) > 100
