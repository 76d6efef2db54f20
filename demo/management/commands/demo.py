"""Build the whole demo: every section in demo/sections.py, in order.

    manage.py demo
    manage.py demo --scale 40   # the town forty times over (fresh database), for benchmarks

``make demo`` and ``make run`` call this. Idempotent: run it as often as you
like. Each section can also be built alone (``demo_content``,
``demo_governance``, ``demo_translations``).
"""

from django.core.management.base import BaseCommand

from demo.sections import build_all


class Command(BaseCommand):
    help = "Build the demo town, its governance, its translations and every other demo section."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply the town's groups, venues, events and news by N (40 gives "
            "1,000 groups), in every language. Needs a database without groups.",
        )

    def handle(self, *args, scale, **options):
        build_all(self.stdout, scale=scale)
