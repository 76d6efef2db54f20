from django.core.management.base import BaseCommand

from translations.locales import SYNC_BATCH_SIZE, locale_home, sync_locales


class Command(BaseCommand):
    help = (
        "Create a locale for every language in NOTICEBOARD_LANGUAGES, synchronise its page "
        "tree from English (untranslated pages appear as aliases), and create its "
        "Translators group. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=SYNC_BATCH_SIZE,
            help="Pages copied per transaction; a stopped run keeps its batches "
            "and the next one carries on.",
        )

    def handle(self, *args, batch_size, verbosity, **options):
        def progress(code, done, total):
            if verbosity > 1 or (verbosity and done == total):
                self.stdout.write(f"{code}: {done} of {total} pages copied")

        locales, groups = sync_locales(batch_size=max(1, batch_size), progress=progress)
        for code, locale in locales.items():
            home = locale_home(locale)
            pages = home.get_descendants(inclusive=True).count() if home else 0
            group = groups.get(code)
            self.stdout.write(
                f"{code}: {pages} pages" + (f", group {group.name!r}" if group else "")
            )
