"""The listing toolkit (home/listing.py): one rule of what is public, one
filter type, one paginate(), bounded whatever the address or the site's size."""

import datetime

import pytest
from django.http import Http404, QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import get_page_models

from home.listing import (
    MAX_VALUES,
    DateFacet,
    Facet,
    Filters,
    SitePage,
    TextFacet,
    Toggle,
    pages,
    paginate,
)

from .factories import EventPageFactory, GroupPageFactory, VenueFactory, in_days, publish

PROJECT_APPS = {"home", "groups", "events", "news", "search", "translations", "moderation"}

COLOURS = Filters(
    Facet("colour", "Colour", choices={"red": "Red", "blue": "Blue", "green": "Green"}),
    Facet("size", "Size", choices={"s": "Small", "l": "Large"}, widget="select"),
    Facet("tag", "Tags", choices={"a": "A", "b": "B"}, every=True),
    Toggle("free", "Free", on="on"),
    DateFacet("from", "From"),
    TextFacet("name", "Name"),
    Facet("order", "Order", choices={"az": "A-Z", "new": "Newest"}, narrows=False),
)


def read(query):
    return COLOURS.read(QueryDict(query), "en")


def test_every_page_type_of_the_site_applies_the_one_rule():
    models = [m for m in get_page_models() if m._meta.app_label in PROJECT_APPS]
    assert len(models) >= 8
    for model in models:
        assert issubclass(model, SitePage), model
        assert hasattr(model.objects.all(), "localized"), model


def test_known_values_are_kept_and_the_rest_listed_back():
    selection = read("colour=red&colour=pink&colour=blue&colour=red&size=s&size=l&free=on")
    assert selection["colour"] == ["red", "blue"]  # once each, in order
    assert selection["size"] == ["l"]  # a single choice takes the last value
    assert selection.get("free") == "on"
    assert selection.ignored == [("Colour", "pink")]
    assert selection.filtered
    assert selection.query_string == "colour=red&colour=blue&size=l&free=on"


@pytest.mark.parametrize(
    "query, label",
    [
        ("colour=" + "r" * 5000, "Colour"),
        ("colour=red%00", "Colour"),
        ("free=yes", "Free"),
        ("from=2026-02-31", "From"),
        ("from=9999-01-01", "From"),
        ("name=%00%01", "Name"),
        ("order=random", "Order"),
    ],
)
def test_hostile_values_are_ignored_and_named(query, label):
    selection = read(query)
    assert selection.ignored_labels == [label]
    assert not selection.values
    assert all(len(value) <= 50 for _label, value in selection.ignored_shown)


def test_only_so_many_values_of_one_parameter_are_read():
    selection = read("&".join(["colour=pink"] * 500))
    assert len(selection.ignored) == MAX_VALUES


def test_an_unknown_value_of_an_every_filter_leaves_it_out_whole():
    selection = read("tag=a&tag=zzz")
    assert selection["tag"] == []
    assert ("Tags", "a") in selection.ignored and ("Tags", "zzz") in selection.ignored


def test_an_order_is_not_a_filter_and_dates_and_words_are_cleaned():
    assert not read("order=new").filtered
    today = timezone.localdate()
    selection = read(f"from={today.isoformat()}&name=%20 Open%20%20Kitchen ")
    assert selection.get("from") == today
    assert selection.get("name") == "Open Kitchen"
    assert selection.shown("from") == today.isoformat()


def test_a_facet_view_has_options_with_counts_and_the_chosen_marked():
    selection = read("colour=blue")
    views = COLOURS.view(selection, {"colour": {"blue": 3}})
    options = {option.value: option for option in views["colour"]}
    assert options["blue"].selected and options["blue"].count == 3
    assert options["red"].count == 0 and not options["red"].selected
    value, label, count, selected = options["green"]
    assert (value, label, count, selected) == ("green", "Green", 0, False)


