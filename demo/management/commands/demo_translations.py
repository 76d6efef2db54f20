"""Translate key demo pages and add translator logins (demo/translations.py)."""

from django.core.management.base import BaseCommand

from demo.translations import build_translations


class Command(BaseCommand):
    help = "Translate key demo pages into cy, pl and ur and add translator logins (idempotent)."

    def handle(self, *args, **options):
        build_translations(self.stdout)
