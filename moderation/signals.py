"""Governance reacting to what happens elsewhere, without the content apps
importing this one (docs/architecture.md: imports run one way).

* a new locale's home page gets the Community moderation workflow;
* a new translation of an onboarded group page gets the group's permissions;
* the outcome of a public submission is told to the submitter;
* a saved or deleted alert clears the cached list of alerts.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import TaskState
from wagtail.signals import workflow_approved, workflow_rejected

from groups.models import GroupPage
from home.models import HomePage

from .alerts import clear_alert_cache
from .models import AlertBanner, Organisation, PublicSubmission


def on_home_page_saved(sender, instance, created, **kwargs):
    if created:
        from .roles import attach_workflow

        attach_workflow(instance)


def on_group_page_saved(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    organisation = Organisation.objects.filter(
        group_page__translation_key=instance.translation_key
    ).first()
    if organisation is not None:
        from .trust import sync_permissions

        sync_permissions(organisation)


def submission_for(workflow_state):
    return PublicSubmission.objects.filter(
        page_id=workflow_state.object_id,
        outcome__in=[
            PublicSubmission.Outcome.IN_MODERATION,
            PublicSubmission.Outcome.CHANGES_REQUESTED,
        ],
    ).first()


def on_workflow_approved(sender, instance, user=None, **kwargs):
    submission = submission_for(instance)
    if submission is not None:
        from .submissions import tell_outcome

        tell_outcome(submission, PublicSubmission.Outcome.APPROVED)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    submission = submission_for(instance)
    if submission is not None:
        from .submissions import tell_outcome

        state = (
            TaskState.objects.filter(workflow_state=instance, status=TaskState.STATUS_REJECTED)
            .order_by("-finished_at", "-pk")
            .first()
        )
        tell_outcome(
            submission,
            PublicSubmission.Outcome.CHANGES_REQUESTED,
            comment=state.comment if state else "",
        )


def on_alert_changed(sender, **kwargs):
    clear_alert_cache()


def connect():
    post_save.connect(on_home_page_saved, sender=HomePage, dispatch_uid="moderation_home_saved")
    post_save.connect(on_group_page_saved, sender=GroupPage, dispatch_uid="moderation_group_saved")
    workflow_approved.connect(on_workflow_approved, dispatch_uid="moderation_workflow_approved")
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="moderation_workflow_rejected")
    post_save.connect(on_alert_changed, sender=AlertBanner, dispatch_uid="moderation_alert_saved")
    post_delete.connect(
        on_alert_changed, sender=AlertBanner, dispatch_uid="moderation_alert_deleted"
    )
    # Alerts show on every public page: a change purges the page cache.
    from home.signals import purge_on_change

    purge_on_change(AlertBanner)
