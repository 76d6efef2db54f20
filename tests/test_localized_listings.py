"""Listings, search and terms read the visitor's language; untranslated items
still appear, marked with the language they are written in."""

import pytest
from django.db import connection
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localdate

from translations.locales import translate_page

from .factories import (
    NewsPageFactory,
)


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_whats_on_shows_each_event_once_in_the_best_language(translated_content, client):
    polish = html(client, "/pl/whats-on/")
    assert "Sobota naprawcza" in polish
    assert "Fix-it Saturday" not in polish
    # The untranslated event is still listed, marked as English.
    assert 'lang="en" dir="auto">Sewing circle</a>' in polish
    assert "written-in" in polish
    english = html(client, "/whats-on/")
    assert "Fix-it Saturday" in english and "Sewing circle" in english
    assert "Sobota naprawcza" not in english
    assert "written-in" not in english


@pytest.mark.django_db
def test_whats_on_shows_dates_in_the_visitors_language(translated_content, client):
    day = localdate(translated_content["polish_event"].start)
    with translation.override("pl"):
        polish_day = date_format(day, "l j E")
    assert polish_day not in date_format(day, "l j E")  # differs from English
    assert polish_day in html(client, "/pl/whats-on/")


@pytest.mark.django_db
def test_group_directory_keeps_untranslated_groups_marked_in_their_language(
    translated_content, client
):
    welsh = html(client, "/cy/groups/")
    assert "Repair Cafe" in welsh
    assert 'lang="en" dir="auto">Repair Cafe</a>' in welsh
    # Topics are shown translated where a translation exists.
    polish = html(client, "/pl/groups/")
    assert "Jedzenie" in polish
    assert "Food" not in polish
    assert "Food" in html(client, "/groups/")


@pytest.mark.django_db
def test_group_page_lists_its_events_in_the_visitors_language(translated_content, client):
    page = html(client, "/pl/groups/repair-cafe/")
    assert "Sobota naprawcza" in page
    assert "Sewing circle" in page
    assert "Fix-it Saturday" not in page


@pytest.mark.django_db
def test_news_listing_keeps_untranslated_news(translated_content, client):
    assert 'lang="en" dir="auto">Volunteers wanted</a>' in html(client, "/ur/news/")
    assert "Volunteers wanted" in html(client, "/news/")


@pytest.mark.django_db
def test_a_polish_speaker_finds_the_polish_event_through_search(translated_content, client):
    polish = html(client, "/pl/search/?query=naprawcza")
    assert 'href="/pl/groups/repair-cafe/sobota/"' in polish
    # The English search does not list the Polish version ...
    assert "Sobota" not in html(client, "/search/?query=naprawcza")
    # ... and the Polish search shows the Polish version instead of the English one.
    polish = html(client, "/pl/search/?query=Saturday")
    assert "/groups/repair-cafe/fix-it-saturday/" not in polish


@pytest.mark.django_db
def test_unknown_language_prefix_is_not_found(translated_content, client):
    assert client.get("/xx/whats-on/").status_code == 404
    assert client.get("/xx/search/?query=a").status_code == 404


@pytest.mark.django_db
def test_related_content_in_another_language_keeps_untranslated_items(translated_content, client):
    # The Polish event's group page is the Polish one; its untranslated
    # sibling belongs to the English group, and is still "more from" it.
    page = html(client, translated_content["polish_event"].url)
    assert "Sewing circle" in page  # listed only under "more from the group"
    assert "Fix-it Saturday" not in page  # the English original of this event
    # Related news: the group's untranslated news item, found from Polish.
    news = translate_page(
        translated_content["news"], "pl", title="Potrzebni wolontariusze", slug="wolontariusze"
    )
    other = NewsPageFactory(parent=translated_content["group"], title="New opening hours")
    page = html(client, news.url)
    assert "New opening hours" in page
    assert "Volunteers wanted" not in page  # its own English original
    assert other.title in html(client, translated_content["news"].url)  # and in English


def test_a_terms_slug_is_the_same_in_every_language():
    """Translators translate a topic's or area's name, never its slug: the
    filters and feeds of every language match terms by slug."""
    from wagtail_localize.fields import SynchronizedField, get_translatable_fields

    from home.models import AccessFeature, Area, Topic

    for model in (Topic, Area, AccessFeature):
        kinds = {field.field_name: field for field in get_translatable_fields(model)}
        assert type(kinds["slug"]) is SynchronizedField, model
        assert not kinds["slug"].overridable, model


@pytest.mark.django_db
def test_filters_offer_terms_nobody_has_translated_yet(translated_content, client):
    # "Food" has a Polish name and no Welsh one: Welsh filters still offer it,
    # in English, and understand ?topic=food.
    welsh = html(client, "/cy/groups/?topic=food")
    assert 'value="food" checked' in welsh
    assert "were not recognised" not in welsh
    assert "Repair Cafe" in welsh
    polish = html(client, "/pl/groups/")
    assert "Jedzenie" in polish
    search = html(client, "/cy/search/?query=Repair")
    assert ">Food <span" in search  # the topic facet, named in English
    whats_on = html(client, "/cy/whats-on/")
    assert '<option value="food">Food</option>' in whats_on


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "pl", "ur"])
def test_upcoming_dates_are_read_by_their_start_not_from_every_page_of_the_language(
    translated_content, language
):
    """SQLite, without statistics, took "in this language" for the narrowest
    condition and read every page of the language, then sorted them: a cost
    that grew with the site. The listing's language is not looked up in an
    index there (home/i18n.py), so the dates are read in order of their start."""
    from events.models import EventOccurrence

    with translation.override(language):
        query = EventOccurrence.objects.upcoming()[:5]
        sql, params = query.query.sql_with_params()
        assert [o.event.title for o in query]  # the query still finds the dates
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = [row[3] for row in cursor.fetchall()]
        # The outermost loop: the dates by their start (the index on start).
        assert plan[0].startswith("SCAN events_eventoccurrence USING INDEX"), plan
        assert "_start" in plan[0], plan
    else:
        # PostgreSQL plans from statistics: the language is a plain condition.
        assert '"wagtailcore_page"."locale_id" = %s' in sql
        assert '+"wagtailcore_page"' not in sql
