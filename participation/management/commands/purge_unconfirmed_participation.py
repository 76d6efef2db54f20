"""Delete Have your say answers and groups' conclusions never confirmed.

    manage.py purge_unconfirmed_participation

A confirmation link works for NOTICEBOARD_CONFIRMATION_DAYS (7 by default);
after that the unconfirmed answer, or the conclusion with the photo or
document sent with it, is deleted. The scheduler runs it daily.
"""

from django.core.management.base import BaseCommand

from participation.services import purge_unconfirmed


class Command(BaseCommand):
    help = "Delete unconfirmed answers and group conclusions, and their files, once links expired."

    def handle(self, *args, **options):
        answers, contributions = purge_unconfirmed()
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {answers} unconfirmed answer(s) and {contributions} conclusion(s)."
            )
