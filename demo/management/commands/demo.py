"""Build the whole demo: every section in demo/sections.py, in order.

    manage.py demo

``make demo`` and ``make run`` call this. Idempotent: run it as often as you
like. Each section can also be built alone (``demo_content``,
``demo_governance``, ``demo_translations``).
"""

from django.core.management.base import BaseCommand

from demo.sections import build_all


class Command(BaseCommand):
    help = "Build the demo town, its governance, its translations and every other demo section."

    def handle(self, *args, **options):
        build_all(self.stdout)
