"""Roles, both ways: a group's editors reach their own group and nothing else,
and only trusted groups publish. Through the real admin URLs."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, PageLogEntry

from moderation.onboarding import onboard
from moderation.roles import MODERATORS, SITE_ADMINISTRATORS

from .factories import EventPageFactory
from .helpers import assert_denied, edit_form_data

pytestmark = pytest.mark.django_db


def admin_urls_for(page):
    revision = page.get_latest_revision()
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "preview": reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "revisions": reverse(
            "wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"]
        ),
        "revision": reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        "copy": reverse("wagtailadmin_pages:copy", args=[page.pk]),
        "move": reverse("wagtailadmin_pages:move", args=[page.pk]),
        "delete": reverse("wagtailadmin_pages:delete", args=[page.pk]),
        "unpublish": reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
    }


def test_the_migration_created_the_roles_and_removed_wagtails_catch_all_editors():
    assert Group.objects.filter(name=SITE_ADMINISTRATORS).exists()
    assert Group.objects.filter(name=MODERATORS).exists()
    assert not Group.objects.filter(name="Editors").exists()
    moderator_codenames = set(
        GroupPagePermission.objects.filter(group__name=MODERATORS).values_list(
            "permission__codename", flat=True
        )
    )
    assert "change_page" in moderator_codenames
    assert "publish_page" not in moderator_codenames


def test_onboarding_gives_add_and_change_but_not_publish_on_the_groups_subtree(groups):
    codenames = set(
        GroupPagePermission.objects.filter(group=groups["org_a"].editors).values_list(
            "page_id", "permission__codename"
        )
    )
    assert codenames == {(groups["a"].pk, "add_page"), (groups["a"].pk, "change_page")}
    assert groups["org_a"].editors.name == "Repair Cafe editors"
    assert groups["org_a"].collection.name == "Repair Cafe"


def test_onboarding_twice_changes_nothing(groups):
    before = GroupPagePermission.objects.count()
    organisation, created = onboard(groups["a"])
    assert not created
    assert organisation == groups["org_a"]
    assert GroupPagePermission.objects.count() == before


@pytest.mark.parametrize(
    "view", ["edit", "preview", "history", "revisions", "revision", "copy", "move", "delete"]
)
def test_volunteer_cannot_reach_another_groups_pages(client, groups, editor_a, view):
    client.force_login(editor_a)
    for page in (groups["b"], groups["event_b"]):
        assert_denied(client.get(admin_urls_for(page)[view]))


@pytest.mark.parametrize("view", ["edit", "history", "revisions", "revision"])
def test_volunteer_can_reach_their_own_groups_pages(client, groups, editor_a, view):
    client.force_login(editor_a)
    for page in (groups["a"], groups["event_a"]):
        assert client.get(admin_urls_for(page)[view]).status_code == 200


def test_volunteer_cannot_change_another_groups_event_by_posting(client, groups, editor_a):
    client.force_login(editor_a)
    event = groups["event_b"]
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
        {"title": "Hacked", "slug": event.slug, "summary": "x", "action-publish": "1"},
    )
    assert_denied(response)
    event.refresh_from_db()
    assert event.title == "Canal walk"
    assert event.latest_revision.content["title"] == "Canal walk"


def test_volunteer_cannot_delete_or_unpublish_another_groups_event(client, groups, editor_a):
    client.force_login(editor_a)
    event = groups["event_b"]
    assert_denied(client.post(reverse("wagtailadmin_pages:delete", args=[event.pk])))
    assert_denied(client.post(reverse("wagtailadmin_pages:unpublish", args=[event.pk])))
    event.refresh_from_db()
    assert event.live


def test_volunteer_cannot_unpublish_their_own_event(client, groups, editor_a):
    client.force_login(editor_a)
    event = groups["event_a"]
    assert_denied(client.post(reverse("wagtailadmin_pages:unpublish", args=[event.pk])))
    assert Page.objects.get(pk=event.pk).live


def test_volunteer_cannot_add_pages_under_another_group(client, groups, editor_a):
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", groups["b"].pk])
    assert_denied(client.get(url))
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", groups["a"].pk])
    assert client.get(url).status_code == 200


def test_volunteer_cannot_publish_their_own_change(client, groups, editor_a):
    client.force_login(editor_a)
    event = groups["event_a"]
    assert not event.permissions_for_user(editor_a).can_publish()
    data = edit_form_data(event, title="Fix-it Saturday, bigger")
    data["action-publish"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    event.refresh_from_db()
    assert event.title == "Fix-it Saturday"  # the live page is unchanged
    assert event.get_latest_revision().content["title"] == "Fix-it Saturday, bigger"


def test_volunteer_sees_only_their_groups_images_in_the_chooser(client, groups, editor_a):
    client.force_login(editor_a)
    response = client.get(reverse("wagtailimages_chooser:choose"))
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Toaster" in html
    assert "Canal" not in html
    assert_denied(client.get(reverse("wagtailimages:edit", args=[groups["image_b"].pk])))
    assert client.get(reverse("wagtailimages:edit", args=[groups["image_a"].pk])).status_code == 200


def test_trusted_volunteer_publishes_directly_in_their_own_group_only(client, groups, editor_a):
    onboard(groups["a"], trusted=True)
    groups["a"].refresh_from_db()
    assert groups["a"].is_trusted
    client.force_login(editor_a)

    own = groups["event_a"]
    data = edit_form_data(own, title="Fix-it Saturday, now monthly")
    data["action-publish"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[own.pk]), data)
    own.refresh_from_db()
    assert own.title == "Fix-it Saturday, now monthly"
    # ...and the audit log still records who published it.
    assert PageLogEntry.objects.filter(page=own, action="wagtail.publish", user=editor_a).exists()

    other = groups["event_b"]
    assert not other.permissions_for_user(editor_a).can_publish()
    assert_denied(client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])))


def test_untrusting_a_group_takes_publish_away(groups, editor_a):
    onboard(groups["a"], trusted=True)
    assert groups["event_a"].permissions_for_user(editor_a).can_publish()
    onboard(groups["a"], trusted=False)
    groups["a"].refresh_from_db()
    assert not groups["a"].is_trusted
    fresh = type(editor_a).objects.get(pk=editor_a.pk)  # permissions are cached per user object
    assert not Page.objects.get(pk=groups["event_a"].pk).permissions_for_user(fresh).can_publish()


def test_publishing_an_old_revision_cannot_change_whether_a_group_is_trusted(groups):
    group = groups["a"]
    onboard(group, trusted=True)
    group.refresh_from_db()
    revision = group.save_revision()
    revision.content["is_trusted"] = False
    revision.save()
    revision.publish()
    group.refresh_from_db()
    assert group.is_trusted


def test_every_page_is_moderated_by_the_community_workflow(groups):
    event = EventPageFactory(parent=groups["a"])
    for page in (groups["a"], event, groups["event_b"], Page.objects.get(depth=2)):
        assert page.get_workflow().name == "Community moderation"
