"""Add the demo's moderators, volunteers, moderation queue and alert (demo/governance.py)."""

from django.core.management.base import BaseCommand

from demo.governance import build_governance


class Command(BaseCommand):
    help = "Add demo moderators, volunteers, a moderation queue and an alert (idempotent)."

    def handle(self, *args, **options):
        build_governance(self.stdout)
