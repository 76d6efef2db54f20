"""Restore a backup made by ``manage.py backup`` and check it against its manifest."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database and the media from FOLDER (made by manage.py backup)."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already has content.",
        )

    def handle(self, *args, folder, force=False, **options):
        try:
            problems = restore(folder, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if problems:
            raise CommandError("Restored, but it differs from the backup:\n" + "\n".join(problems))
        self.stdout.write(f"Restored {folder}; every table and media file matches the backup.")
