"""Public submissions: forms for people without an account.

The life of a submission: the form creates a draft page and a
PublicSubmission (saved, committed) and then queues a confirmation e-mail.
The submitter's link confirms the address and only then starts the Community
moderation workflow, so unconfirmed suggestions never reach the queue. When a
moderator approves or asks for changes, the submitter is told (signals.py).
"""

import datetime
import re

from django import forms
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from events.models import EventIndexPage, EventPage
from groups.models import GroupIndexPage, GroupPage
from home.sites import default_site, site_name

from .mail import absolute, queue_mail
from .models import PublicSubmission

HONEYPOT_FIELD = "fax_number"


def plain_text_html(text):
    """Visitor text as rich text Wagtail's editor opens: every line its own
    paragraph of escaped text, no ``<br>`` and no markup of theirs."""
    lines = (line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "".join(f"<p>{escape(line)}</p>" for line in lines if line)


class SubmitterForm(forms.Form):
    your_name = forms.CharField(label=_("Your name"), max_length=100)
    your_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send you a link to confirm it. It is never shown on the site."),
    )
    # A field people never see (hidden by CSS and from screen readers): robots fill it in.
    fax_number = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class SuggestEventForm(SubmitterForm):
    group = forms.ModelChoiceField(
        label=_("Which group runs it?"),
        queryset=GroupPage.objects.none(),
        required=False,
        empty_label=_("The group is not listed / no group"),
    )
    title = forms.CharField(label=_("Name of the event"), max_length=120)
    summary = forms.CharField(
        label=_("What will happen, in one line"), max_length=160, widget=forms.TextInput
    )
    start = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Date and time, UK time."),
    )
    end = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    where = forms.CharField(
        label=_("Where"), max_length=300, help_text=_("The place and its address, or “online”.")
    )
    cost = forms.CharField(
        label=_("Cost"), max_length=100, required=False, help_text=_("Leave empty if it is free.")
    )
    description = forms.CharField(
        label=_("More about it"), max_length=2000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        groups = GroupPage.objects.live().public().order_by("title")
        if locale is not None:
            groups = groups.filter(locale=locale)
        self.fields["group"].queryset = groups.only("id", "title")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        if start and start < timezone.now() - datetime.timedelta(days=1):
            self.add_error("start", _("The event must be in the future."))
        return data


class GetListedForm(SubmitterForm):
    title = forms.CharField(label=_("Name of the group"), max_length=120)
    summary = forms.CharField(label=_("What the group does, in one line"), max_length=160)
    meeting_times = forms.CharField(label=_("When you meet"), max_length=200, required=False)
    where = forms.CharField(label=_("Where you meet"), max_length=300, required=False)
    contact_email = forms.EmailField(
        label=_("Public contact e-mail for the group"), required=False, max_length=254
    )
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    description = forms.CharField(
        label=_("More about the group"), max_length=2000, required=False, widget=forms.Textarea
    )


def current_locale():
    try:
        return Locale.get_active()
    except (Locale.DoesNotExist, LookupError):
        return Locale.get_default()


def _description(data):
    parts = [data.get("description", "")]
    if data.get("where"):
        parts.append(f"Where: {data['where']}")
    return "".join(plain_text_html(part) for part in parts if part)


@transaction.atomic
def create_event_submission(data):
    parent = data.get("group") or EventIndexPage.objects.filter(locale=current_locale()).first()
    cost = data.get("cost", "").strip()
    page = EventPage(
        title=data["title"],
        summary=data["summary"],
        start=data["start"],
        end=data["end"],
        is_free=not cost,
        price=cost,
        description=_description(data),
        live=False,
    )
    parent.add_child(instance=page)
    return _record(PublicSubmission.Kind.EVENT, page, data)


@transaction.atomic
def create_group_submission(data):
    parent = GroupIndexPage.objects.filter(locale=current_locale()).first()
    page = GroupPage(
        title=data["title"],
        summary=data["summary"],
        meeting_times=data.get("meeting_times", ""),
        contact_email=data.get("contact_email", ""),
        website=data.get("website", ""),
        description=_description(data),
        kind=GroupPage.Kind.INFORMAL,
        live=False,
    )
    parent.add_child(instance=page)
    return _record(PublicSubmission.Kind.GROUP, page, data)


def _record(kind, page, data):
    page.save_revision(log_action=True)
    submission = PublicSubmission.objects.create(
        kind=kind,
        page=page,
        name=data["your_name"],
        email=data["your_email"],
        language=translation.get_language() or "",
    )
    # Stored with the submission; sent only after both are committed.
    queue_mail(
        submission.email,
        "confirm_submission",
        {
            "submission": submission,
            "title": page.title,
            "confirm_url": absolute(reverse("moderation:confirm", args=[submission.token])),
            "site_name": site_name(),
        },
    )
    return submission


TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def confirmation_days():
    return settings.NOTICEBOARD_CONFIRMATION_DAYS


def find_by_token(token):
    """The submission a confirmation link names, or None: a token that could
    not have been issued (NUL bytes, kilobytes long, non-ASCII) is never
    looked up."""
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        return None
    return PublicSubmission.objects.select_related("page").filter(token=token).first()


def link_expired(submission, now=None):
    """Unconfirmed and older than the confirmation period."""
    now = now or timezone.now()
    age = now - submission.created_at
    return submission.confirmed_at is None and age > datetime.timedelta(days=confirmation_days())


def unconfirmed_expired(now=None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=confirmation_days())
    return PublicSubmission.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)


@transaction.atomic
def purge_unconfirmed(now=None):
    """Delete suggestions whose address was never confirmed within the
    period, with their draft pages (never live, never moderated). Returns
    how many were deleted."""
    count = 0
    # Locks the suggestions only: their page may be gone (an outer join).
    for submission in (
        unconfirmed_expired(now).select_related("page").select_for_update(of=("self",))
    ):
        page = submission.page
        if page is not None and not page.live and page.first_published_at is None:
            page.delete()
        submission.delete()
        count += 1
    return count


@transaction.atomic
def confirm(submission):
    """Confirm the address and put the draft in the moderation queue (once)."""
    submission = PublicSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.confirmed_at is not None or submission.page is None:
        return submission
    submission.confirmed_at = timezone.now()
    submission.outcome = PublicSubmission.Outcome.IN_MODERATION
    submission.save(update_fields=["confirmed_at", "outcome"])
    page = submission.page.specific
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, user=None)
    return submission


def default_site_settings():
    from home.models import SiteSettings

    site = default_site()
    return SiteSettings.for_site(site) if site else None


def tell_outcome(submission, outcome, comment=""):
    submission.outcome = outcome
    submission.decided_at = timezone.now()
    submission.save(update_fields=["outcome", "decided_at"])
    page = submission.page.specific if submission.page_id else None
    site_settings = default_site_settings()
    context = {
        "submission": submission,
        "title": page.title if page else "",
        "page_url": page.get_full_url() if page else "",
        "comment": comment,
        "contact_email": getattr(site_settings, "contact_email", ""),
        "site_name": site_name(),
    }
    template = (
        "outcome_approved" if outcome == PublicSubmission.Outcome.APPROVED else "outcome_changes"
    )
    # In the language the submitter wrote in, whatever the moderator's.
    with translation.override(submission.language or settings.LANGUAGE_CODE):
        queue_mail(submission.email, template, context)