def render_facet(view):
    return render_to_string("includes/facet.html", {"facet": view})


def test_a_facet_renders_each_option_labelled_with_its_count_and_choice():
    views = COLOURS.view(read("colour=blue&size=l&free=on"), {"colour": {"blue": 3, "red": 1}})
    html = render_facet(views["colour"])
    assert html.count('class="facet__option"') == 3
    assert (
        '<input type="checkbox" id="filter-colour-blue" name="colour" value="blue" checked>' in html
    )
    blue = '<label for="filter-colour-blue">Blue <span class="facet__count">(3)</span></label>'
    assert blue in html
    assert '<input type="checkbox" id="filter-colour-green" name="colour" value="green">' in html
    assert '<label for="filter-colour-green">Green <span class="facet__count">(0)</span>' in html
    select = render_facet(views["size"])
    assert '<option value="l" selected>Large</option>' in select
    assert '<option value="s">Small</option>' in select
    toggle = render_facet(views["free"])
    assert '<input type="checkbox" id="filter-free" name="free" value="on" checked>' in toggle
    assert '<label for="filter-free">Free</label>' in toggle


def test_a_facet_escapes_its_labels_and_marks_the_language_of_language_options():
    hostile = Filters(
        Facet("tag", "Tag", choices={"x": '<script>alert("x")</script>'}),
        Facet("language", "Language", choices={"pl": "polski", "ur": "اردو"}, lang=True),
    )
    views = hostile.view(hostile.read(QueryDict("language=ur"), "en"))
    html = render_facet(views["tag"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    languages = render_facet(views["language"])
    assert '<label for="filter-language-ur" lang="ur">اردو</label>' in languages
    assert 'value="ur" checked>' in languages


@pytest.mark.parametrize("page", ["abc", "-1", "0", "999", "1" * 5000])
def test_paginate_answers_a_bad_page_number_with_not_found(page):
    request = RequestFactory().get("/", {"page": page})
    with pytest.raises(Http404):
        paginate(request, list(range(30)), per_page=10)


def test_paginate_gives_the_first_page_by_default():
    page = paginate(RequestFactory().get("/"), list(range(30)), per_page=10)
    assert list(page) == list(range(10))


@pytest.mark.django_db
def test_drafts_and_expired_pages_are_not_public(site_tree):
    shown = publish(GroupPageFactory(title="Shown"))
    draft = GroupPageFactory(title="Draft", live=False)
    expired = publish(GroupPageFactory(title="Expired"))
    # Past its expiry time, before the scheduler has unpublished it.
    expired.expire_at = timezone.now() - datetime.timedelta(minutes=5)
    expired.save(update_fields=["expire_at"])
    titles = set(pages().public().values_list("title", flat=True))
    assert "Shown" in titles
    assert not {"Draft", "Expired"} & titles
    assert draft.title not in set(type(shown).objects.public().values_list("title", flat=True))


@pytest.mark.django_db
def test_whats_on_html_does_not_grow_with_the_number_of_groups(site_tree, client):
    # One meeting place for all, so only groups (not areas) are added.
    hall = VenueFactory()
    club = GroupPageFactory(title="Supper Club", slug="supper-club", venue=hall)
    for day in range(1, 25):
        event = EventPageFactory(
            parent=club, title=f"Supper {day:02}", start=in_days(day), venue=hall
        )
        publish(event)
    url = site_tree["whats_on"].url

    def size():
        response = client.get(url)
        assert response.status_code == 200
        return len(response.content)

    before = size()
    for number in range(40):
        group = GroupPageFactory(title=f"Group number {number:03}", venue=hall)
        if number % 4 == 0:  # some with an event, after the first page's dates
            later = EventPageFactory(
                parent=group, title=f"Later {number}", start=in_days(60), venue=hall
            )
            publish(later)
    after = size()
    # Only the count of dates found changes ("24" to "34").
    assert abs(after - before) <= 4, (before, after)
