"""Reading in the visitor's language: which version of each item a listing shows.

One rule for every listing, search and feed on the site: for each item
(``translation_key``) show its version in the active language if there is
one, otherwise the default-language (English) version, so that untranslated
groups, events and news still appear, marked with the language they are
written in (see ``written_in``), rather than vanishing.

Call ``localized(queryset)`` on a page queryset, or
``localized(queryset, prefix="event__")`` on a queryset of rows that point to
a page (e.g. event occurrences). It adds one subquery, never a query per item.
"""

from django.conf import settings
from django.db.models import F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.lookups import Exact
from django.utils import translation
from wagtail.models import Locale, Page

from . import sitewide

_LOCALE_CODES = {}


def locale_code(locale_id):
    """The language code of a locale id, from a small in-process map (no query
    once known: locale rows are few and their ids never change)."""
    if locale_id not in _LOCALE_CODES:
        _LOCALE_CODES.clear()
        _LOCALE_CODES.update(Locale.objects.values_list("pk", "language_code"))
    return _LOCALE_CODES.get(locale_id, settings.LANGUAGE_CODE)


def locale_id(code):
    """The id of the locale of a language code, or None."""
    if code not in _LOCALE_CODES.values():
        _LOCALE_CODES.clear()
        _LOCALE_CODES.update(Locale.objects.values_list("pk", "language_code"))
    for pk, value in _LOCALE_CODES.items():
        if value == code:
            return pk
    return None


def active_language():
    """The active language if the site has a locale for it, else the default."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    if locale_id(code) is None:
        # e.g. "en-gb": fall back to the default language.
        code = settings.LANGUAGE_CODE
    return code


def localized(queryset, prefix="", language=None, searchable=False):
    """``queryset`` narrowed to one version of each item: the active language's
    where it exists in ``queryset``, else the default language's.
    ``searchable``: a queryset a search backend will filter, which reads only
    plain column lookups (so without the hint to SQLite's planner below)."""
    language = language or active_language()
    active = locale_id(language)
    default = locale_id(settings.LANGUAGE_CODE)

    def in_locale(pk):
        if searchable:
            return Q(**{f"{prefix}locale_id": pk})
        return Exact(_NotLookedUp(F(f"{prefix}locale_id")), pk)

    if active is None or active == default:
        return queryset.filter(in_locale(default))
    translated = queryset.filter(**{f"{prefix}locale_id": active}).values(
        f"{prefix}translation_key"
    )
    queryset = queryset.filter(
        Q(in_locale(active))
        | (Q(in_locale(default)) & ~Q(**{f"{prefix}translation_key__in": translated}))
    )
    if prefix:
        queryset = _with_reader_url_path(queryset, prefix, active)
    return queryset


class _NotLookedUp(Func):
    """A column SQLite's planner will not look up in an index (``+column``).

    A listing's language is no way to narrow it: nearly every page is in
    English, yet SQLite (no statistics) takes "locale = ?" for the most
    selective term, reads every page of the language and sorts them, where
    the listing's own order has an index (an event's dates by start: 0.7 ms
    instead of 7.7 at demo scale 40). Other databases plan from statistics
    and get the column as it is."""

    template = "%(expressions)s"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"+{sql}", params


def _with_reader_url_path(queryset, prefix, active):
    """Rows pointing to an English page (an event's dates) also carry
    ``reader_url_path``: where that page's copy in the reader's language
    lives, so that the listing links there (the reader stays in their
    language) at no extra query. None when there is no live copy."""
    copies = Page.objects.filter(
        translation_key=OuterRef(f"{prefix}translation_key"), locale_id=active, live=True
    ).values("url_path")[:1]
    return queryset.annotate(reader_url_path=Subquery(copies))


def term_names(model, *fields, language=None):
    """{slug: name} of every term of a vocabulary snippet (Topic, Area,
    AccessFeature), named in the visitor's language where it is translated,
    else in English, so an untranslated term never vanishes from a filter.
    With ``fields``, {slug: (name, *those fields)}. One query; a slug is the
    same in every language (Vocabulary.override_translatable_fields); for
    anonymous readers, once per version of the page cache (home/sitewide.py)."""

    def build():
        rows = localized(model.objects.all(), language=language).values_list(
            "slug", "name", *fields
        )
        return {slug: (tuple(values) if fields else values[0]) for slug, *values in rows}

    key = ("term_names", model._meta.label, fields, language or active_language())
    return dict(sitewide.remembered(key, build))


def written_in(page):
    """The language a page's content is written in: its locale's, unless it is
    an untranslated copy (an alias) of a page in another language."""
    if getattr(page, "alias_of_id", None):
        # Locale trees are synchronised from the default language.
        return settings.LANGUAGE_CODE
    return locale_code(page.locale_id)


def is_untranslated(page):
    """True for a page shown in another language than its locale's."""
    return written_in(page) != locale_code(page.locale_id)
