"""Governance: who may do what, the moderation task, public submissions,
the mail they cause, site-wide alerts and the review period.

The roles themselves are Wagtail groups (see roles.py); this module holds
only what Wagtail does not already have a place for.
"""

import secrets

from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import AbstractGroupApprovalTask, Collection, Page


class CommunityModerationTask(AbstractGroupApprovalTask):
    """A moderator approves, approves with a comment or asks for changes, but
    never approves a change they made themselves: not when they wrote any
    revision of it since the page was last published, and not when they
    submitted it (the rule is in workflows.py)."""

    def made_the_change(self, obj, user):
        from .workflows import made_the_change

        return made_the_change(obj, user)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.made_the_change(obj, user):
            # They may still ask for changes to their own work, never approve it.
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # The admin views check get_actions(); this guards every other caller too.
        if action_name == "approve" and self.made_the_change(
            task_state.workflow_state.content_object, user
        ):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("A moderator cannot approve their own change.")
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Moderators approve or ask for changes; nobody approves a change they made themselves."
        )

    class Meta:
        verbose_name = _("community moderation task")
        verbose_name_plural = _("community moderation tasks")


class Organisation(models.Model):
    """A community organisation that has been onboarded: its group page (in the
    default locale; its translations share the permissions), its editors
    group and its collection of images and documents."""

    group_page = models.OneToOneField(
        "groups.GroupPage",
        verbose_name=_("group page"),
        on_delete=models.CASCADE,
        related_name="organisation",
    )
    editors = models.OneToOneField(
        Group, verbose_name=_("editors group"), on_delete=models.PROTECT, related_name="+"
    )
    collection = models.ForeignKey(
        Collection, verbose_name=_("collection"), on_delete=models.PROTECT, related_name="+"
    )
    trusted = models.BooleanField(
        _("trusted"),
        default=False,
        help_text=_("Editors of a trusted group publish without waiting for a moderator."),
    )
    onboarded_at = models.DateTimeField(_("onboarded"), default=timezone.now)

    class Meta:
        ordering = ["editors__name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.group_page.title


def new_token():
    return secrets.token_urlsafe(32)


class PublicSubmission(models.Model):
    """Something a person without an account asked us to list.

    Saved before any e-mail is sent. The page is a draft until the submitter
    confirms their address; only then does it enter the moderation workflow.
    """

    class Kind(models.TextChoices):
        EVENT = "event", _("Event")
        GROUP = "group", _("Group")

    class Outcome(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the e-mail address to be confirmed")
        IN_MODERATION = "in_moderation", _("Waiting for a moderator")
        APPROVED = "approved", _("Published")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    page = models.ForeignKey(
        Page,
        verbose_name=_("draft page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("submitter's name"), max_length=100)
    language = models.CharField(
        _("language"),
        max_length=15,
        blank=True,
        help_text=_("The language the form was filled in, for the e-mails to the submitter."),
    )
    email = models.EmailField(_("submitter's e-mail"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("address confirmed"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.UNCONFIRMED
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("public submission")
        verbose_name_plural = _("public submissions")

    def __str__(self):
        title = self.page.title if self.page_id else _("(page deleted)")
        return f"{self.get_kind_display()}: {title} from {self.name}"


class QueuedMail(models.Model):
    """An e-mail, stored before it is sent so that nothing is lost when the mail
    server is down; moderation/mail.py sends it and retries what failed."""

    # With the delays of moderation.mail.retry_delay, about a day of trying.
    MAX_ATTEMPTS = 12

    # Every recipient (To, Cc, Bcc), comma-separated; the message itself is
    # rebuilt from ``extra``.
    to = models.TextField()
    from_email = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # To, Cc, Bcc, Reply-To, headers, HTML alternatives and attachments.
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Not tried again before this (a growing delay after each failure).
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Being sent by one process until then; no other may take it meanwhile.
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("queued e-mail")
        verbose_name_plural = _("queued e-mails")

    def __str__(self):
        return f"{self.subject} → {self.to}"


class AlertBanner(models.Model):
    """A site-wide notice shown at the top of every page between its start and end."""

    class Level(models.TextChoices):
        INFORMATION = "information", _("Information")
        WARNING = "warning", _("Warning")
        EMERGENCY = "emergency", _("Emergency")

    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.INFORMATION
    )
    title = models.CharField(_("headline"), max_length=120)
    message = models.TextField(
        _("message"), max_length=600, blank=True, help_text=_("Plain text, a sentence or two.")
    )
    link_url = models.URLField(_("link for more information"), blank=True)
    starts_at = models.DateTimeField(_("show from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("show until"), null=True, blank=True, help_text=_("Leave empty to show until removed.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("level"),
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("link_url"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("When")),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("alert banner")
        verbose_name_plural = _("alert banners")

    def __str__(self):
        return f"{self.get_level_display()}: {self.title}"

    def is_showing(self, now=None):
        now = now or timezone.now()
        return self.starts_at <= now and (self.ends_at is None or self.ends_at > now)

    @property
    def dismiss_key(self):
        """Changes when the alert is edited, so an updated alert shows again."""
        return f"{self.pk}-{int(self.updated_at.timestamp() * 1000)}"


@register_setting(icon="history")
class ReviewSettings(BaseSiteSetting):
    review_after_months = models.PositiveSmallIntegerField(
        _("review pages after (months)"),
        default=12,
        help_text=_("Pages not updated for this long are listed for their group and moderators."),
    )

    class Meta:
        verbose_name = _("review period")
