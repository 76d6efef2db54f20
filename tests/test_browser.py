"""A resident's browser: real Chromium opens the main pages and axe-core finds
no accessibility problem, and nothing is loaded from another host.

Runs with `make test-browser` (deselected from `make test`). Uses Debian's
Chromium at /usr/bin/chromium; Playwright never downloads a browser.
"""

import os
from urllib.parse import urlsplit

from .helpers import (
    BROWSER_MARKS,
    CHROMIUM,
    CHROMIUM_ARGS,
    VIEWPORTS,
    check_accessibility,
    visit,
)

pytestmark = BROWSER_MARKS


def test_main_pages_have_no_accessibility_violations(browser_site, live_server, monkeypatch):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the Django ORM
    # is not used while it runs, but Django cannot tell.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    # The Urdu site (right to left): a translated home page, and what's on
    # and a group page that are not translated yet (shown in English).
    from django.core.management import call_command
    from wagtail.models import Locale

    from translations.locales import translate_page

    call_command("sync_locales", stdout=open(os.devnull, "w"))
    translate_page(browser_site["home"], "ur", title="ہوم", intro="ہمارے شہر میں کیا ہو رہا ہے")
    urdu_group = browser_site["group"].get_translation(Locale.objects.get(language_code="ur"))

    paths = [
        "/",
        browser_site["whats_on"].url,
        browser_site["whats_on"].url + "?when=week&free=on&topic=no-such-topic",
        browser_site["whats_on"].url + f"past/{browser_site['group'].slug}/",
        browser_site["event"].url,
        browser_site["group"].url,
        browser_site["news"].url,
        "/search/?query=repair",
        "/ur/",
        "/ur/whats-on/",
        urdu_group.url,
        "/ur/search/?query=repair",
        "/search/?query=repair&type=group&upcoming=1&topic=nothing",
        "/groups/",
        "/groups/?kind=community&volunteers=1&order=near",
    ]
    own_host = urlsplit(live_server.url).netloc
    requested, problems = [], []
    axe = Axe()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, viewport in VIEWPORTS.items():
                page = browser.new_page(viewport=viewport)
                page.on("request", lambda request: requested.append(request.url))
                for path in paths:
                    visit(page, live_server.url, path)
                    check_accessibility(page, axe, problems, f"{path} at {name} width")
                page.close()
        finally:
            browser.close()

    assert not problems, "\n\n".join(problems)

    elsewhere = [
        url
        for url in requested
        if urlsplit(url).scheme != "data" and urlsplit(url).netloc != own_host
    ]
    assert elsewhere == [], f"Requests to other hosts: {elsewhere}"
    # The stylesheet was loaded from the site itself.
    assert any(url.endswith("/static/css/site.css") for url in requested)
