"""The alert banner: on every page between its start and end, dismissible
without JavaScript, and at most one cached query."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page

from home.models import HomePage
from moderation.alerts import DISMISS_COOKIE
from moderation.models import AlertBanner, ReviewSettings
from moderation.review import pages_due_for_review

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db


def alert(**fields):
    return AlertBanner.objects.create(
        level=fields.pop("level", AlertBanner.Level.WARNING),
        title=fields.pop("title", "Flood warning on the river path"),
        message=fields.pop("message", "The path by the weir is closed."),
        **fields,
    )


def test_a_current_alert_is_on_every_public_page(client, groups):
    alert()
    for url in ["/", groups["a"].url, groups["event_b"].url, reverse("moderation:suggest_event")]:
        html = client.get(url).content.decode()
        assert "Flood warning on the river path" in html, url


def test_an_alert_shows_only_between_its_start_and_end(client, site_tree):
    now = timezone.now()
    alert(title="Not yet", starts_at=now + datetime.timedelta(hours=1))
    alert(title="Already over", starts_at=now - datetime.timedelta(days=2),
          ends_at=now - datetime.timedelta(days=1))  # fmt: skip
    alert(title="Showing now", ends_at=now + datetime.timedelta(days=1))
    html = client.get("/").content.decode()
    assert "Showing now" in html
    assert "Not yet" not in html
    assert "Already over" not in html


def test_emergency_alerts_are_announced_and_text_is_plain(client, site_tree):
    alert(level=AlertBanner.Level.EMERGENCY, title="<b>Evacuate</b>", message="<script>x</script>")
    html = client.get("/").content.decode()
    assert 'role="alert"' in html
    assert "&lt;b&gt;Evacuate&lt;/b&gt;" in html
    assert "<script>x</script>" not in html


def test_a_reader_can_dismiss_an_alert_without_javascript(site_tree):
    banner = alert()
    client = Client()
    html = client.get("/").content.decode()
    dismiss = reverse("moderation:dismiss_alert", args=[banner.dismiss_key])
    assert dismiss in html
    response = client.get(dismiss, {"next": "/"})
    assert response.status_code == 302
    assert response.url == "/"
    assert banner.dismiss_key in response.cookies[DISMISS_COOKIE].value
    assert "Flood warning" not in client.get("/").content.decode()
    # Editing the alert shows it again.
    banner.message = "Now closed until Friday."
    banner.save()
    assert "Flood warning" in client.get("/").content.decode()


def test_dismissing_never_redirects_to_another_site(client, site_tree):
    banner = alert()
    url = reverse("moderation:dismiss_alert", args=[banner.dismiss_key])
    response = client.get(url, {"next": "https://evil.example/"})
    assert response.url == "/"


def test_alerts_cost_at_most_one_query_and_none_once_cached(site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from moderation.alerts import alerts_for, clear_alert_cache

    alert()
    clear_alert_cache()
    with CaptureQueriesContext(connection) as cold:
        alerts_for(None)
    with CaptureQueriesContext(connection) as warm:
        assert len(alerts_for(None)) == 1
    assert len(cold) == 1
    assert len(warm) == 0


def test_moderators_can_manage_alerts_and_volunteers_cannot(client, groups, moderator, editor_a):
    url = reverse("wagtailsnippets_moderation_alertbanner:add")
    client.force_login(editor_a)
    assert client.get(url).status_code in (302, 403)
    client.force_login(moderator)
    assert client.get(url).status_code == 200


# Review period and scheduled publishing -------------------------------------


def test_pages_not_updated_for_the_review_period_are_listed(groups, editor_a, moderator):
    old = groups["event_a"]
    Page.objects.filter(pk=old.pk).update(
        latest_revision_created_at=timezone.now() - datetime.timedelta(days=400)
    )
    Page.objects.filter(pk=groups["event_b"].pk).update(
        latest_revision_created_at=timezone.now() - datetime.timedelta(days=400)
    )
    assert set(pages_due_for_review(editor_a)) == {Page.objects.get(pk=old.pk)}
    assert {p.pk for p in pages_due_for_review(moderator)} == {old.pk, groups["event_b"].pk}

    settings = ReviewSettings.for_site(groups["a"].get_site())
    settings.review_after_months = 24
    settings.save()
    assert not pages_due_for_review(moderator).exists()


def test_the_review_report_is_in_the_admin(client, groups, editor_a):
    Page.objects.filter(pk=groups["event_a"].pk).update(
        latest_revision_created_at=timezone.now() - datetime.timedelta(days=400)
    )
    client.force_login(editor_a)
    response = client.get(reverse("moderation_due_for_review"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fix-it Saturday" in html
    assert "Canal walk" not in html


def test_scheduled_go_live_and_expiry_work_with_publish_scheduled(groups):
    from django.core.management import call_command

    event = EventPageFactory(parent=groups["a"], title="Summer fair")
    event.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    revision = event.save_revision()
    revision.publish()  # with a future go-live date this schedules it
    event.refresh_from_db()
    assert not event.live
    # Five minutes later, as cron would run it:
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    event.refresh_from_db()
    assert event.live

    event.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    call_command("publish_scheduled", verbosity=0)
    event.refresh_from_db()
    assert not event.live
    assert event.expired


def test_a_new_locale_tree_gets_the_community_workflow(site_tree):
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    home = site_tree["home"]
    home_cy = home.copy_for_translation(welsh)
    assert HomePage.objects.filter(locale=welsh).exists()
    assert home_cy.get_workflow().name == "Community moderation"
    assert home_cy.workflowpage.workflow.name == "Community moderation"


def test_a_translated_group_page_gets_the_groups_permissions(groups, editor_a):
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    home_cy = groups["a"].get_parent().get_parent().copy_for_translation(welsh)
    index_cy = groups["a"].get_parent().copy_for_translation(welsh)
    group_cy = groups["a"].copy_for_translation(welsh)
    assert home_cy and index_cy
    assert group_cy.permissions_for_user(editor_a).can_edit()
    assert not groups["b"].copy_for_translation(welsh).permissions_for_user(editor_a).can_edit()
