"""Send e-mail that could not be sent at the time (the mail server was down).

Run it every few minutes from cron, e.g.
    */10 * * * *  cd /srv/noticeboard && .venv/bin/python manage.py send_pending_mail
"""

from django.core.management.base import BaseCommand

from moderation.mail import send_pending


class Command(BaseCommand):
    help = "Retry queued e-mails (submission confirmations, outcomes, invitations) not yet sent."

    def handle(self, *args, **options):
        sent, failed = send_pending()
        if options["verbosity"]:
            self.stdout.write(f"Sent {sent} e-mail(s); {failed} still failing.")
