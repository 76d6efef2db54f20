"""The life of a change: a volunteer edits, a moderator sees the diff and asks
for a change, the volunteer fixes it, another moderator approves."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState

from moderation.stats import monthly_figures

from .helpers import act, assert_denied, submit_change

pytestmark = pytest.mark.django_db


def test_the_whole_life_of_a_change(
    client, groups, editor_a, moderator, second_moderator, django_capture_on_commit_callbacks
):
    event = groups["event_a"]

    # The volunteer edits their group's event and submits it.
    mail.outbox.clear()
    state = submit_change(client, editor_a, event, title="Fix-it Saturday with soldering")
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert event.title == "Fix-it Saturday"  # not live yet

    # Moderators are e-mailed, and see it on their dashboard with a link to the diff.
    recipients = {address for message in mail.outbox for address in message.to}
    assert {moderator.email, second_moderator.email} <= recipients
    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Waiting for a moderator, oldest first" in dashboard
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[event.pk, "live", state.revision_id]
    )
    assert compare in dashboard
    diff = client.get(compare)
    assert diff.status_code == 200
    assert "soldering" in diff.content.decode()

    # The moderator asks for a change, with a comment.
    act(client, moderator, event, "reject", state, comment="Please add the start time.")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_REJECTED

    # The volunteer sees where it stands and the comment, in Wagtail's own status panel.
    client.force_login(editor_a)
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert "Changes requested" in edit_page or "changes requested" in edit_page.lower()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your pages and snippets in a workflow" in dashboard
    assert "Fix-it Saturday with soldering" in dashboard
    history = client.get(reverse("wagtailadmin_pages:history", args=[event.pk])).content.decode()
    assert "Please add the start time." in history

    # The volunteer fixes it and resubmits; another moderator approves.
    fixed = submit_change(client, editor_a, event, title="Fix-it Saturday, 10am, soldering")
    assert fixed.pk != state.pk
    response = act(client, second_moderator, event, "approve", fixed, comment="Thanks!")
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.live
    assert event.title == "Fix-it Saturday, 10am, soldering"

    # The audit log and the transparency figures show it.
    actions = list(
        PageLogEntry.objects.filter(page=event)
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    assert "wagtail.workflow.reject" in actions
    assert "wagtail.workflow.approve" in actions
    assert "wagtail.publish" in actions
    this_month = monthly_figures()[0]
    assert this_month["submissions"] >= 1
    assert this_month["approved"] == 1
    assert this_month["changes_requested"] == 1
    assert this_month["median_hours"] is not None


def test_moderator_cannot_approve_their_own_change(client, groups, moderator, second_moderator):
    event = groups["event_b"]
    state = submit_change(client, moderator, event, title="Canal walk, moderator's edit")
    task = state.task.specific
    actions = [name for name, *_ in task.get_actions(event, moderator)]
    assert "approve" not in actions
    assert "reject" in actions  # they may still withdraw it by asking for changes

    assert_denied(act(client, moderator, event, "approve", state))
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    event.refresh_from_db()
    assert event.title == "Canal walk"

    assert "approve" in [name for name, *_ in task.get_actions(event, second_moderator)]
    response = act(client, second_moderator, event, "approve", state)
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    event.refresh_from_db()
    assert event.title == "Canal walk, moderator's edit"


def test_approving_your_own_change_is_refused_outside_the_admin_too(groups, moderator):
    from django.core.exceptions import PermissionDenied

    event = groups["event_b"]
    event.title = "Changed by the moderator"
    revision = event.save_revision(user=moderator)
    workflow_state = event.get_workflow().start(event, moderator)
    state = workflow_state.current_task_state
    assert state.revision == revision
    with pytest.raises(PermissionDenied):
        state.task.specific.on_action(state, moderator, "approve")


def test_volunteers_do_not_get_the_moderation_panel(client, groups, editor_a):
    client.force_login(editor_a)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Waiting for a moderator, oldest first" not in dashboard
