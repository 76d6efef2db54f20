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
    # Base pages with the few columns the report reads: no per-type queries.
    english = list(
        Page.objects.filter(locale=default, depth__gt=1)
        .live()
        .order_by("path")
        .only(
            "pk",
            "title",
            "draft_title",
            "translation_key",
            "last_published_at",
            "latest_revision_created_at",
            "path",
            "depth",
        )  # fmt: skip
    )
    translations = {}
    for page in Page.objects.filter(locale_id__in=locales, alias_of__isnull=True, depth__gt=1).only(
        "pk", "translation_key", "locale_id", "latest_revision_created_at"
    ):
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


#: Rows of one language on one page of the report.
ROWS_PER_PAGE = 50


def report_sections(languages, names, page_number=1):
    """[(code, name, paginator page of ToDo)] for the report: every language
    paginated by the same page number, so a site of any size lists 50 a language."""
    from django.core.paginator import Paginator

    rows = translations_to_do(languages)
    return [
        (
            code,
            names.get(code, code),
            Paginator([row for row in rows if row.language == code], ROWS_PER_PAGE).get_page(
                page_number
            ),
        )
        for code in languages
    ]
