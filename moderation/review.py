"""What waits for a moderator and what is due for review: the queries behind
the dashboard panel, the "Pages due for review" report and the governance
report."""

from dateutil.relativedelta import relativedelta
from django.db.models import Prefetch
from django.utils import timezone
from wagtail.models import Page, Task, TaskState, WorkflowState
from wagtail.permissions import page_permission_policy

from home.sites import default_site

from .models import CommunityModerationTask, ReviewSettings
from .roles import MODERATORS

# Review period when there is no site to read ReviewSettings from.
DEFAULT_REVIEW_MONTHS = 12


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


def with_specific_tasks(pages):
    """``pages`` (an admin listing's queryset, with Wagtail's
    ``prefetch_workflow_states()``) loading the current task of every page in
    moderation in one query for the listing: Wagtail reads each row's task in
    its specific class (``task.specific``, for its lock and status), one query
    per row otherwise."""
    lookups = pages._prefetch_related_lookups
    kept = [
        lookup
        for lookup in lookups
        if getattr(lookup, "to_attr", None) != "_current_workflow_states"
    ]
    if len(kept) == len(lookups):
        return pages
    states = (
        WorkflowState.objects.active()
        .select_related("current_task_state")
        .prefetch_related(Prefetch("current_task_state__task", queryset=Task.objects.specific()))
    )
    relation = "_specific_workflow_states" if pages.is_specific else "_workflow_states"
    return pages.prefetch_related(None).prefetch_related(
        *kept, Prefetch(relation, queryset=states, to_attr="_current_workflow_states")
    )


def is_moderator(user):
    return user.is_superuser or user.groups.filter(name=MODERATORS).exists()


def review_cutoff(site=None):
    """Pages last changed before this are due for review (ReviewSettings)."""
    site = site or default_site()
    months = ReviewSettings.for_site(site).review_after_months if site else DEFAULT_REVIEW_MONTHS
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
