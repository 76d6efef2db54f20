"""Send e-mail that could not be sent at the time (the mail server was down).

The scheduler runs ``send_pending_mail --due`` every minute (docs/operations.md);
by hand, without ``--due``, it tries everything unsent now.
"""

from django.core.management.base import BaseCommand

from moderation.mail import send_pending


class Command(BaseCommand):
    help = "Retry queued e-mails not yet sent (all of them now, or only those due with --due)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--due",
            action="store_true",
            help="Only those whose delay after their last failure is over.",
        )
        parser.add_argument(
            "--include-given-up",
            action="store_true",
            help="Also those that failed too often to be retried automatically.",
        )

    def handle(self, *args, due=False, include_given_up=False, **options):
        sent, failed = send_pending(due_only=due, include_given_up=include_given_up)
        if options["verbosity"]:
            self.stdout.write(f"Sent {sent} e-mail(s); {failed} still failing.")
