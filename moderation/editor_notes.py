"""What an editor sees in the admin about their own work: the moderator's
request for changes on the page they are editing, and their own groups on
the dashboard."""

from django.contrib import messages
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from .models import Organisation


def requested_changes(page):
    """(moderator, comment) of the request for changes that ``page`` is
    waiting on, or None when no moderator has asked for changes."""
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
        .select_related("current_task_state__finished_by")
        .order_by("-created_at")
        .first()
    )
    if state is None or state.current_task_state is None:
        return None
    task_state = state.current_task_state
    return task_state.finished_by, task_state.get_comment()


def show_requested_changes(request, page):
    """On opening the editor: the moderator's comment, where the volunteer or
    translator works, rather than only in the page's history."""
    if request.method != "GET":
        return
    found = requested_changes(page)
    if found is None:
        return
    moderator, comment = found
    who = moderator.get_full_name() or moderator.get_username() if moderator else _("A moderator")
    if comment:
        message = format_html(
            "{} {}",
            _("%(moderator)s asked for changes before this is published:") % {"moderator": who},
            linebreaks(comment),
        )
    else:
        message = _("%(moderator)s asked for changes before this is published.") % {
            "moderator": who
        }
    messages.warning(request, message)


class YourGroupsPanel(Component):
    """A volunteer's dashboard: the groups they edit, one click from each."""

    name = "your_groups"
    template_name = "moderation/admin/your_groups_panel.html"
    order = 80

    def __init__(self, organisations):
        self.organisations = organisations

    def get_context_data(self, parent_context):
        return {"organisations": self.organisations}


def your_groups_panel(user):
    """The panel for ``user``, or None when they edit no group."""
    organisations = list(
        Organisation.objects.filter(editors__in=user.groups.all())
        .select_related("group_page")
        .order_by("group_page__title")
    )
    return YourGroupsPanel(organisations) if organisations else None
