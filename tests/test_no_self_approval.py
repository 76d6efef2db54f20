"""Nobody approves their own text, whoever presses Submit, on every path:
the workflow action URL, the editor's buttons, and the task itself."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import TaskState

from .helpers import act, assert_denied, edit_form_data, submit_change

pytestmark = pytest.mark.django_db


def moderator_edits_then_volunteer_submits(client, groups, moderator, editor_b):
    """The moderator saves a draft; the group's volunteer adds to it and submits."""
    event = groups["event_b"]
    client.force_login(moderator)
    data = edit_form_data(event, title="Canal walk (moderator's words)")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    assert response.status_code == 302
    event.refresh_from_db()
    state = submit_change(client, editor_b, event, summary="Now with a picnic")
    assert state.workflow_state.requested_by == editor_b
    return event, state


def approve_names(task, page, user):
    return [name for name, *_ in task.get_actions(page, user)]


def test_a_moderator_who_wrote_part_of_a_change_cannot_approve_it(
    client, groups, moderator, second_moderator, editor_b
):
    event, state = moderator_edits_then_volunteer_submits(client, groups, moderator, editor_b)
    task = state.task.specific
    assert "approve" not in approve_names(task, event, moderator)
    assert "reject" in approve_names(task, event, moderator)
    # Approve, and approve with a comment: the same action name, refused both ways.
    assert_denied(act(client, moderator, event, "approve", state))
    assert_denied(act(client, moderator, event, "approve", state, comment="Looks good"))
    with pytest.raises(PermissionDenied):
        task.on_action(state, moderator, "approve")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    # Another moderator may.
    assert act(client, second_moderator, event, "approve", state).status_code == 302
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED


def test_approving_from_the_editor_is_refused_too(client, groups, moderator, editor_b):
    event, state = moderator_edits_then_volunteer_submits(client, groups, moderator, editor_b)
    client.force_login(moderator)
    data = edit_form_data(event)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    assert response.status_code in (302, 303, 403)
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    event.refresh_from_db()
    assert event.title == "Canal walk"


def test_editing_and_approving_in_one_go_is_refused(
    client, groups, moderator, second_moderator, editor_b
):
    """The change waiting is the volunteer's; the moderator adds a word and
    presses approve: the result contains their revision, so it is refused."""
    event = groups["event_b"]
    state = submit_change(client, editor_b, event, summary="Now with a picnic")
    client.force_login(second_moderator)
    data = edit_form_data(event, title="Canal walk, tidied")
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    assert response.status_code in (302, 303, 403)
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    event.refresh_from_db()
    assert event.title == "Canal walk"


def test_earlier_published_revisions_do_not_count(
    client, groups, moderator, second_moderator, editor_b
):
    """What a moderator wrote before the page was last published is not part
    of the change waiting now."""
    event = groups["event_b"]
    event.title = "Canal walk, long ago"
    event.save_revision(user=moderator).publish(user=second_moderator, skip_permission_checks=True)
    event.refresh_from_db()
    state = submit_change(client, editor_b, event, summary="A new summary")
    assert "approve" in approve_names(state.task.specific, event, moderator)


def test_a_moderator_who_submitted_cannot_approve(client, groups, moderator, editor_b):
    event = groups["event_b"]
    event.summary = "The volunteer's words"
    event.save_revision(user=editor_b)
    workflow_state = event.get_workflow().start(event, moderator)
    state = workflow_state.current_task_state
    assert "approve" not in approve_names(state.task.specific, event, moderator)
    assert_denied(act(client, moderator, event, "approve", state))


@pytest.mark.parametrize("name", ["approve", "", "no-such-action"])
def test_a_workflow_action_with_no_task_is_a_clear_answer(client, groups, moderator, name):
    event = groups["event_b"]  # not in moderation
    client.force_login(moderator)
    data = edit_form_data(event)
    data["action-workflow-action"] = "1"
    if name:
        data["workflow-action-name"] = name
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    assert response.status_code == 303
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("not waiting for a moderator" in m for m in messages)


def test_a_workflow_action_url_for_a_finished_task_is_not_a_server_error(
    client, groups, moderator, second_moderator, editor_b
):
    event = groups["event_b"]
    state = submit_change(client, editor_b, event, summary="Done")
    act(client, second_moderator, event, "approve", state)
    response = act(client, moderator, event, "approve", state)
    assert response.status_code in (302, 403)
    response = act(client, moderator, event, "approve", type("S", (), {"pk": 999999})())
    assert response.status_code in (302, 404)
