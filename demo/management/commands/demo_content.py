"""Build the demo town and the demo administrator (demo/content.py).

manage.py demo_content             # the town: 25 groups, 66 events, 30 news items
manage.py demo_content --scale 40  # forty times as much, for benchmarks (fresh database)
"""

from django.core.management.base import BaseCommand

from demo.content import DEFAULT_SEED, build_content


class Command(BaseCommand):
    help = (
        "Build the Ashby Moor demo town (areas, topics, venues, groups, events, news, "
        "images) and a demo administrator, unless the site already has groups."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply groups, venues, events and news by N for benchmarks "
            "(40 gives 1,000 groups). Needs a database without groups.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Seed for the pictures (same seed, same town).",
        )
        parser.add_argument(
            "--skip-index",
            action="store_true",
            help="Don't build the search index (for benchmarks; run update_index later).",
        )

    def handle(self, *args, scale, seed, skip_index, verbosity, **options):
        build_content(
            self.stdout, scale=scale, seed=seed, skip_index=skip_index, verbosity=verbosity
        )
