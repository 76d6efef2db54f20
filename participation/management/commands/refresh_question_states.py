"""Purge the cached pages when a question opened, closed or became overdue.

    manage.py refresh_question_states

A question's state comes from the clock, so nothing is saved when it changes;
without this, a cached page could show it open for a few minutes after it
closed. The scheduler runs it every minute (operations/scheduler.py).
"""

from django.core.management.base import BaseCommand

from participation.services import refresh_changed_states


class Command(BaseCommand):
    help = "Purge the page cache if a question opened, closed or became overdue since the last run."

    def handle(self, *args, **options):
        changed = refresh_changed_states()
        if options["verbosity"]:
            self.stdout.write("Page cache purged." if changed else "No question changed state.")
