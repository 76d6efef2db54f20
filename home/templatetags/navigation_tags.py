"""Template tags for the whole site: the primary navigation, "see everything" links
and what to call each kind of page."""

from django import template
from django.apps import apps
from django.db.models import Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from home import sitewide
from home.addresses import page_url as _page_url
from home.i18n import active_language, locale_id

register = template.Library()


@register.inclusion_tag("includes/primary_nav.html", takes_context=True)
def primary_nav(context):
    """Live children of the home page that editors marked "show in menus".

    One query once per version of the page cache (home/sitewide.py): the home
    page (the site's root page, or its translation in the current page's
    locale) is found by a subquery, not fetched first.
    """
    request = context.get("request")
    page = context.get("page")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"items": [], "request": request}

    locale = _reader_locale(page)
    items = sitewide.remembered(("primary_nav", site.pk, locale), lambda: _menu_items(site, locale))
    current_path = page.path if isinstance(page, Page) else ""
    return {
        "items": [(item, _aria_current(item, current_path)) for item in items],
        "request": request,
    }


@register.simple_tag(takes_context=True)
def page_url(context, page):
    """Wagtail's ``{% pageurl page %}``, the same address, for the links a page
    repeats (cards, the menu, breadcrumbs): see home/addresses.py."""
    return _page_url(page, context.get("request")) or ""


@register.simple_tag
def breadcrumb_trail(page):
    """The pages a breadcrumb links to above ``page``, from the home page down
    (not the tree's root): plain page rows with what a link and its ``lang``
    mark need (the page type's own table is not read), in one query."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(
        page.get_ancestors()
        .filter(depth__gt=1)
        .only("title", "depth", "url_path", "locale", "alias_of", "translation_key")
    )


def _menu_items(site, locale):
    home = Page.objects.filter(pk=site.root_page_id)
    if locale is not None:
        home = Page.objects.filter(
            translation_key=Subquery(home.values("translation_key")[:1]),
            locale_id=locale,
        )
    return list(
        Page.objects.live()
        .in_menu()
        .filter(
            path__startswith=Subquery(home.values("path")[:1]),
            depth=Subquery(home.values("depth")[:1]) + 1,
        )
        .order_by("path")
    )


def _reader_locale(page):
    """The locale whose pages the links should lead to: the current page's,
    or on a view that is not a page (search, the forms, transparency) the
    reader's language's, so that its menu stays in that language."""
    if isinstance(page, Page) and page.locale_id:
        return page.locale_id
    return locale_id(active_language())


def _aria_current(item, current_path):
    """ "page" on the page itself, "true" anywhere in its section, else nothing."""
    if current_path == item.path:
        return "page"
    if current_path.startswith(item.path):
        return "true"
    return ""


@register.simple_tag(takes_context=True)
def section_url(context, model_label):
    """The address of the first live page of a type, e.g. "events.EventIndexPage",
    in the current page's language; "" when there is none.

    For "see everything" links; the type is named by label so that ``home``
    imports none of the apps it links to. One query once per version of the
    page cache (home/sitewide.py).
    """
    request = context.get("request")
    locale = _reader_locale(context.get("page"))
    site = Site.find_for_request(request) if request is not None else None
    return sitewide.remembered(
        ("section_url", model_label, locale, site.pk if site else None),
        lambda: _section_url(request, model_label, locale),
    )


def _section_url(request, model_label, locale):
    pages = apps.get_model(model_label).objects.live()
    if locale is not None:
        pages = pages.filter(locale_id=locale)
    target = pages.order_by("path").first()
    if target is None:
        return ""
    return target.get_url(request) or ""


# What a resident calls each kind of page, by model label, so that ``home``
# need not import the apps that define them.
PAGE_KINDS = {
    "groups.GroupPage": _("Group"),
    "groups.GroupIndexPage": _("Groups"),
    "events.EventPage": _("Event"),
    "events.EventIndexPage": _("What's on"),
    "news.NewsPage": _("News"),
    "news.NewsIndexPage": _("News"),
    # Have your say (the participation app).
    "participation.QuestionPage": _("Question"),
    "participation.HaveYourSayIndexPage": _("Have your say"),
}


@register.filter
def page_kind(page):
    """ "Group", "Event", "News" or "Information", for labelling search results."""
    return PAGE_KINDS.get(page._meta.label, _("Information"))
