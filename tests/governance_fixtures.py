"""Fixtures for the governance tests: two onboarded groups (A and B), their
editors, moderators and an image in each group's collection.

Imported by the governance test modules with ``from .governance_fixtures import *``.
"""

import pytest
import wagtail_factories
from django.contrib.auth.models import Group

from moderation.roles import MODERATORS, SITE_ADMINISTRATORS, onboard

from .factories import EventPageFactory, GroupPageFactory, UserFactory, publish


def member_of(group, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(group)
    return user


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
    return member_of(Group.objects.get(name=MODERATORS), username="mo")


@pytest.fixture
def second_moderator(db):
    return member_of(Group.objects.get(name=MODERATORS), username="meg")


@pytest.fixture
def site_admin(db):
    return member_of(Group.objects.get(name=SITE_ADMINISTRATORS), username="sam")
