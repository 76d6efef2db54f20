"""Fixtures every test module may use (pytest finds them here; nothing imports
this module). Helpers that are not fixtures are in helpers.py."""

import pytest
import wagtail_factories
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Locale

from home.models import SiteSettings
from moderation.onboarding import onboard
from moderation.roles import MODERATORS, SITE_ADMINISTRATORS
from participation.models import HaveYourSayIndexPage
from participation.roles import COUNCIL_OFFICERS
from translations.locales import translate_page

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
from .helpers import make_question, member_of


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request to /ur/… leaves
    Urdu active in the thread (LocaleMiddleware activates it and nothing
    deactivates it), which would otherwise leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    from home import sitewide

    cache.clear()
    sitewide.forget()
    yield
    cache.clear()
    sitewide.forget()


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def site_tree(home):
    """The designed page tree with its three index pages and an about page."""
    return {
        "home": home,
        "groups": GroupIndexPageFactory(parent=home),
        "whats_on": EventIndexPageFactory(parent=home),
        "news": NewsIndexPageFactory(parent=home),
        "about": StandardPageFactory(parent=home, title="About this site", slug="about"),
    }


# Governance: two onboarded groups (A and B), their editors, moderators and an
# image in each group's collection. -------------------------------------------


@pytest.fixture
def groups(site_tree):
    group_a = publish(GroupPageFactory(title="Repair Cafe", slug="repair-cafe"))
    group_b = publish(GroupPageFactory(title="Walking Group", slug="walking-group"))
    org_a, _ = onboard(group_a)
    org_b, _ = onboard(group_b)
    event_a = publish(EventPageFactory(parent=group_a, title="Fix-it Saturday"))
    event_b = publish(EventPageFactory(parent=group_b, title="Canal walk"))
    return {
        "a": group_a,
        "b": group_b,
        "org_a": org_a,
        "org_b": org_b,
        "event_a": event_a,
        "event_b": event_b,
        "image_a": wagtail_factories.ImageFactory(title="Toaster", collection=org_a.collection),
        "image_b": wagtail_factories.ImageFactory(title="Canal", collection=org_b.collection),
    }


@pytest.fixture
def editor_a(groups):
    return member_of(groups["org_a"].editors, username="alice")


@pytest.fixture
def editor_b(groups):
    return member_of(groups["org_b"].editors, username="bob")


@pytest.fixture
def moderator(db):
    return member_of(MODERATORS, username="mo")


@pytest.fixture
def second_moderator(db):
    return member_of(MODERATORS, username="meg")


@pytest.fixture
def site_admin(db):
    return member_of(SITE_ADMINISTRATORS, username="sam")


# Have your say: the index page, an open question with three prompts (two
# open, one choice), and a council officer. --------------------------------


@pytest.fixture
def hys(site_tree):
    index = HaveYourSayIndexPage(title="Have your say", slug="have-your-say")
    site_tree["home"].add_child(instance=index)
    publish(index)
    return index


@pytest.fixture
def question(hys):
    return make_question(hys)


@pytest.fixture
def officer(db):
    return member_of(COUNCIL_OFFICERS, username="olu")


# Languages --------------------------------------------------------------------


@pytest.fixture
def translated_content(site_tree):
    """A group with a Polish and an untranslated event, news and a Polish topic."""
    group = GroupPageFactory(title="Repair Cafe", summary="We fix broken things.")
    topic = TopicFactory(name="Food")
    group.topics.add(topic)
    group.save()
    translated = publish(EventPageFactory(parent=group, title="Fix-it Saturday"))
    untranslated = publish(EventPageFactory(parent=group, title="Sewing circle"))
    news = NewsPageFactory(parent=group, title="Volunteers wanted")
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    polish = translate_page(
        translated, "pl", title="Sobota naprawcza", summary="Naprawiamy.", slug="sobota"
    )
    polish_topic = topic.copy_for_translation(Locale.objects.get(language_code="pl"))
    polish_topic.name = "Jedzenie"
    polish_topic.save()
    return {
        "group": group,
        "event": translated,
        "polish_event": polish,
        "untranslated": untranslated,
        "news": news,
    }


# The browser ------------------------------------------------------------------


@pytest.fixture
def browser_site(django_db_serialized_rollback, transactional_db):
    """A small site: the designed tree, a group with a venue, an event, news.

    The live server needs a committed database, so these tests run outside a
    transaction and the database is flushed afterwards. Serialized rollback
    restores what the migrations created (the root page, the default Site,
    locales, roles and the workflow) so that the next test finds them again.
    """
    home = home_page()
    home.welcome = "<p>Find a group, something to do, or help when you need it.</p>"
    home.save()
    groups = GroupIndexPageFactory(parent=home, show_in_menus=True)
    whats_on = EventIndexPageFactory(parent=home, show_in_menus=True)
    news = NewsIndexPageFactory(parent=home, show_in_menus=True)
    about = StandardPageFactory(parent=home, title="About this site", slug="about")

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
