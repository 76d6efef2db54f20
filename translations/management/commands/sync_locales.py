from django.core.management.base import BaseCommand

from translations.locales import locale_home, sync_locales


class Command(BaseCommand):
    help = (
        "Create a locale for every language in NOTICEBOARD_LANGUAGES, synchronise its page "
        "tree from English (untranslated pages appear as aliases), and create its "
        "Translators group. Safe to run again."
    )

    def handle(self, *args, **options):
        locales, groups = sync_locales()
        for code, locale in locales.items():
            home = locale_home(locale)
            pages = home.get_descendants(inclusive=True).count() if home else 0
            group = groups.get(code)
            self.stdout.write(
                f"{code}: {pages} pages" + (f", group {group.name!r}" if group else "")
            )
