"""Delete public suggestions whose e-mail address was never confirmed.

A confirmation link works for NOTICEBOARD_CONFIRMATION_DAYS (7 by default);
after that the suggestion and its draft page are deleted. Run it daily.
"""

from django.core.management.base import BaseCommand

from moderation.submissions import purge_unconfirmed


class Command(BaseCommand):
    help = "Delete unconfirmed public suggestions and their draft pages, once their link expired."

    def handle(self, *args, **options):
        count = purge_unconfirmed()
        if options["verbosity"]:
            self.stdout.write(f"Deleted {count} unconfirmed suggestion(s).")
