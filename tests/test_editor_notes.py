"""What editors see about their own work: the moderator's request for changes
on the editor itself, the e-mail that asks (never "rejected"), and a
volunteer's dashboard leading to their own group."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from .helpers import act, submit_change

pytestmark = pytest.mark.django_db


def test_the_editor_shows_the_moderators_request_for_changes(
    client, groups, editor_a, moderator, django_capture_on_commit_callbacks
):
    event = groups["event_a"]
    state = submit_change(client, editor_a, event, title="Fix-it Saturday with soldering")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, moderator, event, "reject", state, comment="Please add the start time.")

    client.force_login(editor_a)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert "asked for changes before this is published" in editor
    assert "Please add the start time." in editor

    # The e-mail to the volunteer asks for changes; it does not say "rejected".
    to_editor = [message for message in mail.outbox if editor_a.email in message.to]
    assert to_editor, [message.to for message in mail.outbox]
    message = to_editor[0]
    assert message.subject.startswith("Changes requested")
    assert "rejected" not in (message.subject + message.body).lower()
    assert "Please add the start time." in message.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/{event.pk}/edit/" in message.body


def test_the_editor_says_nothing_when_no_changes_were_asked_for(client, groups, editor_a):
    client.force_login(editor_a)
    event = groups["event_a"]
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert "asked for changes" not in editor


def test_a_volunteers_dashboard_leads_to_their_own_group(client, groups, editor_a):
    client.force_login(editor_a)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    own, other = groups["a"], groups["b"]
    assert "Your groups" in dashboard
    assert reverse("wagtailadmin_pages:edit", args=[own.pk]) in dashboard
    assert reverse("wagtailadmin_pages:add_subpage", args=[own.pk]) in dashboard
    assert reverse("wagtailadmin_pages:edit", args=[other.pk]) not in dashboard


def test_a_moderators_dashboard_has_no_groups_panel(client, groups, moderator):
    client.force_login(moderator)
    assert "Your groups" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_admin_loads_no_avatar_from_another_host(client, groups, editor_a):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    client.force_login(editor_a)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in dashboard.lower()
