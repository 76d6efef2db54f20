"""The demo town a new user sees after `make run`, and the demo administrator."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, Revision, Site

from demo import town
from events.models import EventIndexPage, EventOccurrence, EventPage
from groups.models import GroupIndexPage, GroupPage, Venue
from home.models import AccessFeature, Area, HomePage, SiteSettings, StandardPage, Topic
from news.models import NewsIndexPage, NewsPage

from .factories import GroupPageFactory


def content_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "occurrences": EventOccurrence.objects.count(),
        "venues": Venue.objects.count(),
        "topics": Topic.objects.count(),
        "areas": Area.objects.count(),
    }


@pytest.mark.django_db
def test_scale_builds_more_of_everything_live_and_with_occurrences():
    call_command("demo_content", scale=2, skip_index=True, verbosity=0)

    assert GroupPage.objects.live().count() == 50
    assert Venue.objects.count() == 24
    assert NewsPage.objects.live().count() == 60
    events = EventPage.objects.live()
    assert events.count() >= 120
    assert not events.filter(occurrences__isnull=True).exists()
    # Copies are named for an area, so slugs stay unique under each parent.
    assert len(set(GroupPage.objects.values_list("slug", flat=True))) == 50


@pytest.mark.django_db
def test_scale_refuses_a_site_that_already_has_groups(site_tree):
    GroupPageFactory(parent=site_tree["groups"])
    with pytest.raises(CommandError):
        call_command("demo_content", scale=2, verbosity=0)
    assert GroupPage.objects.count() == 1


@pytest.mark.django_db
def test_a_site_with_groups_is_left_alone_and_an_existing_admin_too(site_tree):
    GroupPageFactory(parent=site_tree["groups"])
    get_user_model().objects.create_user("admin", password="a better password")
    pages = Page.objects.count()
    call_command("demo_content", verbosity=0)
    assert Page.objects.count() == pages
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("a better password")
    assert not admin.is_superuser


class TestDemoTown:
    """The town is built once for the class (about ten seconds) and rolled back after."""

    @pytest.fixture(scope="class", autouse=True)
    @classmethod
    def demo_town(cls, django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            call_command("demo_content", verbosity=0)
            yield
            transaction.set_rollback(True)

    @pytest.mark.django_db
    def test_the_town_has_its_neighbourhoods_topics_and_venues(self):
        assert Area.objects.count() == 6
        assert Topic.objects.count() == 10
        assert AccessFeature.objects.count() == 8
        assert Venue.objects.count() == 12
        assert not Venue.objects.filter(area__isnull=True).exists()
        assert not Venue.objects.filter(latitude__isnull=True).exists()

    @pytest.mark.django_db
    def test_the_page_tree_is_the_designed_one(self):
        home = Site.objects.get(is_default_site=True).root_page.specific
        assert isinstance(home, HomePage)
        children = {page.slug: page.specific_class for page in home.get_children()}
        assert children["groups"] is GroupIndexPage
        assert children["whats-on"] is EventIndexPage
        assert children["news"] is NewsIndexPage
        for slug in ("about", "moderation-policy"):
            assert children[slug] is StandardPage
        # One way to get a group listed, the form: no page of its own that
        # says to e-mail instead.
        assert "get-listed" not in children
        assert 4 <= home.featured_groups.count() <= 6

    @pytest.mark.django_db
    def test_site_settings_say_who_runs_the_site(self):
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        assert site_settings.operator_name
        assert site_settings.contact_email.endswith("example.org")
        assert site_settings.about_page.slug == "about"
        assert site_settings.moderation_policy_page.slug == "moderation-policy"

    @pytest.mark.django_db
    def test_there_are_25_groups_of_all_three_kinds(self):
        groups = GroupPage.objects.live()
        assert groups.count() == 25
        assert set(groups.values_list("kind", flat=True)) == set(GroupPage.Kind.values)
        assert not groups.filter(kind=GroupPage.Kind.CHARITY, charity_number="").exists()
        assert groups.filter(looking_for_volunteers=True).exists()
        assert groups.filter(meets_online=True).exists()
        assert groups.filter(logo__isnull=False).count() >= 15
        for group in groups:
            assert group.contact_email.endswith("@example.org")
            assert group.contact_phone.startswith("01632 960")  # Ofcom's drama numbers

    @pytest.mark.django_db
    def test_the_registered_charities_are_trusted_and_no_other_group(self):
        charities = GroupPage.objects.filter(kind=GroupPage.Kind.CHARITY)
        assert charities.exists()
        assert all(group.is_trusted for group in charities)
        assert not any(group.is_trusted for group in GroupPage.objects.exclude(kind="charity"))
        # Trusted through their organisation, so their editors may publish.
        for group in charities:
            assert group.organisation.trusted
            assert GroupPagePermission.objects.filter(
                group=group.organisation.editors, page=group, permission__codename="publish_page"
            ).exists()

    @pytest.mark.django_db
    def test_featured_groups_and_pinned_results_are_found_by_slug(self):
        home = HomePage.objects.get(depth=2, locale__language_code="en")
        featured = [item.page.slug for item in home.featured_groups.all()]
        assert featured == town.FEATURED_GROUPS
        pinned = {(p.query.query_string, p.page.slug) for p in SearchPromotion.objects.all()}
        assert pinned == {(query, slug) for query, slug, _text in town.SEARCH_PROMOTIONS}

    @pytest.mark.django_db
    def test_events_run_from_last_month_to_eight_weeks_ahead(self):
        events = EventPage.objects.live()
        assert events.count() >= 60
        now = timezone.now()
        assert events.filter(end__lt=now).exists()
        assert events.filter(start__gt=now).count() > events.filter(end__lt=now).count()
        today = timezone.localdate()
        for event in events:
            assert event.end > event.start
            start_day = timezone.localdate(event.start)
            assert today - datetime.timedelta(days=35) <= start_day
            assert start_day <= today + datetime.timedelta(days=56)
        assert events.filter(group__isnull=True).exists()  # the hub's own events
        assert events.filter(is_free=False).exists()
        assert events.filter(venue__isnull=True).exclude(online_url="").exists()

    @pytest.mark.django_db
    def test_every_event_has_its_occurrences(self):
        assert not EventPage.objects.live().filter(occurrences__isnull=True).exists()
        recurring = EventPage.objects.live().exclude(recurrence="")
        assert recurring.count() >= 3
        for event in recurring:
            assert event.occurrences.count() > 5, event.title
        assert EventOccurrence.objects.count() > EventPage.objects.live().count()

    @pytest.mark.django_db
    def test_recurring_events_read_as_residents_expect(self):
        repair = EventPage.objects.live().get(
            title="Repair café", group__slug="ashby-moor-repair-cafe"
        )
        assert repair.schedule_in_words().startswith(
            "First Saturday of the month, 10 a.m. to 1 p.m."
        )
        assert all(timezone.localdate(o.start).month != 8 for o in repair.occurrences.all())
        warm = EventPage.objects.live().get(title="Warm Space with soup")
        assert warm.schedule_in_words().startswith("Every Tuesday and Friday, 10 a.m. to 3 p.m.")

    @pytest.mark.django_db
    def test_thirty_news_items_from_the_last_three_months(self):
        items = NewsPage.objects.live()
        assert items.count() == 30
        assert items.filter(group__isnull=False).exists()
        assert items.filter(group__isnull=True).exists()
        oldest = timezone.localdate() - datetime.timedelta(days=92)
        assert not items.filter(date__lt=oldest).exists()
        assert not items.filter(date__gt=timezone.localdate()).exists()

    @pytest.mark.django_db
    def test_pages_are_published_through_revisions(self):
        for page in Page.objects.filter(depth__gt=2).specific():
            assert page.live
            assert page.live_revision_id is not None

    @pytest.mark.django_db
    def test_running_it_again_changes_nothing(self):
        before = content_counts()
        call_command("demo_content", verbosity=0)
        assert content_counts() == before

    @pytest.mark.django_db
    def test_it_prints_the_site_address_and_the_demo_login(self, capsys, monkeypatch):
        monkeypatch.setenv("PORT", "8123")
        call_command("demo_content")
        out = capsys.readouterr().out
        assert "already present" in out
        assert "http://127.0.0.1:8123/" in out
        assert "http://127.0.0.1:8123/admin/" in out
        assert '"admin"' in out

    @pytest.mark.django_db
    def test_the_demo_administrator_can_log_in_and_edit_a_group(self, client):
        group = GroupPage.objects.first()
        assert client.login(username="admin", password="admin")
        assert client.get("/admin/").status_code == 200
        assert client.get(f"/admin/pages/{group.pk}/edit/").status_code == 200

    @pytest.mark.django_db
    def test_a_resident_can_read_the_demo_pages(self, client):
        event = EventPage.objects.live().first()
        news_item = NewsPage.objects.live().first()
        group = GroupPage.objects.live().first()
        for url in [
            "/",
            "/groups/",
            "/whats-on/",
            "/news/",
            "/about/",
            reverse("moderation:get_listed"),
            "/moderation-policy/",
            group.url,
            event.url,
            news_item.url,
        ]:
            assert client.get(url).status_code == 200, url

    @pytest.mark.django_db
    def test_every_way_to_get_listed_leads_to_the_one_form(self, client):
        form = reverse("moderation:get_listed")
        for url in ["/", "/groups/", "/about/"]:
            assert f'href="{form}"' in client.get(url).content.decode(), url
        assert client.get("/get-listed/").status_code == 404

    @pytest.mark.django_db
    @pytest.mark.parametrize(
        "query, expected",
        [
            ("repair", "Ashby Moor Repair Café"),
            ("coffee", "Brook End Litter Pickers"),
            ("English", "English Conversation Club"),
            ("Westfield", "Westfield Warm Space"),
        ],
    )
    def test_searching_the_demo_finds_what_a_resident_expects(self, client, query, expected):
        response = client.get("/search/", {"query": query})
        assert response.status_code == 200
        assert expected in [page.title for page in response.context["search_results"]]
        assert response.context["facets"]["type"]

    @pytest.mark.django_db
    def test_warm_space_shows_the_moderators_promoted_result_first(self, client):
        response = client.get("/search/", {"query": "warm space"})
        (first, *_rest) = response.context["promotions"]
        assert first["title"] == "Warm spaces across town"
        html = response.content.decode()
        assert html.index("Warm spaces across town") < html.index("Westfield Warm Space")
        food = client.get("/search/", {"query": "food bank"}).context["promotions"]
        assert food[0]["title"] == "Ashby Moor Food Bank"

    @pytest.mark.django_db
    def test_informal_groups_wanting_volunteers_near_an_area_nearest_first(self, client):
        assert not Area.objects.filter(latitude__isnull=True).exists()
        response = client.get(
            "/groups/",
            {"kind": "informal", "volunteers": "1", "order": "near", "near": "westfield"},
        )
        assert response.status_code == 200
        groups = list(response.context["groups"])
        assert groups
        assert all(g.kind == "informal" and g.looking_for_volunteers for g in groups)
        distances = [g.distance_km for g in groups if g.distance_km is not None]
        assert distances == sorted(distances)
        assert distances[0] < 3
