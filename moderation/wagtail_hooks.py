from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.listing import pages as listing_pages

from .admin_views import (
    AwaitingModerationPanel,
    DueForReviewView,
    NewestToModeratePanel,
    onboard_view,
)
from .editor_notes import show_requested_changes, your_groups_panel
from .models import AlertBanner, PublicSubmission
from .review import is_moderator, with_specific_tasks
from .roles import closed_copies, edit_grant_paths
from .workflows import refuse_invalid_workflow_action


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = _("Alerts")
    menu_order = 295
    add_to_admin_menu = True
    list_display = ["title", "level", "starts_at", "ends_at"]
    list_filter = ["level"]


register_snippet(AlertBannerViewSet)


class PublicSubmissionViewSet(ModelViewSet):
    """Read-only: who suggested what, whether they confirmed, and the outcome.
    Moderators and administrators have only the "view" permission on it."""

    model = PublicSubmission
    icon = "mail"
    menu_label = _("Public suggestions")
    menu_order = 296
    add_to_admin_menu = True
    list_display = ["__str__", "email", "created_at", "confirmed_at", "outcome"]
    list_filter = ["kind", "outcome"]
    inspect_view_enabled = True
    exclude_form_fields = []
    form_fields = ["name", "email"]


@hooks.register("register_admin_viewset")
def public_submission_viewset():
    return PublicSubmissionViewSet("public_submissions")


@hooks.register("construct_homepage_panels")
def add_moderation_queue(request, panels):
    if is_moderator(request.user):
        panels.append(AwaitingModerationPanel(request))
    # Wagtail's "Awaiting your review", bounded: the newest changes, and a link to the rest.
    panels[:] = [
        NewestToModeratePanel() if panel.name == NewestToModeratePanel.name else panel
        for panel in panels
    ]


@hooks.register("register_admin_urls")
def moderation_admin_urls():
    return [
        path("governance/onboard/", onboard_view, name="moderation_onboard"),
        path(
            "governance/due-for-review/",
            DueForReviewView.as_view(),
            name="moderation_due_for_review",
        ),
        path(
            "governance/due-for-review/results/",
            DueForReviewView.as_view(results_only=True),
            name="moderation_due_for_review_results",
        ),
    ]


class OnboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("moderation.add_organisation")


@hooks.register("register_settings_menu_item")
def onboard_menu_item():
    return OnboardMenuItem(
        _("Onboard a group"), reverse("moderation_onboard"), icon_name="group", order=150
    )


@hooks.register("register_reports_menu_item")
def due_for_review_menu_item():
    return MenuItem(
        _("Pages due for review"),
        reverse("moderation_due_for_review"),
        icon_name="time",
        order=750,
    )


@hooks.register("register_log_actions")
def governance_log_actions(actions):
    actions.register_action("moderation.onboard", _("Onboard group"), _("Group onboarded"))
    actions.register_action("moderation.trust", _("Trust group"), _("Group trusted to publish"))
    actions.register_action(
        "moderation.untrust", _("Untrust group"), _("Group no longer trusted to publish")
    )
    actions.register_action(
        "moderation.handover", _("Handover"), _("Governance handed over to a new operating body")
    )


# No server error, and no approval, from a workflow action the page has no task for.
hooks.register("before_edit_page", refuse_invalid_workflow_action)


@hooks.register("before_move_page")
def refuse_move_without_permission(request, page, destination):
    """Wagtail's move confirmation is shown before any permission check, with
    the page's title: only to those who may move it there."""
    from django.core.exceptions import PermissionDenied

    permissions = page.permissions_for_user(request.user)
    if not (permissions.can_move() and permissions.can_move_to(destination)):
        raise PermissionDenied


# --- What an editor sees about their own work ---


@hooks.register("before_edit_page", order=-10)
def moderators_request_on_the_editor(request, page):
    # Early (order -10), so that the message is there before wagtail-localize
    # replaces the editor with its translation editor.
    show_requested_changes(request, page)


@hooks.register("construct_homepage_panels")
def add_your_groups(request, panels):
    panel = your_groups_panel(request.user)
    if panel is not None:
        panels.append(panel)


def readable_pages(pages, user):
    """``pages`` narrowed to those ``user`` may know exist: live and public
    ones (home/listing.py's one rule, in every language), and those under a
    page where they may add or change (their own group's, a translator's
    language, everything for moderators), but for untranslated copies of
    pages they may not read (roles.closed_copies): a translator's grant on
    their language's tree does not open copies of others' drafts and private
    pages."""
    from django.db.models import Q

    if user.is_superuser:
        return pages
    paths = edit_grant_paths(user)
    public = listing_pages().public().values("pk")
    if not paths:
        return pages.filter(pk__in=public)
    editable = Q()
    for granted in paths:
        editable |= Q(path__startswith=granted)
    # By id, as the rest: the admin's page search filters only on indexed fields.
    closed = closed_copies(user, paths)
    return pages.filter(Q(pk__in=public) | (editable & ~Q(pk__in=closed)))


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_only_readable_pages(pages, request):
    """The page chooser (browse and search) lists every page to anyone in the
    admin; other groups' drafts and private pages are left out, titles too."""
    return readable_pages(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_only_readable_pages(parent_page, pages, request):
    return with_specific_tasks(readable_pages(pages, request.user))
