"""Roll every live event's occurrences forward to the horizon. Run daily (cron)."""

from django.core.management.base import BaseCommand

from events.models import EventPage
from events.occurrences import write_occurrences


class Command(BaseCommand):
    help = "Rewrite the occurrences of live recurring events up to the horizon (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Rewrite one-off events too, not only recurring ones.",
        )

    def handle(self, *args, all=False, verbosity=1, **options):
        events = EventPage.objects.live().prefetch_related("occurrence_changes")
        if not all:
            events = events.exclude(recurrence="")
        count = 0
        for event in events.iterator(chunk_size=200):
            write_occurrences(event)
            count += 1
        if verbosity:
            self.stdout.write(f"Rewrote the occurrences of {count} events.")
