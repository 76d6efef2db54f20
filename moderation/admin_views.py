"""Admin screens: the moderators' dashboard panel, onboarding an organisation
and the report of pages due for review. The work itself is in review.py and
onboarding.py; these views only ask and show."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page, Revision, Task, TaskState

from groups.models import GroupPage

from .models import Organisation
from .onboarding import default_language_group_pages, onboard_organisation
from .review import awaiting_moderation, pages_due_for_review, review_cutoff

#: Rows in each dashboard panel of changes waiting for review; the rest are in
#: Wagtail's paginated "Workflow tasks" report, which the panels link to.
DASHBOARD_ROWS = 20


class AwaitingModerationPanel(Component):
    name = "awaiting_community_moderation"
    template_name = "moderation/admin/awaiting_panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        waiting = awaiting_moderation()
        states = list(waiting[:DASHBOARD_ROWS])
        # Pages only: other moderated things (group contributions) have ids of
        # their own, which may equal a page's, and are in Wagtail's own panel.
        page_type = ContentType.objects.get_for_model(Page)
        states = [s for s in states if s.workflow_state.base_content_type_id == page_type.pk]
        pages = Page.objects.in_bulk([int(s.workflow_state.object_id) for s in states])
        rows = []
        for state in states:
            page = pages.get(int(state.workflow_state.object_id))
            if page is None:
                continue
            if page.live:
                compare = reverse(
                    "wagtailadmin_pages:revisions_compare",
                    args=[page.pk, "live", state.revision_id],
                )
            else:
                # A new page has nothing to compare with: show the revision under review.
                compare = reverse(
                    "wagtailadmin_pages:revisions_view", args=[page.pk, state.revision_id]
                )
            rows.append(
                {
                    "page": page,
                    "state": state,
                    "by": state.revision.user if state.revision_id else None,
                    "compare_url": compare,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    "is_new": not page.live,
                }
            )
        return {
            "rows": rows,
            "request": self.request,
            "total": waiting.count() if len(states) == DASHBOARD_ROWS else len(states),
            "report_url": reverse("wagtailadmin_reports:workflow_tasks"),
        }


class NewestToModeratePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review" panel, with its newest ``DASHBOARD_ROWS``
    changes and a link to the rest: Wagtail lists every change waiting, with
    four queries for each. Here the tasks come in one query, each page's
    workflow state from its task's, so a row costs two (its workflow's tasks,
    and whether the moderator wrote part of the change)."""

    template_name = "moderation/admin/workflow_objects_to_moderate.html"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = {
            "states": [],
            "request": request,
            "csrf_token": parent_context["csrf_token"],
            "report_url": reverse("wagtailadmin_reports:workflow_tasks"),
        }
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return context
        reviewable = TaskState.objects.reviewable_by(request.user)
        states = list(
            reviewable.select_related(
                "revision", "revision__user", "workflow_state", "workflow_state__workflow"
            )
            .prefetch_related(
                Prefetch("task", queryset=Task.objects.specific()),
                "revision__content_object",
                "revision__content_object__latest_revision",
            )
            .order_by("-started_at")
            .annotate(previous_revision_id=Revision.objects.previous_revision_id_subquery())[
                :DASHBOARD_ROWS
            ]
        )
        context["total"] = reviewable.count() if len(states) == DASHBOARD_ROWS else len(states)
        for state in states:
            obj = state.revision.content_object
            if not obj:
                continue
            # The object's active workflow state is this task's (Wagtail would query it).
            obj._current_workflow_states = [state.workflow_state]
            context["states"].append(
                {
                    "obj": obj,
                    "revision": state.revision,
                    "previous_revision_id": state.previous_revision_id,
                    "live_revision_id": obj.live_revision_id,
                    "task_state": state,
                    "actions": state.task.specific.get_actions(obj, request.user),
                    "workflow_tasks": state.workflow_state.all_tasks_with_status(),
                    "workflow_action_url_name": "wagtailadmin_pages:workflow_action"
                    if isinstance(obj, Page)
                    else obj.snippet_viewset.get_url_name("workflow_action"),
                    "workflow_preview_url_name": (
                        "wagtailadmin_pages:workflow_preview"
                        if isinstance(obj, Page)
                        else obj.snippet_viewset.get_url_name("workflow_preview")
                    )
                    if getattr(obj, "is_previewable", False)
                    else None,
                    "revisions_compare_url_name": "wagtailadmin_pages:revisions_compare"
                    if isinstance(obj, Page)
                    else obj.snippet_viewset.get_url_name("revisions_compare"),
                }
            )
        return context


# Onboarding ----------------------------------------------------------------


class OnboardForm(forms.Form):
    group_page = forms.ModelChoiceField(
        label=_("Existing group page"),
        queryset=GroupPage.objects.none(),
        required=False,
        help_text=_("Choose the group's page, or leave empty and give a name to create one."),
    )
    new_group_name = forms.CharField(
        label=_("Or: name of a new group"), max_length=120, required=False
    )
    new_group_summary = forms.CharField(
        label=_("One-line summary of the new group"), max_length=160, required=False
    )
    trusted = forms.TypedChoiceField(
        label=_("Trusted: its editors publish without waiting for a moderator"),
        choices=[
            ("", _("Leave as it is (new groups are not trusted)")),
            ("yes", _("Trusted")),
            ("no", _("Not trusted")),
        ],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )
    invite = forms.CharField(
        label=_("Invite volunteers (one e-mail address per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Each gets an e-mail with a link to choose their password."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group_page"].queryset = default_language_group_pages().order_by("title")

    def clean_invite(self):
        addresses = [
            line.strip() for line in self.cleaned_data["invite"].splitlines() if line.strip()
        ]
        for address in addresses:
            try:
                validate_email(address)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("“%(address)s” is not an e-mail address.") % {"address": address}
                ) from error
        return addresses

    def clean(self):
        data = super().clean()
        if not data.get("group_page") and not data.get("new_group_name"):
            raise forms.ValidationError(_("Choose a group page or give the name of a new group."))
        if data.get("new_group_name") and not data.get("new_group_summary"):
            self.add_error("new_group_summary", _("A new group needs a one-line summary."))
        return data


def onboard_view(request):
    if not request.user.has_perm("moderation.add_organisation"):
        raise PermissionDenied
    form = OnboardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation, created, invited = onboard_organisation(
            group_page=data["group_page"],
            title=data["new_group_name"],
            summary=data["new_group_summary"],
            trusted=data["trusted"],
            emails=data["invite"],
            user=request.user,
        )
        messages.success(
            request,
            _("%(group)s is onboarded; %(count)d invitation(s) sent.")
            % {"group": organisation.editors.name, "count": len(invited)},
        )
        return redirect("moderation_onboard")
    organisations = Organisation.objects.select_related("group_page", "editors", "collection")
    return TemplateResponse(
        request,
        "moderation/admin/onboard.html",
        {"form": form, "organisations": organisations, "page_title": _("Onboard a group")},
    )


# Pages due for review --------------------------------------------------------


class DueForReviewView(PageReportView):
    page_title = _("Pages due for review")
    header_icon = "time"
    index_url_name = "moderation_due_for_review"
    index_results_url_name = "moderation_due_for_review_results"
    any_permission_required = ["add", "change", "publish"]

    def get_queryset(self):
        self.queryset = (
            pages_due_for_review(self.request.user)
            .prefetch_workflow_states()
            .select_related("content_type")
            .annotate_approved_schedule()
        )
        return super().get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["cutoff"] = review_cutoff()
        return context
