"""The site's search backend (search/backends.py) finds and orders results as
Wagtail's database backend does, on SQLite (ranked in one pass) and on
PostgreSQL (DATABASE_URL; the stock backend), and on SQLite the full-text
match runs once however many pages match."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from modelsearch.backends import database
from wagtail.models import Locale, PageViewRestriction
from wagtail.search.backends import get_search_backend

from search.queries import MAX_RESULTS, searchable_pages, suggestions

from .factories import GroupPageFactory, NewsPageFactory, StandardPageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def food_town(site_tree):
    """Pages naming "food bank" in the title, in the summary only, once or
    often, with one word only, and two that must never be found."""
    made = {
        "bank": GroupPageFactory(title="Westfield Food Bank", summary="Food parcels each week."),
        "pantry": GroupPageFactory(
            title="Community Pantry", summary="Run with the food bank; food for anyone."
        ),
        "hub": GroupPageFactory(
            title="Advice Hub",
            summary="Food bank vouchers, food bank referrals and help at the food bank.",
        ),
        "food": GroupPageFactory(title="Food Growers", summary="Allotments and seeds."),
        "bank_only": GroupPageFactory(title="Time Bank", summary="Swap skills with neighbours."),
        "private": GroupPageFactory(title="Food Bank Volunteers", summary="Rota: the food bank."),
    }
    for page in made.values():
        publish(page)
    made["news"] = publish(
        NewsPageFactory(parent=made["bank"], title="Food bank opens on Saturdays")
    )
    made["draft"] = GroupPageFactory(title="Food Bank North", summary="Not open yet.", live=False)
    PageViewRestriction.objects.create(
        page=made["private"], restriction_type=PageViewRestriction.LOGIN
    )
    made["info"] = StandardPageFactory(
        parent=site_tree["about"], title="Getting food", summary="The food bank and more."
    )
    return made


def ranked(backend, query, operator="and"):
    pages = searchable_pages(Locale.get_active())
    return [page.pk for page in backend.search(query, pages, operator=operator)[:MAX_RESULTS]]


def stock():
    """Wagtail's database backend as shipped (on SQLite: modelsearch's ranking
    by a correlated subquery)."""
    return database.SearchBackend({})


@pytest.mark.parametrize(
    "query, operator",
    [("food bank", "and"), ("food", "and"), ("bank", "and"), ("food bank", "or")],
)
def test_results_and_their_order_are_the_stock_backends(food_town, query, operator):
    ours = ranked(get_search_backend(), query, operator)
    assert ours == ranked(stock(), query, operator)
    assert ours, query
    # Never a draft or a private page, whatever the ranking.
    assert food_town["draft"].pk not in ours
    assert food_town["private"].pk not in ours


def test_a_two_word_search_finds_the_pages_with_both_words_best_first(food_town):
    pages = searchable_pages(Locale.get_active())
    results = list(get_search_backend().search("food bank", pages).annotate_score("score"))
    expected = {"bank", "pantry", "hub", "news", "info"}
    assert {page.pk for page in results} == {food_town[key].pk for key in expected}
    # Best first, every page scored: SQLite's bm25 is lower for a better
    # match, PostgreSQL's ts_rank higher.
    scores = [page.score for page in results]
    assert None not in scores
    assert scores == sorted(scores, reverse=connection.vendor == "postgresql")


def test_results_in_another_language_are_the_stock_backends(food_town):
    from django.core.management import call_command

    call_command("sync_locales", stdout=open("/dev/null", "w"))
    with translation.override("cy"):
        ours = ranked(get_search_backend(), "food bank")
        assert ours == ranked(stock(), "food bank")
    assert len(ours) == 5  # the untranslated copies, found in Welsh


def test_suggestions_are_the_stock_backends(food_town):
    pages = searchable_pages(Locale.get_active())
    for typed in ["foo", "food b", "westf"]:
        ours = [page.pk for page in suggestions(typed)]
        theirs = [page.pk for page in stock().autocomplete(typed, pages, operator="and")[:8]]
        assert ours == theirs, typed
    assert [page.title for page in suggestions("westf")] == ["Westfield Food Bank"]


def test_the_full_text_match_runs_once_on_sqlite_and_postgresql_keeps_its_own(food_town):
    if connection.vendor == "postgresql":
        # PostgreSQL ranks with its own index (search/0003): the stock backend.
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        assert type(get_search_backend()) is PostgresSearchBackend
        return
    for query in ["food bank", "food"]:
        with CaptureQueriesContext(connection) as context:
            found = ranked(get_search_backend(), query)
        assert found
        (search_sql,) = [q["sql"] for q in context.captured_queries if " MATCH " in q["sql"]]
        assert search_sql.count(" MATCH ") == 1, search_sql
        assert "bm25(" in search_sql
