"""Every e-mail the site sends goes through one queue.

``EMAIL_BACKEND`` is :class:`QueuedEmailBackend`, so whatever sends mail
(our own messages through :func:`queue_mail`, Wagtail's moderation
notifications, password resets, anything calling Django's ``send_mail``)
stores a :class:`~moderation.models.QueuedMail` row instead of talking to the
mail server inside the request. Once the transaction commits, a background
task (django-tasks; the worker, ``manage.py db_worker``) hands it to the real
transport, ``EMAIL_TRANSPORT`` (SMTP in production). A failure is kept with a
growing delay before the next attempt; the scheduler's mail job retries what
is due (``manage.py send_pending_mail``), so nothing is lost while mail is down.
With the database task backend the worker also schedules each retry itself,
at the time it is due.

A message is claimed before it is sent (a conditional update, which works the
same on SQLite and PostgreSQL), so two workers, or a worker and the retry,
never send it twice. A process killed after the mail server accepted a message
but before it was marked sent would send it again once its claim lapses: the
Message-ID, fixed when it is queued, lets a mail server drop that duplicate.
"""

import base64
import logging
from datetime import timedelta
from email.utils import make_msgid, parseaddr
from functools import partial

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from home.sites import site_name

from .models import QueuedMail

logger = logging.getLogger(__name__)

# How long a sender may hold a message before another may try it: longer than
# any SMTP conversation (EMAIL_TIMEOUT) can take.
CLAIM = timedelta(minutes=5)


MAX_DELAY = timedelta(hours=6)


def retry_delay(attempts):
    """Wait after the ``attempts``-th failure: doubling from MAIL_RETRY_SECONDS
    (1, 2, 4 … minutes by default), at most 6 hours."""
    seconds = settings.MAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return min(timedelta(seconds=seconds), MAX_DELAY)


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def queue_mail(to, template, context):
    """Queue an e-mail to ``to`` rendered from ``moderation/mail/<template>.txt``
    (first line the subject); it is sent once the current transaction commits."""
    subject, _, body = render_to_string(f"moderation/mail/{template}.txt", context).partition("\n")
    return queue_message(EmailMultiAlternatives(subject.strip(), body.strip(), to=[to]))


def _message_id():
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return make_msgid(domain=domain)


def queue_message(message):
    """Store a Django ``EmailMessage`` in the queue and send it after commit."""
    headers = dict(message.extra_headers)
    headers.setdefault("Message-ID", _message_id())
    recipients = [*message.to, *message.cc, *message.bcc]
    extra = {
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": headers,
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [_attachment(item) for item in message.attachments],
    }
    mail = QueuedMail.objects.create(
        to=", ".join(recipients),
        from_email=message.from_email or "",
        subject=str(message.subject).replace("\n", " ").strip()[:200],
        body=message.body,
        extra=extra,
    )
    transaction.on_commit(partial(_enqueue, mail.pk))
    return mail


def _attachment(item):
    if not isinstance(item, tuple | list):
        raise ValueError("Queued e-mail takes attachments as (filename, content, mimetype).")
    filename, content, mimetype = item
    if isinstance(content, str):
        content = content.encode()
    return [filename, base64.b64encode(content).decode("ascii"), mimetype]


def _enqueue(pk):
    try:
        deliver_queued_mail.enqueue(pk)
    except Exception:  # noqa: BLE001 - the scheduler's retry picks it up
        logger.exception("Could not enqueue e-mail %s; it waits for the retry", pk)


def as_message(mail, connection=None):
    """The Django message a queued row stands for."""
    extra = mail.extra or {}
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email or settings.DEFAULT_FROM_EMAIL,
        to=extra.get("to", [mail.to] if mail.to else []),
        cc=extra.get("cc", []),
        bcc=extra.get("bcc", []),
        reply_to=extra.get("reply_to", []),
        headers=extra.get("headers", {}),
        connection=connection,
    )
    for content, mimetype in extra.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in extra.get("attachments", []):
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def transmit(message):
    """Hand one message to the real mail transport (EMAIL_TRANSPORT)."""
    connection = get_connection(settings.EMAIL_TRANSPORT)
    message.connection = connection
    return message.send()


def _claim(pk):
    """Take the message for this process, or None if it is sent or another has it."""
    now = timezone.now()
    claimed = QueuedMail.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        pk=pk,
        sent_at__isnull=True,
    ).update(claimed_until=now + CLAIM, attempts=F("attempts") + 1)
    return QueuedMail.objects.filter(pk=pk).first() if claimed else None


def deliver(pk):
    """Send one queued e-mail; on failure record it and leave it for the retry.
    True if this call sent it."""
    return _deliver(pk)[0]


def _deliver(pk):
    """(sent, when to try again: None if sent, given up, or not ours to send)."""
    mail = _claim(pk)
    if mail is None:
        return False, None
    try:
        transmit(as_message(mail))
    except Exception as error:  # noqa: BLE001 - any mail failure is retried later
        given_up = mail.attempts >= QueuedMail.MAX_ATTEMPTS
        # Never the address: residents' e-mail addresses stay out of the logs.
        log = logger.error if given_up else logger.warning
        log(
            "E-mail %s not sent (attempt %s%s): %s",
            pk,
            mail.attempts,
            ", giving up" if given_up else "",
            error,
        )
        retry_at = timezone.now() + retry_delay(mail.attempts)
        QueuedMail.objects.filter(pk=pk).update(
            last_error=str(error)[:1000], next_attempt_at=retry_at, claimed_until=None
        )
        return False, None if given_up else retry_at
    QueuedMail.objects.filter(pk=pk).update(
        sent_at=timezone.now(), last_error="", claimed_until=None
    )
    return True, None


@task()
def deliver_queued_mail(pk):
    """Background task: send one queued e-mail, and if that fails, come back
    when the retry is due (where the backend can run a task later)."""
    sent, retry_at = _deliver(pk)
    if retry_at is not None and deliver_queued_mail.get_backend().supports_defer:
        deliver_queued_mail.using(run_after=retry_at).enqueue(pk)
    return sent


def send_pending(due_only=False, include_given_up=False):
    """Try every unsent e-mail again; returns (sent, still failing).

    ``due_only``: only those whose delay after the last failure is over (the
    scheduler's job); by hand, everything not yet given up is tried now.
    """
    pending = QueuedMail.objects.filter(sent_at__isnull=True)
    if not include_given_up:
        pending = pending.filter(attempts__lt=QueuedMail.MAX_ATTEMPTS)
    if due_only:
        pending = pending.filter(next_attempt_at__lte=timezone.now())
    results = [deliver(pk) for pk in list(pending.values_list("pk", flat=True))]
    return results.count(True), results.count(False)


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND: queues each message (see the module's docstring)."""

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                queue_message(message)
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("Could not queue an e-mail")
            else:
                count += 1
        return count


def invite(user, group_name):
    """Invite a volunteer: a link to set their own password, never a password."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    return queue_mail(
        user.email,
        "invitation",
        {
            "user": user,
            "group_name": group_name,
            "set_password_url": absolute(path),
            "login_url": absolute(reverse("wagtailadmin_login")),
            "site_name": site_name(),
        },
    )
