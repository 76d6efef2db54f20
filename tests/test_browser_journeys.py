"""Residents' journeys in real Chromium, on a phone (390 px) and a desktop
(1366 px), in English and in Urdu (right to left): what a person sees at each
step. Every step checks that nothing scrolls sideways and that axe-core finds
no accessibility problem; the journeys check that links stay in the reader's
language, that the results are in the first screen and that a form with
errors puts the focus on its summary.

Runs with `make test-browser` (deselected from `make test`). Set
SCREENSHOTS_DIR to keep a 390 px screenshot of each page type in each
language, to look at by eye.
"""

import datetime
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from .factories import (
    AccessFeatureFactory,
    AreaFactory,
    EventIndexPageFactory,
    EventPageFactory,
    GroupIndexPageFactory,
    GroupPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    home_page,
    publish,
)
from .helpers import AXE_OPTIONS, BROWSER_MARKS, CHROMIUM, CHROMIUM_ARGS

pytestmark = BROWSER_MARKS

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
NARROWEST = {"width": 320, "height": 640}
LANGUAGES = ["en", "ur"]


def next_saturday(hour):
    today = timezone.localdate()
    day = today + datetime.timedelta(days=(5 - today.weekday()) % 7 or 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def town(django_db_serialized_rollback, transactional_db):
    """A small town: a group meeting in a step-free hall, its free event this
    weekend and a paid one, and the Urdu tree with its section pages
    translated and the rest as untranslated copies."""
    from home.models import SiteSettings
    from translations.locales import translate_page

    home = home_page()
    groups = GroupIndexPageFactory(parent=home, show_in_menus=True)
    whats_on = EventIndexPageFactory(parent=home, show_in_menus=True)
    NewsIndexPageFactory(parent=home, show_in_menus=True)
    about = StandardPageFactory(parent=home, title="About this site", slug="about")
    step_free = AccessFeatureFactory(name="Step-free access", slug="step-free")
    near, far = AreaFactory(name="Town centre"), AreaFactory(name="Saxon Hill")

    group = GroupPageFactory(
        parent=groups, title="Ashby Repair Café", summary="We fix broken things with you."
    )
    group.venue.area = near
    group.venue.save()
    group.areas.add(near)
    group.access_features.add(step_free)
    publish(group)
    other = GroupPageFactory(parent=groups, title="Saxon Hill Walkers", summary="We walk.")
    other.venue.area = far
    other.venue.save()
    other.areas.add(far)
    publish(other)

    free_event = EventPageFactory(
        parent=group,
        title="Fix-it Saturday",
        summary="Bring your broken things.",
        start=next_saturday(10),
        end=next_saturday(13),
        is_free=True,
    )
    free_event.access_features.add(step_free)
    publish(free_event)
    publish(
        EventPageFactory(
            parent=group,
            title="Soldering class",
            start=next_saturday(14),
            end=next_saturday(16),
            is_free=False,
            price="£5",
        )
    )
    NewsPageFactory(parent=group, title="Our 1,000th repair")

    settings = SiteSettings.for_site(home.get_site())
    settings.operator_name = "Ashby Moor CVS"
    settings.about_page = about
    settings.save()

    call_command("sync_locales", stdout=open(os.devnull, "w"))
    translate_page(home, "ur", title="ہوم", intro="ہمارے شہر میں کیا ہو رہا ہے")
    translate_page(whats_on, "ur", title="کیا ہو رہا ہے")
    translate_page(groups, "ur", title="گروپ")
    return {"event": free_event, "group": group, "whats_on": whats_on, "about": about}


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM is not
    # used while it runs, but Django cannot tell.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Reader:
    """One person's browser tab, at one width, in one language, which checks
    every page it reaches."""

    def __init__(self, browser, live_server, viewport, language):
        from axe_playwright_python.sync_playwright import Axe

        self.page = browser.new_page(viewport=viewport)
        self.viewport = viewport
        self.language = language
        self.server = live_server.url
        self.prefix = "" if language == "en" else f"/{language}"
        self.axe = Axe()
        self.problems = []

    def open(self, path):
        response = self.page.goto(self.server + self.prefix + path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        self.check()

    def check(self):
        """What every step must hold: in the reader's language, nothing
        sideways, no accessibility problem."""
        page = self.page
        page.wait_for_load_state()
        where = f"{page.url} at {self.viewport['width']} px"
        path = page.url.removeprefix(self.server)
        assert page.evaluate("document.documentElement.lang") == self.language, where
        if self.prefix:
            assert path.startswith(self.prefix + "/"), f"left {self.language}: {where}"
            assert page.evaluate("document.documentElement.dir") == "rtl", where
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"scrolls sideways by {overflow} px: {where}"
        results = self.axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            self.problems.append(f"{where}:\n{results.generate_report()}")

    def in_first_screen(self, selector):
        """True when the top of the first element matching ``selector`` is
        on screen without scrolling further."""
        box = self.page.locator(selector).first.bounding_box()
        return box is not None and 0 <= box["y"] < self.viewport["height"] - 40

    def links_stay_in_language(self):
        """Every link to this site on the page, bar the language switcher's,
        is in the reader's language."""
        hrefs = self.page.eval_on_selector_all(
            "a[href^='/']:not([hreflang])", "links => links.map(a => a.getAttribute('href'))"
        )
        own = [h for h in hrefs if not h.startswith(("/static/", "/media/", "/admin/"))]
        strays = [h for h in own if self.prefix and not h.startswith(self.prefix + "/")]
        assert strays == [], f"links out of {self.language} on {self.page.url}: {strays}"

    def open_filters(self):
        """On a phone the filters are folded behind one button."""
        summary = self.page.locator(".finder__filters > summary")
        if summary.is_visible():
            summary.click()

    def done(self):
        self.page.close()
        assert not self.problems, "\n\n".join(self.problems)


def readers(browser, live_server, viewports=(PHONE, DESKTOP)):
    for viewport in viewports:
        for language in LANGUAGES:
            yield Reader(browser, live_server, viewport, language)


def test_a_resident_finds_a_free_step_free_event_this_weekend(town, live_server, browser):
    for reader in readers(browser, live_server):
        page = reader.page
        reader.open("/")
        page.locator(".primary-nav a[href$='/whats-on/']").click()
        reader.check()

        # On a phone, the first results are in the first screen, under the
        # folded filters.
        assert reader.in_first_screen(".results-count"), page.url
        if reader.viewport is PHONE:
            assert reader.in_first_screen(".occurrence"), page.url

        reader.open_filters()
        page.check("input[name=when][value=weekend]")
        page.check("input[name=free]")
        page.check("input[name=access][value=step-free]")
        page.locator("form.filters button[type=submit]").click()
        reader.check()

        # Back at the results, with the chosen filters as tags, the free
        # step-free event found and the paid one left out.
        assert page.url.endswith("#results")
        assert reader.in_first_screen(".results-count")
        assert page.locator(".chosen-filter").count() == 3
        titles = page.locator(".occurrence__title").all_inner_texts()
        assert titles == ["Fix-it Saturday"], titles
        reader.links_stay_in_language()

        # The event, its calendar file and its group, all in the reader's language.
        page.locator(".occurrence__title a").first.click()
        reader.check()
        reader.links_stay_in_language()
        ics = page.locator(".add-to-calendar a[download]").get_attribute("href")
        calendar = page.request.get(reader.server + ics)
        assert calendar.ok and calendar.headers["content-type"].startswith("text/calendar")
        assert "SUMMARY:Fix-it Saturday" in calendar.text()
        page.locator(".page-intro__meta a").click()
        reader.check()
        assert page.locator("h1").inner_text() == "Ashby Repair Café"
        reader.links_stay_in_language()
        reader.done()


def test_the_directory_filtered_and_sorted_nearest(town, live_server, browser):
    for reader in readers(browser, live_server):
        page = reader.page
        reader.open("/groups/")
        reader.open_filters()
        page.check("input[name=order][value=near]")
        page.select_option("select[name=near]", value="town-centre")
        page.locator("form.directory-filters button[type=submit]").click()
        reader.check()
        assert page.url.endswith("#directory-results")
        assert reader.in_first_screen("#directory-results")
        names = page.locator(".card__title").all_inner_texts()
        assert names[0] == "Ashby Repair Café", names
        reader.links_stay_in_language()
        reader.done()


def test_a_search_with_no_results_says_so_in_the_first_screen(town, live_server, browser):
    for reader in readers(browser, live_server):
        page = reader.page
        reader.open("/")
        page.fill("#site-search-query", "zzqxv")
        page.press("#site-search-query", "Enter")
        reader.check()
        assert reader.in_first_screen(".results-count")
        assert "zzqxv" in page.locator(".results-count").inner_text()
        assert page.locator(".search-result").count() == 0
        reader.links_stay_in_language()
        reader.done()


def test_a_search_filtered_to_groups_keeps_the_results_in_the_first_screen(
    town, live_server, browser
):
    for reader in readers(browser, live_server):
        page = reader.page
        reader.open("/")
        page.fill("#site-search-query", "repair")
        page.press("#site-search-query", "Enter")
        reader.check()
        assert reader.in_first_screen(".results-count")
        assert reader.in_first_screen(".search-result")
        # The filters, folded on a phone, narrow to groups and come back to
        # the results, with the choice shown as a tag that removes it.
        reader.open_filters()
        page.locator(".finder__filters input[name=type][value=group]").check()
        with page.expect_navigation():
            page.locator(".finder__filters button[type=submit]").click()
        reader.check()
        assert urlsplit(page.url).fragment == "results"
        assert reader.in_first_screen(".results-count")
        assert page.locator(".search-result").count() == 1
        assert "Ashby Repair Café" in page.locator(".search-result").inner_text()
        assert page.locator(".chosen-filter").count() == 1
        reader.links_stay_in_language()
        with page.expect_navigation():
            page.locator(".chosen-filter").click()
        reader.check()
        assert page.locator(".chosen-filter").count() == 0
        assert page.locator(".search-result").count() > 1
        reader.done()


def test_a_member_of_the_public_suggests_an_event_and_confirms_it(town, live_server, browser):
    from moderation.models import PublicSubmission, QueuedMail

    for number, reader in enumerate(readers(browser, live_server)):
        # Each reader is another person at another address: a fresh count for
        # the per-address limit on submissions.
        cache.clear()
        page = reader.page
        reader.open(town["whats_on"].url)
        page.locator(".page-intro__action a").click()
        reader.check()
        title = page.title()

        # Sent empty: the summary says what is wrong, has the focus, and the
        # page's title starts with "Error:" in the reader's language.
        page.locator("form.public-form button[type=submit]").click()
        reader.check()
        with translation.override(reader.language):
            error = gettext("Error:")
        assert page.title() == f"{error} {title}"
        assert page.evaluate("document.activeElement.classList.contains('error-summary')")
        assert reader.in_first_screen(".error-summary")
        assert page.locator(".error-summary a[href='#id_title']").count() == 1
        assert page.locator(".form-field--error").count() >= 4

        start = next_saturday(11) + datetime.timedelta(days=7)
        page.fill("#id_your_name", "Pat Jones")
        page.fill("#id_your_email", f"pat{number}@example.org")
        page.fill("#id_title", f"Street party {number}")
        page.fill("#id_summary", "Music, food and games.")
        page.fill("#id_start", start.strftime("%Y-%m-%dT%H:%M"))
        page.fill("#id_end", (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
        page.fill("#id_where", "Mill Lane")
        page.fill("#id_description", "Bring a dish.\nTables from 10am.\n\nAll welcome.")
        assert page.locator("#id_fax_number").is_hidden()
        page.locator("form.public-form button[type=submit]").click()
        reader.check()
        assert page.locator(".error-summary").count() == 0

        message = QueuedMail.objects.filter(to=f"pat{number}@example.org").latest("pk")
        link = re.search(r"https?://\S+/confirm/\S+", message.body).group(0)
        page.goto(reader.server + urlsplit(link).path)
        reader.check()
        page.locator("main form button[type=submit]").click()
        reader.check()
        submission = PublicSubmission.objects.get(email=f"pat{number}@example.org")
        assert submission.confirmed_at is not None
        # Each line the person typed is kept, as a paragraph the editor keeps.
        description = submission.page.specific.description
        assert description.startswith(
            "<p>Bring a dish.</p><p>Tables from 10am.</p><p>All welcome.</p>"
        )
        reader.done()


def test_each_page_type_fits_the_narrowest_phone(town, live_server, browser):
    """No page scrolls sideways at 320 px in either language (WCAG 1.4.10).
    With SCREENSHOTS_DIR set, each page is also photographed at 390 px."""
    from django.urls import reverse

    shots = os.environ.get("SCREENSHOTS_DIR")
    pages = {
        "home": "/",
        "whats-on": town["whats_on"].url,
        "event": town["event"].url,
        "group": town["group"].url,
        "directory": "/groups/",
        "news": "/news/",
        "about": town["about"].url,
        "search": "/search/?query=repair",
        "suggest": reverse("moderation:suggest_event"),
        "get-listed": reverse("moderation:get_listed"),
        "transparency": reverse("moderation:transparency"),
    }
    viewports = (NARROWEST, PHONE) if shots else (NARROWEST,)
    for reader in readers(browser, live_server, viewports):
        for name, path in pages.items():
            reader.open(path)
            if shots and reader.viewport is PHONE:
                folder = Path(shots)
                folder.mkdir(parents=True, exist_ok=True)
                reader.page.screenshot(
                    path=str(folder / f"{name}-{reader.language}.png"), full_page=True
                )
        reader.done()


PASSWORD = "correct horse battery staple"


@pytest.fixture
def moderated_group(django_db_serialized_rollback, transactional_db):
    """A group whose volunteer's changes wait for a moderator, and two moderators."""
    from django.contrib.auth.models import Group

    from moderation.onboarding import onboard
    from moderation.roles import MODERATORS

    from .factories import UserFactory

    home = home_page()
    groups = GroupIndexPageFactory(parent=home, show_in_menus=True)
    EventIndexPageFactory(parent=home, show_in_menus=True)
    group = publish(GroupPageFactory(parent=groups, title="Ashby Repair Café"))
    event = publish(EventPageFactory(parent=group, title="Fix-it Saturday"))
    organisation, _ = onboard(group)
    volunteer = UserFactory(username="volunteer", first_name="Val")
    volunteer.groups.add(organisation.editors)
    for username in ["moderator", "moderator2"]:
        UserFactory(username=username).groups.add(Group.objects.get(name=MODERATORS))
    return {"group": group, "event": event}


class Editor(Reader):
    """A volunteer or moderator in the Wagtail admin (in English).

    axe-core runs at every step here too, but what it finds is printed, not
    failed on: Wagtail's own admin has findings that are not this project's
    markup (its Draftail rich-text box has no accessible name). The layout
    checks (language, nothing sideways) still fail the journey."""

    def check(self):
        super().check()
        if self.problems:
            print("\n\n".join(["axe-core in Wagtail's admin:", *self.problems]))
            self.problems = []

    def __init__(self, browser, live_server, viewport, username):
        super().__init__(browser, live_server, viewport, "en")
        self.page.goto(self.server + "/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.locator("form button[type=submit]").click()
        self.page.wait_for_url(re.compile(r"/admin/$"))

    def edit(self, page):
        self.page.goto(f"{self.server}/admin/pages/{page.pk}/edit/")
        self.check()

    def action(self, name, opens_a_form=False):
        """Choose an action from the editor's footer menu (under "More actions")
        and wait for the page it leads to (unless it asks for a comment first)."""
        footer = self.page.locator("footer")
        footer.get_by_role("button", name="More actions").click()
        if opens_a_form:
            footer.get_by_role("button", name=name).click()
            return
        with self.page.expect_navigation():
            footer.get_by_role("button", name=name).click()

    def message(self):
        return " ".join(self.page.locator(".messages").all_inner_texts())


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_volunteers_change_goes_back_with_a_comment_and_another_moderator_approves(
    moderated_group, live_server, browser, viewport
):
    event = moderated_group["event"]
    volunteer = Editor(browser, live_server, viewport, "volunteer")
    # Their dashboard leads to their own group.
    dashboard = volunteer.page.content()
    assert "Your groups" in dashboard and "Ashby Repair Café" in dashboard
    volunteer.edit(event)
    title = f"Fix-it Saturday, {viewport['width']}"
    volunteer.page.fill("#id_title", title + " (draft)")
    volunteer.action(re.compile("Submit to"))
    volunteer.check()
    assert "submitted" in volunteer.message().lower()

    # The first moderator asks for a change, with a comment.
    moderator = Editor(browser, live_server, viewport, "moderator")
    assert moderator.page.get_by_text(title + " (draft)").count()
    moderator.edit(event)
    moderator.action("Request changes", opens_a_form=True)
    modal = moderator.page.locator(".modal")
    modal.locator("textarea").fill("Please add the start time.")
    with moderator.page.expect_navigation():
        modal.locator("button[type=submit]").click()
    moderator.check()

    # The volunteer finds the comment where they work, fixes and resubmits.
    volunteer.edit(event)
    assert "Please add the start time." in volunteer.message()
    volunteer.page.fill("#id_title", title)
    volunteer.action(re.compile("Submit to|Resubmit to"))
    volunteer.check()

    # Another moderator approves: it is live.
    second = Editor(browser, live_server, viewport, "moderator2")
    second.edit(event)
    second.action("Approve and Publish")
    second.check()
    published = second.page.request.get(second.server + event.url)
    assert f"<h1>{title}</h1>" in published.text()
    for person in (volunteer, moderator, second):
        person.done()


@pytest.fixture
def page_to_translate(django_db_serialized_rollback, transactional_db):
    """An English page with its Polish copy waiting to be translated, and a
    translator of Polish."""
    from django.contrib.auth.models import Group

    from .factories import UserFactory

    home = home_page()
    about = StandardPageFactory(parent=home, title="About this site", slug="about")
    call_command("sync_locales", stdout=open(os.devnull, "w"))
    UserFactory(username="translator").groups.add(Group.objects.get(name="Translators (Polish)"))
    return {"about": about}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_translator_translates_a_page_and_submits_it_for_moderation(
    page_to_translate, live_server, browser, viewport
):
    from wagtail.models import Locale, Page

    about = page_to_translate["about"]
    translator = Editor(browser, live_server, viewport, "translator")
    page = translator.page
    # "Translate this page" offers only the translator's own language.
    page.goto(f"{translator.server}/admin/localize/submit/page/{about.pk}/")
    translator.check()
    languages = page.locator("input[name=locales]")
    assert languages.count() == 1
    languages.check()
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").last.click()
    translator.check()

    # The translation editor: the title first, translated and saved.
    polish = Page.objects.get(
        translation_key=about.translation_key, locale=Locale.objects.get(language_code="pl")
    )
    assert page.url.endswith(f"/admin/pages/{polish.pk}/edit/")
    submit = page.locator(".translation-submit").get_by_role(
        "button", name="Submit translation for moderation"
    )
    assert submit.is_visible()
    page.get_by_role("button", name="Translate").first.click()
    page.locator("textarea").first.fill("O tej stronie")
    page.get_by_role("button", name="Save").first.click()
    page.get_by_role("button", name="Edit").first.wait_for()
    translator.check()

    # Submitted: the translator is told it waits for a moderator, and the
    # public Polish page still shows what it showed.
    with page.expect_navigation():
        submit.click()
    translator.check()
    assert "submitted for moderation" in translator.message()
    polish.refresh_from_db()
    assert polish.workflow_in_progress
    assert polish.get_latest_revision_as_object().title == "O tej stronie"
    public = page.request.get(translator.server + "/pl/about/")
    assert public.status == 200 and "O tej stronie" not in public.text()
    translator.done()
