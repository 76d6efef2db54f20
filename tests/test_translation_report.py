"""The "Translations to do" report lists missing and out-of-date translations."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from groups.models import GroupPage
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


def test_the_report_is_paginated_in_bounded_queries(
    trees, client, monkeypatch, django_assert_max_num_queries
):
    from translations import report

    monkeypatch.setattr(report, "ROWS_PER_PAGE", 2)
    translator = member_of(Group.objects.get(name="Translators (Polish)"), username="ola")
    client.force_login(translator)
    url = reverse("translations_to_do")
    titles = ["Home", "Groups", "What's on", "News", "About this site"]
    shown = []
    for number in [1, 2, 3]:
        with django_assert_max_num_queries(40):
            html = client.get(url, {"p": number}).content.decode()
        assert "(5)" in html  # the total, on every page
        assert f"Page {number} of 3" in html
        shown.append([title for title in titles if f">{escape(title)}</a>" in html])
    assert [len(titles_on_page) for titles_on_page in shown] == [2, 2, 1]
    assert sorted(sum(shown, [])) == sorted(titles)
    assert "p=2" in client.get(url, {"p": 1}).content.decode()
    # A page number out of range or not a number shows a page, not an error.
    assert client.get(url, {"p": "99"}).status_code == 200
    assert client.get(url, {"p": "x"}).status_code == 200


def test_a_page_of_the_report_costs_the_same_whatever_the_size_of_the_site(trees, monkeypatch):
    """The report decides what is to do in SQL and reads one page of rows a
    language: the same queries with 3 groups or 30 (the locales, one count of
    every language, a page of rows per language, and the out-of-date rows'
    translations), none reading every English page, and the same rows as the
    whole list cut into pages."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from translations import report

    from .factories import GroupPageFactory

    monkeypatch.setattr(report, "ROWS_PER_PAGE", 4)
    about = trees["about"]
    translate_page(about, "pl", title="O tej stronie")
    type(about).objects.filter(pk=about.pk).update(
        last_published_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    languages = ["cy", "pl", "ur"]
    names = {"cy": "Cymraeg", "pl": "Polski", "ur": "Urdu"}

    def measure(page_number):
        with CaptureQueriesContext(connection) as context:
            sections = report.report_sections(languages, names, page_number)
        return len(context), context.captured_queries, sections

    counts = []
    for groups in [3, 30]:
        while GroupPage.objects.filter(locale__language_code="en").count() < groups:
            publish(GroupPageFactory())
        call_command("sync_locales", stdout=open("/dev/null", "w"))
        whole = report.translations_to_do(languages)
        polish = [row.page.pk for row in whole if row.language == "pl"]
        about_page = polish.index(about.pk) // report.ROWS_PER_PAGE + 1
        assert about_page > 1
        # The first page (every row missing) and the page with the out-of-date row.
        for page_number in [1, about_page]:
            count, queries, sections = measure(page_number)
            counts.append(count)
            for code, name, rows in sections:
                expected = [row for row in whole if row.language == code]
                assert name == names[code]
                assert rows.paginator.count == len(expected)
                start = (page_number - 1) * report.ROWS_PER_PAGE
                shown = [(row.page.pk, row.status) for row in rows]
                assert shown == [
                    (row.page.pk, row.status)
                    for row in expected[start : start + report.ROWS_PER_PAGE]
                ]
            # Every page query is a count or a page of rows, never all of them.
            for query in queries:
                sql = query["sql"]
                if 'FROM "wagtailcore_page"' in sql and "COUNT(" not in sql:
                    assert "LIMIT" in sql or '"id" IN (' in sql, sql
        # English pages: home, three indexes, about and the groups; all but
        # about are missing in Polish, about is out of date with its translation.
        polish = {row.page.pk: row for row in whole if row.language == "pl"}
        assert len(polish) == 5 + groups
        assert polish[about.pk].status == OUT_OF_DATE
        assert polish[about.pk].translation.title == "O tej stronie"
        assert all(row.status == MISSING for pk, row in polish.items() if pk != about.pk)
    # One more query, for the translation, on the page with the out-of-date row.
    assert counts == [5, 6, 5, 6], counts
