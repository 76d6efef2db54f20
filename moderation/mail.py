"""E-mail that must not be lost: stored first, sent after the transaction
commits, retried by ``manage.py send_pending_mail`` when the server failed."""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from home.sites import site_name

from .models import QueuedMail

logger = logging.getLogger(__name__)


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def queue_mail(to, template, context):
    """Store an e-mail rendered from ``moderation/mail/<template>.txt`` (first
    line the subject) and send it once the current transaction commits."""
    subject, _, body = render_to_string(f"moderation/mail/{template}.txt", context).partition("\n")
    mail = QueuedMail.objects.create(to=to, subject=subject.strip()[:200], body=body.strip())
    transaction.on_commit(partial(deliver, mail.pk))
    return mail


def deliver(pk):
    """Send one queued e-mail; on failure log it and leave it for the retry."""
    mail = QueuedMail.objects.filter(pk=pk, sent_at__isnull=True).first()
    if mail is None:
        return False
    QueuedMail.objects.filter(pk=pk).update(attempts=F("attempts") + 1)
    try:
        send_mail(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to])
    except Exception as error:  # noqa: BLE001 - any mail failure is retried later
        logger.warning("Could not send e-mail %s to %s: %s", pk, mail.to, error)
        QueuedMail.objects.filter(pk=pk).update(last_error=str(error)[:1000])
        return False
    QueuedMail.objects.filter(pk=pk).update(sent_at=timezone.now(), last_error="")
    return True


def send_pending():
    """Retry every unsent e-mail that has not used up its attempts."""
    pending = QueuedMail.objects.filter(
        sent_at__isnull=True, attempts__lt=QueuedMail.MAX_ATTEMPTS
    ).values_list("pk", flat=True)
    results = [deliver(pk) for pk in list(pending)]
    return results.count(True), results.count(False)


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
