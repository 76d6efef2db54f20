"""The language switcher, hreflang alternates and "written in" marks."""

from django import template
from django.conf import settings
from django.db.models import Subquery
from django.urls import translate_url
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from wagtail.models import Page

from home import sitewide
from home.addresses import page_url
from home.i18n import active_language, is_untranslated, locale_code, locale_id, written_in

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per site language: where the current page is in that language.

    ``translated`` is False when the page has no version written in that
    language: the link then goes to the page's untranslated copy in that
    language's tree (its interface in that language, its words in English) or,
    when there is none, to that language's home page with a note. One query
    for the page's translations; one more only when a language lacks the page.
    """
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    current = translation.get_language()
    versions = []
    if isinstance(page, Page) and page.pk:
        # Plain page rows with only what an address and a "translated" mark
        # need: no page type's own table, no specific instances.
        translations = Page.objects.filter(translation_key=page.translation_key).live()
        found = {
            locale_code(p.locale_id): p
            for p in translations.only("locale", "url_path", "alias_of", "translation_key")
        }
        homes = None
        for code, name in settings.LANGUAGES:
            target = found.get(code)
            if target is not None:
                url = page_url(target, request)
                translated = not is_untranslated(target)
            else:
                if homes is None:
                    homes = _locale_homes(request)
                url = homes.get(code, "")
                url = f"{url}?untranslated=1" if url else ""
                translated = False
            if url:
                versions.append(_version(request, code, name, url, translated, current))
    else:
        path = request.get_full_path()
        for code, name in settings.LANGUAGES:
            versions.append(_version(request, code, name, translate_url(path, code), True, current))
    return versions


def _locale_homes(request):
    """{language code: the address of that language's home page}; one query
    once per version of the page cache (home/sitewide.py)."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return {}

    def build():
        root = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        return {
            locale_code(home.locale_id): home.get_url(request)
            for home in Page.objects.filter(translation_key=Subquery(root[:1])).live()
        }

    return sitewide.remembered(("locale_homes", site.pk), build)


def _version(request, code, name, url, translated, current):
    try:
        bidi = get_language_info(code)["bidi"]
    except KeyError:
        bidi = False
    return {
        "code": code,
        "name": name,
        "url": url,
        "translated": translated,
        "current": code == current,
        "dir": "rtl" if bidi else "ltr",
        "default": code == settings.LANGUAGE_CODE,
        "absolute_url": request.build_absolute_uri(url),
    }


@register.filter
def language_of(page):
    """The language code a page is written in (for a ``lang`` attribute)."""
    return written_in(page)


@register.filter
def language_name(code):
    """A language's name in that language ("Cymraeg")."""
    return dict(settings.LANGUAGES).get(code, code)


@register.simple_tag
def written_in_note(code):
    """ "In Cymraeg" under an item of a listing written in another language
    than the page's (``code``, from ``language_of``); nothing otherwise. A tag,
    not an include, because listings show it on every item."""
    if code == translation.get_language():
        return ""
    # The same words as a template's blocktranslate, so one translation serves.
    words = translation.gettext('In <span lang="%(code)s">%(name)s</span>')
    return format_html(
        '<p class="written-in">{}</p>',
        mark_safe(words % {"code": escape(code), "name": escape(language_name(code))}),
    )


@register.simple_tag(takes_context=True)
def untranslated_note(context):
    """The code of the language the current page is shown in, when it is not
    the visitor's language (an untranslated page); "" otherwise."""
    page = context.get("page")
    if isinstance(page, Page) and page.pk and is_untranslated(page):
        return written_in(page)
    return ""


@register.simple_tag(takes_context=True)
def localized_name(context, term):
    """A topic's, area's or access feature's name in the active language.

    Pages link to the English terms; their translations are looked up in one
    query per kind of term per request (not one per term; for anonymous
    readers once per version of the page cache, home/sitewide.py), and only
    when the visitor reads another language.
    """
    if term is None:
        return ""
    language = active_language()
    if locale_code(term.locale_id) == language:
        return term.name
    request = context.get("request")
    cache = getattr(request, "_localized_terms", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._localized_terms = cache
    model = type(term)
    key = (model, language)
    if key not in cache:
        cache[key] = sitewide.remembered(
            ("localized_names", model._meta.label, language),
            lambda: dict(
                model.objects.filter(locale_id=locale_id(language)).values_list(
                    "translation_key", "name"
                )
            ),
        )
    return cache[key].get(term.translation_key, term.name)


# --- Links in the reader's language -------------------------------------------


@register.simple_tag(takes_context=True)
def reader_url(context, page, row=None):
    """The address of ``page`` in the reader's language: its translation or
    its untranslated copy in that language's tree where there is one, else
    the page itself (so a reader on /ur/ stays on /ur/).

    A listing passes the row it shows (``row``, e.g. an event's date) when its
    query already found the copy: ``home.i18n.localized`` adds
    ``reader_url_path`` to rows that point to a page, so a listing costs no
    query. Otherwise a page in another locale costs one query, once per page
    per request; a page already in the reader's language costs none.
    """
    if page is None or page == "":
        return ""
    request = context.get("request")
    active = locale_id(active_language())
    if active is None or page.locale_id == active:
        return page_url(page, request) or ""
    row = page if row is None else row
    if hasattr(row, "reader_url_path"):
        url_path = row.reader_url_path
    else:
        url_path = _reader_url_path(request, page, active)
    if url_path:
        # No query: the address comes from the site's cached root paths.
        return page_url(Page(url_path=url_path, locale_id=active), request) or ""
    return page_url(page, request) or ""


def _reader_url_path(request, page, active):
    cache = getattr(request, "_reader_url_paths", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._reader_url_paths = cache
    key = (page.translation_key, active)
    if key not in cache:
        cache[key] = (
            Page.objects.live()
            .filter(translation_key=page.translation_key, locale_id=active)
            .values_list("url_path", flat=True)
            .first()
            or ""
        )
    return cache[key]
