"""What the public forms and the reply set in motion.

Every record is saved before any e-mail is sent (moderation/mail.py stores
each e-mail and sends it once the transaction commits). A confirmation link
only confirms on POST, so a mail scanner opening it confirms nothing.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page

from home.i18n import active_language
from home.pagecache import purge_frontend
from moderation.mail import absolute, queue_mail
from moderation.submissions import TOKEN_PATTERN, confirmation_days

from .media import store_attachment
from .models import (
    Answer,
    ContributionConclusion,
    GroupContribution,
    QuestionPage,
    ReplyPublication,
    canonical,
)
from .signals import content_changed


def link_expired(record):
    """Unconfirmed and older than the site's confirmation period
    (NOTICEBOARD_CONFIRMATION_DAYS, as for public suggestions)."""
    cutoff = timezone.now() - datetime.timedelta(days=confirmation_days())
    return record.confirmed_at is None and record.created_at < cutoff


def find_by_token(model, token):
    """The answer or contribution a confirmation link names, or None: a token
    that could not have been issued is never looked up."""
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        return None
    return model.objects.select_related("question").filter(token=token).first()


@transaction.atomic
def create_answer(question, form):
    answer = Answer.objects.create(
        question=canonical(question),
        language=active_language(),
        email=form.cleaned_data["your_email"].strip().lower(),
        area=form.cleaned_data.get("area"),
        responses=form.responses(),
        consent_to_publish=form.cleaned_data.get("consent_to_publish", False),
        hear_back=form.cleaned_data.get("hear_back", False),
    )
    queue_mail(
        answer.email,
        "have_your_say_confirm_answer",
        {
            "title": question.title,
            "confirm_url": absolute(reverse("participation:confirm_answer", args=[answer.token])),
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    return answer


@transaction.atomic
def confirm_answer(answer):
    """Count the answer. If this address already answered the question, the
    new answer replaces the old one (whose excerpt, if shown, goes too: new
    words wait for a moderator again). Returns the answer that now counts."""
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    if answer.confirmed_at is not None:
        return answer
    Answer.objects.filter(
        question=answer.question, email=answer.email, confirmed_at__isnull=False
    ).delete()
    answer.confirmed_at = timezone.now()
    answer.save(update_fields=["confirmed_at"])
    content_changed()  # the question page's figures
    return answer


def _add_conclusions(contribution, form):
    for prompt in form.prompts:
        text = form.cleaned_data.get(f"prompt_{prompt.pk}", "").strip()
        if text:
            ContributionConclusion.objects.create(
                contribution=contribution, prompt=prompt, prompt_text=prompt.text, text=text
            )


@transaction.atomic
def create_public_contribution(question, form):
    data = form.cleaned_data
    contribution = GroupContribution.objects.create(
        question=canonical(question),
        group_name=data["group_name"].strip(),
        where_link=data.get("where_link", ""),
        where_in_person=data.get("where_in_person", "").strip(),
        held_on=data["held_on"],
        participants=data["participants"],
        disagreements=data.get("disagreements", "").strip(),
        language=active_language(),
        contact_name=data["your_name"].strip(),
        email=data["your_email"].strip().lower(),
        hear_back=data.get("hear_back", False),
        live=False,
    )
    if data.get("attachment"):
        title = f"{contribution.group_name}: {question.title}"
        record = store_attachment(data["attachment"], form.attachment_kind, title)
        field = "image" if form.attachment_kind == "image" else "document"
        setattr(contribution, field, record)
        contribution.save(update_fields=[field])
    _add_conclusions(contribution, form)
    contribution.save_revision(log_action=True)
    queue_mail(
        contribution.email,
        "have_your_say_confirm_contribution",
        {
            "contribution": contribution,
            "title": question.title,
            "confirm_url": absolute(
                reverse("participation:confirm_contribution", args=[contribution.token])
            ),
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    return contribution


@transaction.atomic
def confirm_contribution(contribution):
    """Confirm the address and put the contribution in the moderation queue (once)."""
    contribution = GroupContribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.confirmed_at is not None:
        return contribution
    contribution.confirmed_at = timezone.now()
    contribution.save(update_fields=["confirmed_at"])
    submit_for_moderation(contribution, user=None)
    return contribution


@transaction.atomic
def purge_unconfirmed(now=None):
    """Delete answers and group contributions whose address was never
    confirmed within the confirmation period, with the files a group sent
    (never approved, never shown: signals.py deletes them with their
    contribution). Returns (answers, contributions) deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=confirmation_days())
    answers, _by_model = Answer.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    contributions = 0
    for contribution in (
        GroupContribution.objects.filter(
            confirmed_at__isnull=True,
            created_at__lt=cutoff,
            first_published_at__isnull=True,
        )
        # Only the public form's: an editor's conclusion from the admin has no contact address.
        .exclude(email="")
        .select_related("image__collection", "document__collection")
        .select_for_update(of=("self",))
    ):
        contribution.delete()
        contributions += 1
    return answers, contributions


