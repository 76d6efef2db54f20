"""The Content-Security-Policy in real Chromium: the public pages and the
Wagtail admin work under their policies, with nothing refused (the browser
reports every violation). Runs with `make test-browser`."""

from django.urls import reverse

from .helpers import BROWSER_MARKS, CHROMIUM, CHROMIUM_ARGS, member_of

pytestmark = BROWSER_MARKS

LISTEN = """(() => {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(event.violatedDirective + " " + event.blockedURI);
  });
})();"""


def test_no_page_breaks_its_content_security_policy(browser_site, live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    from moderation.roles import SITE_ADMINISTRATORS

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    admin = member_of(SITE_ADMINISTRATORS, username="csp-admin")
    admin.set_password("a-long-password-1")
    admin.save()
    event = browser_site["event"]
    public = ["/", "/whats-on/", event.url, "/search/?q=fix", reverse("moderation:suggest_event")]
    admin_paths = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
        reverse("wagtailimages:index"),
    ]
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.add_init_script(LISTEN)
            messages = []
            page.on(
                "console",
                lambda message: (
                    messages.append(message.text)
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            for path in public:
                response = page.goto(live_server.url + path)
                assert response.status == 200, path
                assert response.headers.get("content-security-policy"), path
                problems += [f"{path}: {v}" for v in page.evaluate("window.__violations")]
            page.goto(live_server.url + reverse("wagtailadmin_login"))
            page.fill("#id_username", "csp-admin")
            page.fill("#id_password", "a-long-password-1")
            page.click("button[type=submit]")
            page.wait_for_load_state()
            for path in admin_paths:
                response = page.goto(live_server.url + path)
                assert response.status == 200, path
                page.wait_for_load_state("networkidle")
                problems += [f"{path}: {v}" for v in page.evaluate("window.__violations")]
            problems += messages
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
