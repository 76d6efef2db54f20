"""The handover kit: report, export, handover, onboarding from the command line,
and the public transparency page."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, ModelLogEntry, Page

from home.models import SiteSettings
from home.pagecache import purge_pages
from moderation.models import Organisation
from moderation.roles import MODERATORS, SITE_ADMINISTRATORS

from .helpers import act, submit_change

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("governance", *args, stdout=out)
    return out.getvalue()


def has_any_right(user):
    user = get_user_model().objects.get(pk=user.pk)
    if user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        return True
    return any(
        page.permissions_for_user(user).can_edit() for page in Page.objects.filter(depth__gt=1)
    )


def test_handover_leaves_the_outgoing_body_with_no_rights_and_the_incoming_with_all(
    groups, moderator, site_admin, django_capture_on_commit_callbacks
):
    old_root = get_user_model().objects.create_superuser("oldroot", "root@council.example", "x")
    assert has_any_right(moderator) and has_any_right(site_admin) and has_any_right(old_root)

    with django_capture_on_commit_callbacks(execute=True):
        output = run(
            "handover",
            "--operator-name", "Ashby Moor CVS",
            "--operator-url", "https://cvs.example.org",
            "--contact-email", "hello@cvs.example.org",
            "--admin", "chair@cvs.example.org",
            "--moderator", "mod@cvs.example.org",
            "--by", "oldroot",
        )  # fmt: skip
    assert "Handover done" in output

    for outgoing in (moderator, site_admin, old_root):
        assert not has_any_right(outgoing), outgoing

    chair = get_user_model().objects.get(email="chair@cvs.example.org")
    mod = get_user_model().objects.get(email="mod@cvs.example.org")
    assert chair.groups.filter(name=SITE_ADMINISTRATORS).exists()
    assert mod.groups.filter(name=MODERATORS).exists()
    assert groups["event_b"].permissions_for_user(chair).can_publish()
    assert groups["event_b"].permissions_for_user(mod).can_edit()
    assert chair.has_perm("home.change_sitesettings")
    # They were invited to set a password; no password was sent.
    invitations = [
        m for m in mail.outbox if m.to in (["chair@cvs.example.org"], ["mod@cvs.example.org"])
    ]
    assert len(invitations) == 2
    assert all("/password_reset/confirm/" in m.body or "reset" in m.body for m in invitations)

    settings = SiteSettings.objects.get()
    assert settings.operator_name == "Ashby Moor CVS"
    assert settings.contact_email == "hello@cvs.example.org"

    entry = ModelLogEntry.objects.get(action="moderation.handover")
    assert entry.user.username == "oldroot"
    assert "oldroot" in entry.data["rights_removed"]
    assert entry.data["operator_after"]["operator_name"] == "Ashby Moor CVS"

    report = run("report")
    assert "Ashby Moor CVS" in report
    assert "chair@cvs.example.org" in report
    assert "mo@" not in report.split("Groups")[0]  # the outgoing moderator holds no role


def test_handover_with_keep_leaves_the_outgoing_rights_for_a_transition(groups, moderator):
    run("handover", "--admin", "chair@cvs.example.org", "--keep")
    assert has_any_right(moderator)
    assert Group.objects.get(name=MODERATORS).user_set.filter(pk=moderator.pk).exists()


def test_handover_keeps_group_editors_rights(groups, editor_a):
    run("handover", "--admin", "chair@cvs.example.org")
    assert (
        groups["event_a"]
        .permissions_for_user(get_user_model().objects.get(pk=editor_a.pk))
        .can_edit()
    )


def test_report_shows_roles_trusted_groups_and_the_queue(groups, editor_a, moderator, client):
    call_command("onboard_group", "Repair Cafe", "--trusted", stdout=io.StringIO())
    submit_change(client, editor_a, groups["event_a"], title="Fix-it Saturday v2")
    report = run("report")
    assert "mo <mo@example.org>" in report
    assert "Repair Cafe (trusted, publishes directly): alice" in report
    assert "Walking Group (moderated)" in report


def test_export_is_json_with_roles_permissions_workflows_and_the_log(
    groups, editor_a, moderator, second_moderator, client, tmp_path
):
    state = submit_change(client, moderator, groups["event_b"], title="Canal walk, longer")
    act(client, second_moderator, groups["event_b"], "approve", state)
    path = tmp_path / "export.json"
    run("export", "--output", str(path))
    data = json.loads(path.read_text())
    by_name = {group["name"]: group for group in data["groups"]}
    assert "wagtailadmin.access_admin" in by_name[MODERATORS]["permissions"]
    assert {p["permission"] for p in by_name["Repair Cafe editors"]["page_permissions"]} == {
        "add_page",
        "change_page",
    }
    assert by_name["Repair Cafe editors"]["members"][0]["username"] == "alice"
    [workflow] = [w for w in data["workflows"] if w["active"]]
    assert workflow["name"] == "Community moderation"
    assert workflow["tasks"][0]["groups"] == [MODERATORS]
    actions = [entry["action"] for entry in data["moderation_log"]]
    assert "wagtail.workflow.approve" in actions
    assert "moderation.onboard" in actions


def test_onboard_group_command_creates_group_collection_and_invites(
    site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "onboard_group",
            "Knit and Natter",
            "--create",
            "--summary",
            "Knitting and a cuppa",
            "--invite",
            "kim@example.org",
            stdout=io.StringIO(),
        )
    organisation = Organisation.objects.get()
    assert organisation.editors.name == "Knit and Natter editors"
    kim = get_user_model().objects.get(email="kim@example.org")
    assert not kim.has_usable_password()
    assert kim.groups.filter(pk=organisation.editors.pk).exists()
    [invitation] = mail.outbox
    assert "password" in invitation.body
    assert "/admin/password_reset/confirm/" in invitation.body
    assert (
        GroupPagePermission.objects.filter(
            group=organisation.editors, page=organisation.group_page
        ).count()
        == 2
    )


def test_the_onboarding_screen_is_for_administrators(client, groups, site_admin, moderator):
    url = reverse("moderation_onboard")
    client.force_login(moderator)
    assert client.get(url).status_code in (302, 403)
    client.force_login(site_admin)
    response = client.get(url)
    assert response.status_code == 200
    assert "Repair Cafe editors" in response.content.decode()
    response = client.post(url, {"group_page": groups["b"].pk, "trusted": "yes", "invite": ""})
    assert response.status_code == 302
    assert Organisation.objects.get(group_page=groups["b"]).trusted


def test_transparency_page_shows_the_monthly_figures(
    client, groups, moderator, second_moderator, django_assert_num_queries
):
    state = submit_change(client, moderator, groups["event_b"], title="Canal walk, longer")
    act(client, second_moderator, groups["event_b"], "approve", state)
    client.logout()
    url = reverse("moderation:transparency")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sent for moderation" in html
    assert "Median time to a decision" in html
    purge_pages()  # measure building the page, not the anonymous page cache
    with django_assert_num_queries(TRANSPARENCY_QUERIES):
        client.get(url)


TRANSPARENCY_QUERIES = 3


def test_the_about_page_and_footer_show_who_runs_the_site_from_the_settings(client, site_tree):
    settings = SiteSettings.for_site(site_tree["home"].get_site())
    settings.operator_name = "Ashby Moor CVS"
    settings.contact_email = "hello@cvs.example.org"
    settings.about_page = site_tree["about"]
    settings.save()
    about = client.get(site_tree["about"].url).content.decode()
    assert "Who runs this site" in about
    assert "hello@cvs.example.org" in about
    assert reverse("moderation:transparency") in about
    home = client.get("/").content.decode()
    assert "Ashby Moor CVS" in home  # the footer, on every page
    assert "Who runs this site" not in home
