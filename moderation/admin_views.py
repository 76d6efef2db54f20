"""Admin screens: the moderators' dashboard panel, onboarding an organisation
and the report of pages due for review."""

from dateutil.relativedelta import relativedelta
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page, Site, TaskState
from wagtail.permissions import page_permission_policy

from groups.models import GroupIndexPage, GroupPage

from .mail import invite
from .models import CommunityModerationTask, Organisation, ReviewSettings
from .roles import get_or_invite_user, onboard


def awaiting_moderation():
    """Task states waiting for a moderator, oldest first, with their pages."""
    return (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=CommunityModerationTask.objects.values("pk"),
        )
        .select_related("revision", "revision__user", "workflow_state__requested_by")
        .order_by("started_at")
    )


def is_moderator(user):
    from .roles import MODERATORS

    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


class AwaitingModerationPanel(Component):
    name = "awaiting_community_moderation"
    template_name = "moderation/admin/awaiting_panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        states = list(awaiting_moderation()[:50])
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
        return {"rows": rows, "request": self.request}


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
        self.fields["group_page"].queryset = GroupPage.objects.filter(
            locale__language_code=Site.objects.get(
                is_default_site=True
            ).root_page.locale.language_code
        ).order_by("title")

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


def create_group_page(title, summary, user=None):
    """A draft group page in the default locale's directory."""
    index = GroupIndexPage.objects.filter(
        locale=Site.objects.get(is_default_site=True).root_page.locale
    ).first()
    page = GroupPage(title=title, summary=summary, live=False, owner=user)
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


def onboard_organisation(
    *, group_page=None, title="", summary="", trusted=None, emails=(), user=None
):
    """Everything onboarding does, for the admin view and the command alike."""
    if group_page is None:
        group_page = create_group_page(title, summary, user)
    organisation, created = onboard(group_page, trusted=trusted, user=user)
    invited = []
    for email in emails:
        volunteer, new = get_or_invite_user(email)
        volunteer.groups.add(organisation.editors)
        if new or not volunteer.has_usable_password():
            invite(volunteer, organisation.editors.name)
            invited.append(email)
    return organisation, created, invited


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


def review_cutoff(site=None):
    site = site or Site.objects.filter(is_default_site=True).first()
    months = ReviewSettings.for_site(site).review_after_months if site else 12
    return timezone.now() - relativedelta(months=months)


def pages_due_for_review(user=None, cutoff=None):
    """Live pages not updated since the cutoff: all of them for moderators, the
    pages they can edit for a group's editors; the oldest first."""
    cutoff = cutoff or review_cutoff()
    if user is None or is_moderator(user):
        pages = Page.objects.all()
    else:
        pages = page_permission_policy.instances_user_has_permission_for(user, "change")
    return (
        pages.live()
        .filter(depth__gt=2)
        .filter(latest_revision_created_at__lt=cutoff)
        .order_by("latest_revision_created_at")
    )


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
