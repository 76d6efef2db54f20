"""Moderators pin results for a search, and see what residents search for and
cannot find; volunteers do not."""

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import QueryOutcome

from .factories import GroupPageFactory, StandardPageFactory, publish
from .helpers import assert_denied

pytestmark = pytest.mark.django_db


@pytest.fixture
def warm_space(site_tree):
    library = publish(
        GroupPageFactory(title="Library warm space", summary="A warm space with free tea.")
    )
    guide = StandardPageFactory(
        parent=site_tree["about"], title="Keeping warm this winter", summary="Where to go."
    )
    SearchPromotion.objects.create(
        query=Query.get("warm space"), page=guide, description="Every warm space in town."
    )
    return {"library": library, "guide": guide}


def result_titles(response):
    return [page.title for page in response.context["search_results"]]


def test_a_promoted_page_is_shown_first_and_once(client, warm_space):
    response = client.get("/search/", {"query": "Warm  SPACE"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Keeping warm this winter") < html.index("Library warm space")
    assert "Every warm space in town." in html
    assert "Keeping warm this winter" not in result_titles(response)
    assert html.count("Keeping warm this winter") == 1


def test_an_unpublished_promoted_page_is_not_shown(client, warm_space):
    warm_space["guide"].unpublish()
    html = client.get("/search/", {"query": "warm space"}).content.decode()
    assert "Keeping warm this winter" not in html
    assert "Library warm space" in html


def test_an_external_promotion(client, site_tree):
    SearchPromotion.objects.create(
        query=Query.get("food bank"),
        external_link_url="https://foodbank.example.org/",
        external_link_text="Ashby Moor Food Bank",
    )
    html = client.get("/search/", {"query": "food bank"}).content.decode()
    assert 'href="https://foodbank.example.org/"' in html
    assert "No results" not in html and "Nothing found" not in html


def test_promotions_appear_on_the_first_page_only(client, warm_space):
    response = client.get("/search/", {"query": "warm space", "page": "2"})
    assert response.context["promotions"] == []


def test_a_pinned_result_is_on_no_page_of_the_results(client, warm_space, settings):
    settings.NOTICEBOARD_PAGE_SIZE = 1
    for name in ["Church hall warm space", "Mosque warm space"]:
        publish(GroupPageFactory(title=name, summary="A warm space."))
    SearchPromotion.objects.create(query=Query.get("warm space"), page=warm_space["library"])
    pages = [client.get("/search/", {"query": "warm space", "page": n}) for n in (1, 2, 3)]
    counts = {response.context["search_results"].paginator.count for response in pages}
    assert counts == {2}  # the same total on every page, without the pinned pages
    listed = [title for response in pages[:2] for title in result_titles(response)]
    assert sorted(listed) == ["Church hall warm space", "Mosque warm space"]
    assert "Library warm space" not in listed


# Logging -------------------------------------------------------------------


def test_searches_are_counted_normalised_with_their_results(client, warm_space):
    client.get("/search/", {"query": "Warm Space"})
    client.get("/search/", {"query": "warm   space!"})
    client.get("/search/", {"query": "zzyzx"})
    warm = Query.objects.get(query_string="warm space")
    assert warm.hits == 2
    assert QueryOutcome.objects.get(query=warm).results == 2  # the promotion and the group
    assert QueryOutcome.objects.get(query__query_string="zzyzx").results == 0


def test_junk_and_refinements_are_not_counted(client, warm_space):
    client.get("/search/", {"query": ""})
    client.get("/search/", {"query": '"*'})
    client.get("/search/", {"query": "x"})
    client.get("/search/", {"query": "warm " * 100})
    client.get("/search/", {"query": "warm", "page": "2"})
    client.get("/search/", {"query": "warm", "type": "group"})
    client.get("/search/", {"query": "warm", "upcoming": "1"})
    assert not Query.objects.filter(daily_hits__isnull=False).exists()
    assert not QueryOutcome.objects.exists()


# The report ----------------------------------------------------------------


def test_moderators_see_popular_searches_and_searches_that_found_nothing(
    client, warm_space, moderator
):
    for _ in range(3):
        client.get("/search/", {"query": "warm space"})
    client.get("/search/", {"query": "dog walking"})
    client.force_login(moderator)
    response = client.get(reverse("search_report"))
    assert response.status_code == 200
    assert [q.query_string for q in response.context["popular"]] == ["warm space", "dog walking"]
    assert [q.query_string for q in response.context["not_found"]] == ["dog walking"]
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("search_report") in menu


def test_superusers_see_the_report(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    assert client.get(reverse("search_report")).status_code == 200


def test_a_volunteer_cannot_see_the_report(client, editor_a):
    client.force_login(editor_a)
    assert_denied(client.get(reverse("search_report")))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("search_report") not in menu


def test_a_resident_cannot_see_the_report(client, site_tree):
    response = client.get(reverse("search_report"))
    assert response.status_code == 302
    assert "login" in response.url


def test_moderators_may_pin_results(client, moderator, site_admin):
    for user in (moderator, site_admin):
        assert user.has_perm("wagtailsearchpromotions.add_searchpromotion")
        assert user.has_perm("wagtailsearchpromotions.change_searchpromotion")
    client.force_login(moderator)
    assert client.get(reverse("wagtailsearchpromotions:add")).status_code == 200


def test_handing_over_keeps_the_moderators_search_permissions(moderator):
    from moderation.roles import ensure_site_roles

    ensure_site_roles()
    moderator = type(moderator).objects.get(pk=moderator.pk)
    assert moderator.has_perm("wagtailsearchpromotions.change_searchpromotion")


def test_a_search_still_answers_when_it_cannot_be_counted(client, warm_space, monkeypatch):
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Query, "add_hit", locked)
    response = client.get("/search/", {"query": "warm space"})
    assert response.status_code == 200
    assert "Library warm space" in result_titles(response)
    assert not QueryOutcome.objects.exists()


def test_a_pinned_page_is_shown_in_the_visitors_language(client, warm_space):
    from translations.locales import translate_page

    translate_page(
        warm_space["guide"], "pl", title="Jak nie marznąć tej zimy", slug="jak-nie-marznac"
    )
    polish = client.get("/pl/search/", {"query": "warm space"}).content.decode()
    assert "Jak nie marznąć tej zimy" in polish
    assert "Keeping warm this winter" not in polish
    # Not translated into Welsh: pinned all the same, in English.
    welsh = client.get("/cy/search/", {"query": "warm space"}).content.decode()
    assert "Keeping warm this winter" in welsh
