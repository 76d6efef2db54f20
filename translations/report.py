"""The "Translations to do" report: per language, the English pages whose
translation is missing or older than the English page.

A translation is out of date when the English page was published after the
translation was last synchronised with it: for wagtail-localize translations,
after the source was last extracted (TranslationSource.last_updated_at);
for pages translated by hand, after the translation's latest revision.
Untranslated copies (aliases) count as missing.

Which pages are to do is decided in SQL (a subquery for each page's
translation and source), so a page of the report reads its 50 rows, never
every English page: one query for the locales, one counting every language's
rows, one per language for its page of rows, and one for the out-of-date
rows' translations when the page has any.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

MISSING = "missing"
OUT_OF_DATE = "out of date"

#: Rows of one language on one page of the report.
ROWS_PER_PAGE = 50

# The columns of an English page the report shows or decides with.
COLUMNS = ("pk", "title", "draft_title", "translation_key", "path", "depth")


@dataclass
class ToDo:
    page: Page
    language: str
    status: str
    translation: Page | None = None
    source_id: int | None = None


def _locales(languages):
    """(the default locale's id, {code: locale id} of ``languages`` the site has): one query."""
    ids = dict(
        Locale.objects.filter(language_code__in=[*languages, settings.LANGUAGE_CODE]).values_list(
            "language_code", "pk"
        )
    )
    default = ids.pop(settings.LANGUAGE_CODE)
    return default, {code: ids[code] for code in languages if code in ids}


def _conditions(default_id, locale_id, suffix):
    """Annotations saying whether an English page is to do in one language, and
    the condition selecting those that are."""
    translation = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=locale_id, alias_of__isnull=True
    )
    source = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=default_id
    )
    annotations = {
        f"translation_pk{suffix}": Subquery(translation.values("pk")[:1]),
        f"source_pk{suffix}": Subquery(source.values("pk")[:1]),
        # Synchronised when its source was last extracted, else (translated by
        # hand) when the translation was last revised.
        f"last_sync{suffix}": Coalesce(
            Subquery(source.values("last_updated_at")[:1]),
            Subquery(translation.values("latest_revision_created_at")[:1]),
        ),
    }
    # A comparison with NULL (never published, never synchronised) is not true.
    condition = Q(**{f"translation_pk{suffix}__isnull": True}) | Q(
        changed__gt=F(f"last_sync{suffix}")
    )
    return annotations, condition


def _english(default_id):
    return (
        Page.objects.filter(locale_id=default_id, depth__gt=1)
        .live()
        .annotate(changed=Coalesce("last_published_at", "latest_revision_created_at"))
    )


def to_do_pages(default_id, locale_id):
    """The English pages to do in one language, in tree order, each with
    ``translation_pk`` (None when missing) and ``source_pk``."""
    annotations, condition = _conditions(default_id, locale_id, "")
    return (
        _english(default_id)
        .annotate(**annotations)
        .filter(condition)
        .only(*COLUMNS)
        .order_by("path")
    )


def _counts(default_id, locale_ids):
    """{code: how many pages are to do}, for every language in one query."""
    if not locale_ids:
        return {}
    queryset = _english(default_id)
    aggregates = {}
    for code, locale_id in locale_ids.items():
        suffix = "_" + code.replace("-", "_")
        annotations, condition = _conditions(default_id, locale_id, suffix)
        queryset = queryset.annotate(**annotations)
        aggregates[code] = Count("pk", filter=condition)
    return queryset.aggregate(**aggregates)


def _rows(pages, code):
    return [
        ToDo(
            page,
            code,
            MISSING if page.translation_pk is None else OUT_OF_DATE,
            page.translation_pk,
            page.source_pk if page.translation_pk is not None else None,
        )
        for page in pages
    ]


def _attach_translations(rows):
    """Replace out-of-date rows' translation ids by the pages: one query, none without any."""
    ids = [row.translation for row in rows if row.status == OUT_OF_DATE]
    if not ids:
        return
    translations = Page.objects.only("pk", "title", "draft_title", "locale_id").in_bulk(ids)
    for row in rows:
        if row.status == OUT_OF_DATE:
            row.translation = translations[row.translation]


def translations_to_do(languages):
    """Every [ToDo, …] for the given language codes, in tree order per language
    (the whole list: the report itself shows a page of it, ``report_sections``)."""
    default_id, locale_ids = _locales(languages)
    rows = []
    for code, locale_id in locale_ids.items():
        rows += _rows(to_do_pages(default_id, locale_id), code)
    _attach_translations(rows)
    return rows


def report_sections(languages, names, page_number=1):
    """[(code, name, paginator page of ToDo)] for the report: every language
    paginated by the same page number, so a site of any size lists 50 a language."""
    default_id, locale_ids = _locales(languages)
    counts = _counts(default_id, locale_ids)
    sections = []
    for code in languages:
        if code in locale_ids:
            paginator = Paginator(to_do_pages(default_id, locale_ids[code]), ROWS_PER_PAGE)
            paginator.count = counts[code]  # counted above with the other languages
        else:
            paginator = Paginator([], ROWS_PER_PAGE)
        page = paginator.get_page(page_number)
        page.object_list = _rows(page.object_list, code)
        sections.append((code, names.get(code, code), page))
    _attach_translations([row for _code, _name, page in sections for row in page.object_list])
    return sections
