"""A resident's browser: real Chromium opens the main pages and axe-core finds
no accessibility problem, and nothing is loaded from another host.

Runs with `make test-browser` (deselected from `make test`). Uses Debian's
Chromium at /usr/bin/chromium; Playwright never downloads a browser.
"""

import os
from urllib.parse import urlsplit

import pytest

from .factories import (
    AccessFeatureFactory,
    EventIndexPageFactory,
    EventPageFactory,
    GroupIndexPageFactory,
    GroupPageFactory,
    LanguageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    TopicFactory,
    home_page,
    publish,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A phone and a desktop: the layout, and so what axe checks, differs between them.
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

# Every rule axe-core runs by default (WCAG 2.0 to 2.2 A and AA, and best
# practice), plus the WCAG 2.2 target-size rule it leaves off by default.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}

pytestmark = [
    pytest.mark.browser,
    # Locally a missing Chromium skips; in CI (.ci/run installs it) it must run.
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
        reason=f"needs Chromium at {CHROMIUM}",
    ),
]


@pytest.fixture
def content(django_db_serialized_rollback, transactional_db):
    """A small site: the designed tree, a group with a venue, an event, news.

    The live server needs a committed database, so these tests run outside a
    transaction and the database is flushed afterwards. Serialized rollback
    restores what the migrations created (the root page, the default Site,
    locales, roles and the workflow) so that the next test finds them again.
    """
    from home.models import SiteSettings

    home = home_page()
    home.welcome = "<p>Find a group, something to do, or help when you need it.</p>"
    home.save()
    groups = GroupIndexPageFactory(parent=home, show_in_menus=True)
    whats_on = EventIndexPageFactory(parent=home, show_in_menus=True)
    news = NewsIndexPageFactory(parent=home, show_in_menus=True)
    about = StandardPageFactory(parent=home, title="About this site", slug="about")
    home.how_to_get_listed = about
    home.save()

    group = GroupPageFactory(
        parent=groups,
        title="Ashby Repair Café",
        summary="We fix broken things with you, for free.",
        description="<p>Bring a toaster, a lamp or a bike.</p>",
        meeting_times="Second Saturday of the month, 10am to 1pm",
        contact_email="repair@example.org",
        contact_phone="01632 960001",
        website="https://repair.example.org",
        looking_for_volunteers=True,
        volunteering="We need fixers and tea makers.",
        access_information="Level entrance at the side gate.",
    )
    group.topics.add(TopicFactory(name="Environment"))
    group.languages.add(LanguageFactory())
    group.access_features.add(AccessFeatureFactory(name="Step-free access"))
    group.links.create(kind="facebook", url="https://facebook.example.org/repair")
    publish(group)
    home.featured_groups.create(page=group)

    event = EventPageFactory(
        parent=group,
        title="Fix-it Saturday",
        description="<p>Bring your broken things.</p>",
        is_free=False,
        price="£2, children free",
        booking_url="https://tickets.example.org/fix-it",
        repeat="weekly",
        repeat_count=4,
    )
    publish(event)
    publish(
        EventPageFactory(
            parent=whats_on,
            title="Town fun day",
            venue=None,
            online_url="https://meet.example.org/fun",
        )
    )
    NewsPageFactory(parent=group, title="Our 1,000th repair")
    NewsPageFactory(parent=news, title="Spring clean-up")

    settings = SiteSettings.for_site(home.get_site())
    settings.operator_name = "Ashby Moor Council for Voluntary Service"
    settings.operator_url = "https://cvs.example.org"
    settings.contact_email = "hello@example.org"
    settings.about_page = about
    settings.save()
    return {"home": home, "whats_on": whats_on, "event": event, "group": group, "news": news}


def test_main_pages_have_no_accessibility_violations(content, live_server, monkeypatch):
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
    translate_page(content["home"], "ur", title="ہوم", intro="ہمارے شہر میں کیا ہو رہا ہے")
    urdu_group = content["group"].get_translation(Locale.objects.get(language_code="ur"))

    paths = [
        "/",
        content["whats_on"].url,
        content["whats_on"].url + "?when=week&free=on&topic=no-such-topic",
        content["whats_on"].url + f"past/{content['group'].slug}/",
        content["event"].url,
        content["group"].url,
        content["news"].url,
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
                    response = page.goto(live_server.url + path)
                    assert response.status == 200, f"{path}: HTTP {response.status}"
                    if path.startswith("/ur/"):
                        assert page.evaluate("document.documentElement.dir") == "rtl", path
                    results = axe.run(page, options=AXE_OPTIONS)
                    if results.violations_count:
                        problems.append(f"{path} at {name} width:\n{results.generate_report()}")
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
