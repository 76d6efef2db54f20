"""Import every group's own calendars (GroupPage → calendars to import). Run hourly or so."""

from django.core.management.base import BaseCommand

from events.importer import import_feed
from events.models import CalendarFeed


class Command(BaseCommand):
    help = "Fetch each group's calendar feeds and create, update or cancel their events."

    def add_arguments(self, parser):
        parser.add_argument("--group", help="Only the group with this slug.")

    def handle(self, *args, group=None, verbosity=1, **options):
        feeds = CalendarFeed.objects.select_related("group").filter(group__live=True)
        if group:
            feeds = feeds.filter(group__slug=group)
        failures = 0
        for feed in feeds.order_by("group__title", "sort_order"):
            outcome, error = import_feed(feed.group, feed.url)
            if error and outcome is None:
                failures += 1
                self.stderr.write(f"{feed.group.title}: {feed.url}: {error}")
            elif verbosity:
                self.stdout.write(
                    f"{feed.group.title}: {outcome.created} new, {outcome.updated} changed, "
                    f"{outcome.cancelled} cancelled, {outcome.unchanged} unchanged"
                )
        if verbosity:
            self.stdout.write(f"Done; {failures} feed(s) failed.")
