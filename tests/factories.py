"""Factories for the content model, used by every test file.

Pages are created in the tree under their parent. ``publish(page)`` publishes
through a revision, as the admin does, so the page_published signal writes
an event's occurrences.
"""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Site

from events.models import EventIndexPage, EventPage
from groups.models import GroupIndexPage, GroupPage, Venue
from home.models import AccessFeature, Area, Language, StandardPage, Topic
from news.models import NewsIndexPage, NewsPage


def home_page():
    """The site's home page, created by the home/0002 migration."""
    return Site.objects.get(is_default_site=True).root_page.specific


def publish(page, user=None):
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    page.refresh_from_db()
    return page


def in_days(days, hour=10, minute=0):
    """An aware datetime ``days`` from today at hour:minute in the site's zone."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)


class VocabularyFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        abstract = True
        django_get_or_create = ("slug",)


class TopicFactory(VocabularyFactory):
    class Meta:
        model = Topic


class AreaFactory(VocabularyFactory):
    latitude = "52.700000"
    longitude = "-1.400000"

    class Meta:
        model = Area


class AccessFeatureFactory(VocabularyFactory):
    class Meta:
        model = AccessFeature


class LanguageFactory(DjangoModelFactory):
    code = "pl"
    name = "Polski"
    english_name = "Polish"

    class Meta:
        model = Language
        django_get_or_create = ("code",)


class VenueFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Church Hall {n}")
    address = "1 High Street\nAshby Moor"
    postcode = "AM1 1AA"
    area = factory.SubFactory(AreaFactory)
    latitude = "52.701000"
    longitude = "-1.401000"

    class Meta:
        model = Venue


class PageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True

    parent = factory.LazyFunction(home_page)
    live = True


class StandardPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Information {n}")
    summary = "About this site."

    class Meta:
        model = StandardPage


class GroupIndexPageFactory(PageFactory):
    title = "Groups"
    slug = "groups"

    class Meta:
        model = GroupIndexPage


class EventIndexPageFactory(PageFactory):
    title = "What's on"
    slug = "whats-on"

    class Meta:
        model = EventIndexPage


class NewsIndexPageFactory(PageFactory):
    title = "News"
    slug = "news"

    class Meta:
        model = NewsIndexPage


def _group_index():
    return GroupIndexPage.objects.first() or GroupIndexPageFactory()


class GroupPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Community Group {n}")
    summary = "We meet every week and everyone is welcome."
    kind = GroupPage.Kind.COMMUNITY
    venue = factory.SubFactory(VenueFactory)
    parent = factory.LazyFunction(_group_index)

    class Meta:
        model = GroupPage


class EventPageFactory(PageFactory):
    """An event under a new group, next week; not yet published (call publish())."""

    title = factory.Sequence(lambda n: f"Coffee morning {n}")
    summary = "Tea, coffee and a chat."
    start = factory.LazyFunction(lambda: in_days(7, 10))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    venue = factory.SubFactory(VenueFactory)
    parent = factory.SubFactory(GroupPageFactory)
    live = False

    class Meta:
        model = EventPage


class NewsPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    summary = "Something happened."
    date = factory.LazyFunction(timezone.localdate)
    parent = factory.SubFactory(GroupPageFactory)

    class Meta:
        model = NewsPage
