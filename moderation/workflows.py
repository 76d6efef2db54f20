"""The Community moderation workflow's rules: who may approve, and what
happens when a change is approved.

Named by ``WAGTAIL_FINISH_WORKFLOW_ACTION`` in the settings, so this module is
imported while Wagtail's models load: it must not import models at the top.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def publish_approved(workflow_state, user=None):
    """Publish the approved revision in the approving moderator's name.

    Moderators have no publish permission of their own (so their own edits go
    through a second moderator); approving the last task of a workflow is
    what entitles them to publish, so Wagtail's publish-permission check is
    skipped here. The audit log records the moderator as the publisher.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)


def authored_since_published(obj, user):
    """True when ``user`` wrote any revision of ``obj`` that is not yet
    live: every revision after the live one, or all of them for a page never
    published. Whoever presses Submit, the change contains their text."""
    revisions = getattr(obj, "revisions", None)
    if revisions is None:
        return False
    live_revision_id = getattr(obj, "live_revision_id", None)
    if live_revision_id is not None:
        revisions = revisions.filter(pk__gt=live_revision_id)
    return revisions.filter(user_id=user.pk).exists()


def made_the_change(obj, user):
    """True when ``user`` may not approve the change waiting on ``obj``:
    they wrote part of it, or they submitted it."""
    if not getattr(user, "is_authenticated", False):
        return False
    state = getattr(obj, "current_workflow_state", None)
    if state is not None and state.requested_by_id == user.pk:
        return True
    return authored_since_published(obj, user)


def refuse_invalid_workflow_action(request, page):
    """``before_edit_page`` hook: the editor's workflow-action button sent for
    a page with no task waiting, or with no action named, is a clear message,
    not a server error (Wagtail would fail looking for the task)."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    task = page.current_workflow_task
    action = request.POST.get("workflow-action-name", "")
    names = [name for name, *_rest in task.get_actions(page, request.user)] if task else []
    if action in names:
        return None
    if task is None:
        messages.error(request, _("This page is not waiting for a moderator any more."))
    else:
        messages.error(request, _("That action is not available to you on this page."))
    response = redirect("wagtailadmin_pages:edit", page.pk)
    response.status_code = 303
    return response
