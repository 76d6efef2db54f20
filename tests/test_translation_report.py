"""The "Translations to do" report lists missing and out-of-date translations."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from translations.locales import translate_page
from translations.report import MISSING, OUT_OF_DATE, translations_to_do

from .factories import publish
from .helpers import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def trees(site_tree):
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    return site_tree


def statuses(language):
    return {row.page.title: row.status for row in translations_to_do([language])}


def test_untranslated_pages_are_missing_and_translated_ones_are_not(trees):
    translate_page(trees["about"], "pl", title="O tej stronie")
    polish = statuses("pl")
    assert polish == {
        "Home": MISSING,
        "Groups": MISSING,
        "What's on": MISSING,
        "News": MISSING,
    }
    assert statuses("cy")["About this site"] == MISSING


def test_a_translation_older_than_its_english_page_is_out_of_date(trees):
    about = trees["about"]
    translate_page(about, "pl", title="O tej stronie")
    assert "About this site" not in statuses("pl")
    # The English page changes after the translation was made.
    later = timezone.now() + datetime.timedelta(minutes=5)
    about.title = "About us"
    publish(about)
    type(about).objects.filter(pk=about.pk).update(last_published_at=later)
    rows = {row.page.title: row for row in translations_to_do(["pl"])}
    assert rows["About us"].status == OUT_OF_DATE
    assert rows["About us"].translation.title == "O tej stronie"
    # Bringing the translation up to date takes it off the list.
    translate_page(about, "pl", title="O nas")
    type(about).objects.filter(pk=about.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    assert "About us" not in statuses("pl")


def test_translators_see_their_own_languages_report(trees, client):
    translator = member_of(Group.objects.get(name="Translators (Polish)"), username="ola")
    client.force_login(translator)
    response = client.get(reverse("translations_to_do"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="todo-pl"' in html
    assert 'id="todo-cy"' not in html
    assert "About this site" in html
    assert f"/admin/localize/submit/page/{trees['about'].pk}/?select_locale=pl" in html
