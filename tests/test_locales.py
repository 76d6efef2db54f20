"""Languages are configuration: locales, locale trees and translator roles."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Locale, Page

from noticeboard.settings.base import _languages
from translations.locales import locale_home

NAMES = {"cy": "Welsh", "pl": "Polish", "ur": "Urdu"}


def test_languages_come_from_the_setting_with_english_first_and_native_names():
    assert _languages("cy,pl,ur", "en") == [
        ("en", "English"),
        ("cy", "Cymraeg"),
        ("pl", "polski"),
        ("ur", "اردو"),
    ]
    assert _languages("pl, en ,pl", "en") == [("en", "English"), ("pl", "polski")]


@pytest.mark.django_db
def test_migrations_create_a_locale_and_a_translators_group_per_language():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"en", "cy", "pl", "ur"}
    for name in ["Welsh", "Polish", "Urdu"]:
        group = Group.objects.get(name=f"Translators ({name})")
        assert group.permissions.filter(codename="access_admin").exists()
        assert not group.permissions.filter(codename__startswith="publish").exists()


@pytest.mark.django_db
def test_sync_locales_copies_the_english_tree_into_every_locale(site_tree):
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    english = site_tree["home"]
    for code in ["cy", "pl", "ur"]:
        home = locale_home(Locale.objects.get(language_code=code))
        assert home.translation_key == english.translation_key
        assert home.alias_of_id == english.pk
        assert home.get_descendants().count() == english.get_descendants().count()
        group = Group.objects.get(name=f"Translators ({NAMES[code]})")
        assert set(
            group.page_permissions.filter(page=home).values_list("permission__codename", flat=True)
        ) == {"add_page", "change_page"}
        assert home.workflowpage.workflow.name == "Community moderation"
    # Running it again changes nothing.
    before = Page.objects.count()
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    assert Page.objects.count() == before


@pytest.mark.django_db
def test_locale_trees_are_served_under_their_prefix_and_english_is_not(site_tree, client):
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    assert client.get("/").status_code == 200
    assert client.get("/about/").status_code == 200
    for code in ["cy", "pl", "ur"]:
        assert client.get(f"/{code}/").status_code == 200
        assert client.get(f"/{code}/about/").status_code == 200
    assert client.get("/en/").status_code == 404
    assert client.get("/xx/").status_code == 404


class Stopped(Exception):
    pass


@pytest.mark.django_db
def test_sync_locales_works_in_batches_that_a_stopped_run_keeps(site_tree):
    from translations.locales import sync_locales, sync_trees

    welsh = Locale.objects.get(language_code="cy")

    def stop_after_first_batch(code, done, total):
        assert (done, total) == (2, 5)
        raise Stopped

    with pytest.raises(Stopped):
        sync_locales(batch_size=2, progress=stop_after_first_batch)
    # The first batch (the home page and the first section) was committed.
    assert Page.objects.filter(locale=welsh).count() == 2
    reported = []
    made = sync_trees(batch_size=2, progress=lambda *args: reported.append(args))
    assert made == 3 + 5 + 5  # the rest of Welsh, then Polish and Urdu
    assert reported[:2] == [("cy", 2, 3), ("cy", 3, 3)]
    assert Page.objects.filter(locale=welsh).count() == 5
    # Nothing left to do costs no copy.
    assert sync_trees(batch_size=2) == 0
