"""Delete sent e-mails after a while: they hold residents' addresses, and once
delivered the copy serves nothing. Run daily by the scheduler."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from moderation.models import QueuedMail


class Command(BaseCommand):
    help = "Delete queued e-mails sent more than SENT_MAIL_RETENTION_DAYS ago."

    def handle(self, *args, **options):
        days = settings.SENT_MAIL_RETENTION_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        deleted, _ = QueuedMail.objects.filter(sent_at__lt=cutoff).delete()
        if options["verbosity"]:
            self.stdout.write(f"Deleted {deleted} e-mail(s) sent more than {days} days ago.")
