"""The "Translations to do" report: per language, the English pages whose
translation is missing or older than the English page.

A translation is out of date when the English page was published after the
translation was last synchronised with it: for wagtail-localize translations,
after the source was last extracted (TranslationSource.last_updated_at);
for pages translated by hand, after the translation's latest revision.
Untranslated copies (aliases) count as missing. Three queries in all.
"""

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

MISSING = "missing"
OUT_OF_DATE = "out of date"


@dataclass
class ToDo:
    page: Page
    language: str
    status: str
    translation: Page | None = None
    source_id: int | None = None


def translations_to_do(languages):
    """[ToDo, …] for the given language codes, in tree order per language."""
    default = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    locales = {
        locale.pk: locale.language_code
        for locale in Locale.objects.filter(language_code__in=languages)
    }
    english = list(
        Page.objects.filter(locale=default, depth__gt=1)
        .live()
        .order_by("path")
        .specific(defer=True)
    )
    translations = {}
    for page in Page.objects.filter(locale_id__in=locales, alias_of__isnull=True, depth__gt=1):
        translations[(page.translation_key, locales[page.locale_id])] = page
    synced = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            locale=default, object_id__in=[page.translation_key for page in english]
        )
    }
    rows = []
    for code in languages:
        if code not in locales.values():
            continue
        for page in english:
            translation = translations.get((page.translation_key, code))
            if translation is None:
                rows.append(ToDo(page, code, MISSING))
                continue
            source = synced.get(page.translation_key)
            last_sync = (
                source.last_updated_at
                if source is not None
                else translation.latest_revision_created_at
            )
            changed = page.last_published_at or page.latest_revision_created_at
            if changed and last_sync and changed > last_sync:
                rows.append(
                    ToDo(
                        page,
                        code,
                        OUT_OF_DATE,
                        translation,
                        source.pk if source is not None else None,
                    )
                )
    return rows
