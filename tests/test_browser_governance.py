"""The public governance pages in real Chromium: the two forms, a form with
errors, the transparency page and a page with alert banners; axe finds no
accessibility problem. Runs with `make test-browser`."""

from django.urls import reverse

from moderation.models import AlertBanner

from .helpers import (
    BROWSER_MARKS,
    CHROMIUM,
    CHROMIUM_ARGS,
    VIEWPORTS,
    check_accessibility,
    visit,
)

pytestmark = BROWSER_MARKS


def test_governance_pages_have_no_accessibility_violations(browser_site, live_server, monkeypatch):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    for level in AlertBanner.Level.values:
        AlertBanner.objects.create(level=level, title=f"A {level} notice", message="Details.")

    paths = [
        "/",
        reverse("moderation:suggest_event"),
        reverse("moderation:get_listed"),
        reverse("moderation:transparency"),
    ]
    problems = []
    axe = Axe()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, viewport in VIEWPORTS.items():
                page = browser.new_page(viewport=viewport)
                for path in paths:
                    visit(page, live_server.url, path)
                    check_accessibility(page, axe, problems, f"{path} at {name} width")
                # The form sent empty shows its errors, which must be accessible too.
                page.goto(live_server.url + reverse("moderation:suggest_event"))
                page.click("form.public-form button[type=submit]")
                page.wait_for_load_state()
                check_accessibility(page, axe, problems, f"form errors at {name}")
                page.close()
        finally:
            browser.close()
    assert not problems, "\n\n".join(problems)