def submit_for_moderation(contribution, user):
    workflow = contribution.get_workflow()
    if workflow is not None and not contribution.workflow_in_progress:
        if contribution.latest_revision is None:
            contribution.save_revision(user=user)
        workflow.start(contribution, user=user)


def page_in_language(page, language):
    """The question in ``language`` if it is published there, else in English."""
    version = (
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )
    return version or page


@transaction.atomic
def tell_participants_of_reply(question):
    """Once per question, when its reply is first published: e-mail everyone
    who answered or contributed and asked to hear back, in their language."""
    source = canonical(question)
    publication, created = ReplyPublication.objects.get_or_create(
        translation_key=source.translation_key, defaults={"question": source}
    )
    if not created:
        return 0
    now = timezone.now()
    sent = 0
    answers = Answer.objects.filter(
        question=source, confirmed_at__isnull=False, hear_back=True, told_of_reply_at__isnull=True
    )
    contributions = GroupContribution.objects.filter(
        question=source, live=True, hear_back=True, told_of_reply_at__isnull=True
    ).select_related("submitted_by")
    for record, address in [(a, a.email) for a in answers] + [
        (c, c.reply_address()) for c in contributions
    ]:
        if not address:
            continue
        language = record.language or settings.LANGUAGE_CODE
        version = page_in_language(source, language)
        with translation.override(language):
            queue_mail(
                address,
                "have_your_say_reply",
                {
                    "title": version.title,
                    "page_url": version.get_full_url(),
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            )
        type(record).objects.filter(pk=record.pk).update(told_of_reply_at=now)
        sent += 1
    return sent


STATES_CHECKED_KEY = "participation:states-checked-at"


def states_changed_between(start, end):
    """The published questions that opened, closed or became overdue in (start, end]."""
    start_day, end_day = timezone.localdate(start), timezone.localdate(end)
    return list(
        QuestionPage.objects.live().filter(
            Q(opens_at__gt=start, opens_at__lte=end)
            | Q(closes_at__gt=start, closes_at__lte=end)
            | Q(reply_by__gte=start_day, reply_by__lt=end_day)
        )
    )


def refresh_changed_states(now=None):
    """A question's state follows the clock, and nothing is saved when it
    opens or closes: if one did since the last check, the cached pages and
    sections that show it are stale (content_changed), and so is what a CDN
    keeps of it. Run every minute by the scheduler; the first check, or one
    after the cache was emptied, purges anyway. Returns True if it purged."""
    now = now or timezone.now()
    last = cache.get(STATES_CHECKED_KEY)
    changed = None if last is None else states_changed_between(last, now)
    if changed is None or changed:
        content_changed()
        purge_frontend(changed or [])
    cache.set(STATES_CHECKED_KEY, now, timeout=None)
    return changed is None or bool(changed)
