"""Site search: what it finds, in what order, with which filters, and that no
input breaks it. Runs on SQLite (FTS5) and on PostgreSQL (DATABASE_URL)."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from events.models import EventOccurrence
from search.queries import MAX_QUERY_LENGTH, clean_query

from .factories import (
    AreaFactory,
    EventPageFactory,
    GroupPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    TopicFactory,
    VenueFactory,
    in_days,
    publish,
)
from .helpers import HOSTILE


def titles(response):
    return [page.title for page in response.context["search_results"]]


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


@pytest.fixture
def town(site_tree):
    food = TopicFactory(name="Food")
    sport = TopicFactory(name="Sport")
    centre = AreaFactory(name="Town Centre")
    westfield = AreaFactory(name="Westfield")
    hall = VenueFactory(name="St Wilfrid's Hall", area=centre)
    pantry = GroupPageFactory(
        title="Community Pantry", summary="Free food for anyone who needs it.", venue=hall
    )
    pantry.topics.add(food)
    pantry.areas.add(centre)
    publish(pantry)
    football = GroupPageFactory(
        title="Westfield Juniors", summary="Football for children.", venue=None
    )
    football.topics.add(sport)
    football.areas.add(westfield)
    publish(football)
    lunch = EventPageFactory(
        parent=pantry, title="Pantry lunch", summary="A free hot food lunch.", venue=hall
    )
    lunch.topics.add(food)
    publish(lunch)
    old_lunch = EventPageFactory(
        parent=pantry,
        title="Pantry harvest supper",
        summary="A food supper, last month.",
        start=in_days(-30, 18),
        end=in_days(-30, 20),
        venue=hall,
    )
    publish(old_lunch)
    news = NewsPageFactory(parent=pantry, title="Pantry needs food donations")
    news.topics.add(food)
    publish(news)
    info = StandardPageFactory(
        parent=site_tree["about"], title="Food help in town", summary="Where to get food."
    )
    return {
        **site_tree,
        "food": food,
        "centre": centre,
        "pantry": pantry,
        "football": football,
        "lunch": lunch,
        "old_lunch": old_lunch,
        "news_item": news,
        "info": info,
    }


# Cleaning the query --------------------------------------------------------


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        ("", ""),
        ("   ", ""),
        ('"', ""),
        ('"food bank', "food bank"),
        ("food AND (bank OR pantry) NOT* ^2 title:x", "food AND bank OR pantry NOT 2 title x"),
        ("'; DROP TABLE wagtailcore_page; --", "DROP TABLE wagtailcore page"),
        ("<script>alert(1)</script>", "script alert 1 script"),
        ("Café zażółć", "Café zażółć"),
        ("کافی", "کافی"),
        ("a_b", "a b"),
    ],
)
def test_clean_query_keeps_only_words(raw, cleaned):
    assert clean_query(raw) == cleaned


def test_clean_query_is_capped():
    assert clean_query("word " * 2000) == " ".join(["word"] * 12)
    assert clean_query("x" * 10_000) == "x" * MAX_QUERY_LENGTH


# What it finds -------------------------------------------------------------


@pytest.mark.django_db
def test_search_finds_groups_events_news_and_pages(client, town):
    found = titles(search(client, query="food"))
    assert set(found) == {
        "Community Pantry",
        "Pantry lunch",
        "Pantry harvest supper",
        "Pantry needs food donations",
        "Food help in town",
    }


@pytest.mark.django_db
def test_results_show_type_summary_and_an_events_next_date_and_place(client, town):
    response = search(client, query="lunch")
    html = response.content.decode()
    assert titles(response) == ["Pantry lunch"]
    assert "A free hot food lunch." in html
    assert "St Wilfrid&#x27;s Hall, Town Centre" in html
    next_start = town["lunch"].occurrences.get().start
    assert f'datetime="{timezone.localtime(next_start).isoformat()}"' in html
    assert ">Event<" in html


@pytest.mark.django_db
def test_upcoming_events_rank_before_past_ones_and_past_can_be_left_out(client, town):
    found = titles(search(client, query="pantry"))
    assert found.index("Pantry lunch") < found.index("Pantry harvest supper")
    assert found[-1] == "Pantry harvest supper"
    html = search(client, query="supper").content.decode()
    assert "Past event" in html

    found = titles(search(client, query="pantry", upcoming="1"))
    assert "Pantry lunch" in found
    assert "Pantry harvest supper" not in found


@pytest.mark.django_db
def test_next_date_is_the_next_occurrence_not_the_first(client, town):
    lunch = town["lunch"]
    EventOccurrence.objects.create(
        event=lunch, start=in_days(-3, 12), end=in_days(-3, 13)
    )  # an earlier, finished date
    later = lunch.occurrences.filter(start__gt=timezone.now()).get()
    html = search(client, query="lunch").content.decode()
    assert timezone.localtime(later.start).isoformat() in html


@pytest.mark.django_db
def test_only_live_public_pages_of_the_active_locale(client, town):
    draft = GroupPageFactory(title="Secret food club", live=False)
    assert draft.pk
    private = GroupPageFactory(title="Members food circle")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    welsh, _ = Locale.objects.get_or_create(language_code="cy")
    translated = town["pantry"].copy_for_translation(welsh, copy_parents=True)
    translated.title = "Pantri Bwyd food"
    publish(translated)

    found = titles(search(client, query="food"))
    assert "Secret food club" not in found
    assert "Members food circle" not in found
    assert "Pantri Bwyd food" not in found
    assert "Community Pantry" in found


@pytest.mark.django_db
def test_any_word_is_tried_when_every_word_finds_nothing(client, town):
    response = search(client, query="lonely football")
    assert titles(response) == ["Westfield Juniors"]
    assert "match some of them" in response.content.decode()


@pytest.mark.django_db
def test_pagination_keeps_the_query_and_bad_pages_still_answer(client, town, settings):
    settings.NOTICEBOARD_PAGE_SIZE = 2
    response = search(client, query="food")
    html = response.content.decode()
    assert len(titles(response)) == 2
    assert "?query=food&amp;page=2" in html
    assert len(titles(search(client, query="food", page="3"))) == 1
    for bad in ["x", "-1", "0", "999999", "1.5", "9" * 50]:
        response = search(client, query="food", page=bad)
        assert titles(response)


# Facets ----------------------------------------------------------------------


@pytest.mark.django_db
def test_facets_count_and_combine(client, town):
    response = search(client, query="food")
    facets = {
        name: {facet.value: facet.count for facet in values}
        for name, values in response.context["facets"].items()
    }
    assert facets["type"] == {"group": 1, "event": 2, "news": 1, "page": 1}
    assert facets["topic"] == {"food": 3}
    assert facets["area"] == {"town-centre": 3}

    assert set(titles(search(client, query="food", type="event"))) == {
        "Pantry lunch",
        "Pantry harvest supper",
    }
    assert set(titles(search(client, query="food", type=["event", "group"]))) == {
        "Pantry lunch",
        "Pantry harvest supper",
        "Community Pantry",
    }
    assert set(titles(search(client, query="food", topic="food", type="news"))) == {
        "Pantry needs food donations"
    }
    assert titles(search(client, query="food", area="town-centre", type="group")) == [
        "Community Pantry"
    ]
    # Counts of one facet reflect the others chosen: events only, by area.
    response = search(client, query="food", type="event")
    area_counts = {facet.value: facet.count for facet in response.context["facets"]["area"]}
    type_counts = {facet.value: facet.count for facet in response.context["facets"]["type"]}
    assert area_counts == {"town-centre": 2}
    assert type_counts["group"] == 1  # still offered, to widen the search


@pytest.mark.django_db
def test_filters_with_no_result_say_so(client, town):
    response = search(client, query="football", topic="food")
    assert titles(response) == []
    assert "remove a filter" in response.content.decode()


# Bad input -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_break_the_page(client, town, query):
    response = client.get("/search/", {"query": query})
    assert response.status_code == 200
    assert "<h1>Search</h1>" in response.content.decode()


@pytest.mark.django_db
def test_markup_is_never_reflected_unescaped(client, town):
    attack = '"><script>alert(1)</script><b x="'
    response = client.get("/search/", {"query": attack, "topic": attack, "type": attack})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<b x="' not in html


@pytest.mark.django_db
def test_the_query_stays_in_the_box(client, town):
    html = search(client, query="food & fun").content.decode()
    assert 'value="food &amp; fun"' in html


@pytest.mark.django_db
def test_a_very_long_query_still_finds_and_is_cut_in_the_box(client, town):
    response = search(client, query="pantry " + "x" * 10_000)
    assert response.context["search_query"] == ("pantry " + "x" * 10_000)[:200]
    response = search(client, query="pantry " * 1500)
    assert "Community Pantry" in titles(response)


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored_with_a_note(client, town):
    response = search(
        client, query="food", type="spaceship", topic="no-such-topic", area="atlantis", page="x"
    )
    html = response.content.decode()
    assert len(titles(response)) == 5
    assert "not recognised" in html
    assert "spaceship" in html and "atlantis" in html


@pytest.mark.django_db
def test_a_query_of_only_punctuation_asks_for_words(client, town):
    html = search(client, query='"*()').content.decode()
    assert "Please type a word" in html


@pytest.mark.django_db
def test_search_across_many_days_of_occurrences_uses_the_next_one(client, town):
    lunch = town["lunch"]
    for week in range(1, 20):
        start = in_days(7 + 7 * week, 12)
        EventOccurrence.objects.create(
            event=lunch, start=start, end=start + datetime.timedelta(hours=1)
        )
    response = search(client, query="lunch")
    (result,) = response.context["search_results"]
    assert result.next_start == lunch.occurrences.order_by("start").first().start


@pytest.mark.django_db
def test_the_any_word_fallback_leaves_out_common_words(client, town):
    # "Free food for anyone who needs it." has "for" and "who", but those are
    # not what the resident was looking for.
    assert titles(search(client, query="lonely who for")) == []
    assert titles(search(client, query="football for the lonely")) == ["Westfield Juniors"]


@pytest.mark.django_db
def test_results_are_of_the_active_language(town, settings):
    from django.utils import translation

    from search import queries

    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
    welsh, _created = Locale.objects.get_or_create(language_code="cy")
    translated = town["pantry"].copy_for_translation(welsh, copy_parents=True)
    translated.title = "Pantri Cymunedol"
    publish(translated)

    def found(language):
        with translation.override(language):
            filters = queries.SEARCH.read(QueryDict(), language)
            outcome = queries.search_site("pantri OR pantry", filters)
            return [page.title for page in queries.fetch_pages(outcome.hits)]

    welsh_results = found("cy")
    # The translated page in Welsh, not its English original; pages nobody
    # has translated yet are still found, in English.
    assert "Pantri Cymunedol" in welsh_results
    assert "Community Pantry" not in welsh_results
    assert "Pantry needs food donations" in welsh_results
    assert "Pantri Cymunedol" not in found("en")
    assert "Community Pantry" in found("en")


# The finder layout on a phone -------------------------------------------------


@pytest.mark.django_db
def test_search_folds_its_filters_and_shows_the_chosen_ones_as_tags(client, town):
    html = search(client, query="food", topic="food", type="event").content.decode()
    # The filters sit behind one button that needs no script; both forms send
    # the reader back to the results, and the filters keep the words.
    assert '<details class="finder__filters">' in html
    assert html.count('action="/search/#results"') == 2
    assert '<input type="hidden" name="query" value="food">' in html
    results = html.index('id="results"')
    assert html.index('class="finder__filters"') < results < html.index('class="results-count"')
    # Each chosen filter is a tag whose link removes just that one, keeping
    # the words searched for; "clear all" keeps only the words.
    tags = html[html.index('class="chosen-filters"') : html.index("</ul>", results)]
    assert 'href="/search/?query=food&amp;type=event#results"' in tags  # without the topic
    assert 'href="/search/?query=food&amp;topic=food#results"' in tags  # without the type
    assert "Topic: Food" in tags
    assert 'href="/search/?query=food#results">Clear all filters' in tags


@pytest.mark.django_db
def test_search_without_filters_shows_no_tags_and_nothing_found_offers_no_filters(client, town):
    html = search(client, query="food").content.decode()
    assert "chosen-filters" not in html
    assert "finder__filters" in html
    html = search(client, query="zzqxv").content.decode()
    assert "finder__filters" not in html
    assert "Nothing found" in html
