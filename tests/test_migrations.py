"""The data migrations are frozen (tests/test_layers.py checks they import no
live code); today they must still agree with the live definitions that the
commands apply, so a fresh database and ``sync_roles`` / ``sync_locales``
give the same site."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Locale

from moderation.roles import MODERATORS, SITE_ADMINISTRATORS
from translations.locales import translators_group_name

pytestmark = pytest.mark.django_db


def roles_snapshot():
    snapshot = {}
    for group in Group.objects.filter(name__in=[MODERATORS, SITE_ADMINISTRATORS]):
        snapshot[group.name] = (
            sorted(group.permissions.values_list("content_type__app_label", "codename")),
            sorted(
                GroupPagePermission.objects.filter(group=group).values_list(
                    "page__depth", "permission__codename"
                )
            ),
            sorted(
                GroupCollectionPermission.objects.filter(group=group).values_list(
                    "collection__depth", "permission__codename"
                )
            ),
        )
    return snapshot


def test_the_migrated_roles_are_the_ones_sync_roles_applies():
    migrated = roles_snapshot()
    assert set(migrated) == {MODERATORS, SITE_ADMINISTRATORS}
    call_command("sync_roles", stdout=open("/dev/null", "w"))
    assert roles_snapshot() == migrated


def test_the_migrated_locales_and_translators_are_the_configured_languages():
    codes = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    assert set(Locale.objects.values_list("language_code", flat=True)) == codes
    for code in codes - {settings.LANGUAGE_CODE}:
        assert Group.objects.filter(name=translators_group_name(code)).exists()
