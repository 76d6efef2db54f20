"""The listing pipeline: what every public listing, feed and search is built from.

A listing is a queryset of pages (or of rows that point to pages), narrowed to
what an anonymous reader may see (``public``), to one version of each item in
the reader's language (``localized``, home/i18n.py), then by the filters the
reader chose in the address (``Filters``), and cut into pages (``paginate``).
Each content app declares its own querysets and filters in its own modules
(events/queries.py and events/filters.py, groups/filters.py, news/queries.py,
search/queries.py); templates render every filter with
templates/includes/facet.html and the values left out with
templates/includes/ignored.html. docs/listings.md has a worked example.

``public`` is the one rule of what an anonymous reader may see: live, not
expired, and behind no view restriction (password, login or groups) on the
page, on any ancestor, on any translation or alias of either, in any
language. ``SitePage``, the base of every page type, applies the same rule
when a page is served.
"""

import copy
import datetime
from collections import defaultdict, namedtuple
from urllib.parse import urlencode

from asgiref.local import Local
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.signals import request_finished, request_started
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from . import i18n, sitewide

# Limits on what is read of the address: nobody needs more, and they bound the work.
MAX_VALUES = 20  # of one parameter
MAX_VALUE_LENGTH = 100  # longer values are ignored unread
SHOWN_VALUE_LENGTH = 50  # of an ignored value, when it is shown back


def paginate(request, items, per_page=None):
    """The requested page of a listing; a page number that is not a number or
    is out of range is a 404, never a server error."""
    paginator = Paginator(items, per_page or settings.NOTICEBOARD_PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(str(error)) from error


# Privacy --------------------------------------------------------------------


def _restricted_keys():
    return PageViewRestriction.objects.values("page__translation_key")


# What one request has already asked of the database about privacy: a page
# with several listings (the home page has three) asks once. Kept from the
# request's start to its end only, so a change is seen by the next request;
# outside a request (commands, the task worker) nothing is kept.
_this_request = Local()


def _start_request(**kwargs):
    _this_request.hidden_sections = None
    _this_request.active = True


def _end_request(**kwargs):
    _this_request.hidden_sections = None
    _this_request.active = False


request_started.connect(_start_request, dispatch_uid="listing_start_request")
request_finished.connect(_end_request, dispatch_uid="listing_end_request")


def hidden_sections():
    """(paths, ids): the paths of every page whose subtree a view restriction
    protects (the restricted pages, their translations in every language and
    their aliases), and the ids of live pages past their expiry time that the
    scheduler has not unpublished yet. One query, once per request, and for
    anonymous readers once per version of the page cache (home/sitewide.py;
    a page reaching its expiry time is seen within ``sitewide.SECONDS``)."""
    if not getattr(_this_request, "active", False):
        return _hidden_sections()
    if _this_request.hidden_sections is None:
        _this_request.hidden_sections = sitewide.remembered("hidden_sections", _hidden_sections)
    return _this_request.hidden_sections


def _hidden_sections():
    keys = _restricted_keys()
    protected = Q(translation_key__in=keys) | Q(alias_of__translation_key__in=keys)
    rows = (
        Page.objects.filter(protected | Q(live=True, expire_at__lte=timezone.now()))
        .annotate(protected=ExpressionWrapper(protected, output_field=BooleanField()))
        .values_list("path", "pk", "protected")
    )
    paths, expired = [], []
    for path, pk, is_protected in rows:
        (paths if is_protected else expired).append(path if is_protected else pk)
    return paths, expired


def public_q(prefix=""):
    """A Q object for "an anonymous reader may see this page", on a page
    queryset or, with ``prefix`` (e.g. "event__"), on rows that point to a
    page. One query (``hidden_sections``); nothing more is applied when no
    page is restricted or expired.

    A page is hidden when it is not live or has expired, when it lies in a
    protected section, or when any of its translations (or the page it is an
    alias of) does. Only fields the search index can filter on are used
    (live, id, translation_key), so search results follow the same rule."""
    q = Q(**{f"{prefix}live": True})
    paths, expired = hidden_sections()
    if paths:
        inside = Q()
        for path in paths:
            inside |= Q(path__startswith=path)
        hidden = Page.objects.filter(inside)
        aliases = Page.objects.filter(alias_of__in=hidden.values("pk"))
        q &= ~Q(**{f"{prefix}translation_key__in": hidden.values("translation_key")})
        q &= ~Q(**{f"{prefix}pk__in": aliases.values("pk")})
    if expired:
        q &= ~Q(**{f"{prefix}pk__in": expired})
    return q


def view_restrictions(page):
    """The view restrictions that protect ``page`` when it is served: those on
    any page, in any language, whose subtree holds the page, one of its
    translations or the page it is an alias of (or an alias of one of those).
    One query."""
    steps = page.steplen
    ancestor_paths = [page.path[:end] for end in range(steps, len(page.path) + 1, steps)]
    relatives = Page.objects.filter(
        Q(pk=page.pk)
        | Q(translation_key=page.translation_key)
        | Q(pk__in=Page.objects.filter(path__in=ancestor_paths).values("alias_of_id"))
    )
    if page.alias_of_id:
        relatives = relatives | Page.objects.filter(pk=page.alias_of_id)
    restricted = OuterRef("page__translation_key")
    roots = Page.objects.filter(
        Q(translation_key=restricted) | Q(alias_of__translation_key=restricted)
    ).filter(Exists(relatives.filter(path__startswith=OuterRef("path"))))
    return PageViewRestriction.objects.filter(Exists(roots))


class ListingQuerySet(PageQuerySet):
    """Page querysets with the site's own rules of what a reader may see."""

    def public(self):
        """Pages an anonymous reader may see: live, not expired, behind no view
        restriction in any language (see ``public_q``)."""
        return self.filter(public_q())

    def localized(self, language=None, searchable=False):
        """One version of each item: the active language's where it exists, else
        the default language's (home/i18n.py)."""
        return i18n.localized(self, language=language, searchable=searchable)


ListingManager = PageManager.from_queryset(ListingQuerySet)


def card_fields(*shown, prefix=""):
    """The fields a card of a page in a list selects (with ``only()``): what
    its link needs (the page's address, its language and whether it is an
    untranslated copy, for ``reader_url`` and ``language_of``) and the
    fields it shows (``shown``). A page with its type's and related rows holds up to
    a hundred and more columns, and Django's cost of compiling a query and
    reading its rows grows with each one. ``prefix`` (e.g. "event__") for
    rows that point to the page. tests/test_query_counts.py pins the lists
    with 10 and 100 items: a field a card needs and its list leaves out
    shows there as a query per card."""
    link = ("title", "url_path", "locale", "translation_key", "alias_of", "live", "content_type")
    return [f"{prefix}{field}" for field in (*link, *shown)]


def card_renditions(images, spec):
    """Read the renditions at ``spec`` of a list's pictures (``images``) from
    the renditions' cache in one round trip, not one per picture as the
    ``{% image %}`` tag does (a Redis round trip each in production).

    Each picture found is given its rendition as ``prefetched_renditions``,
    which the tag reads first; the others are left as they were, and the tag
    finds or makes theirs as usual (a cache outage is a miss, so the same).
    Only for pictures a list shows at that one spec: Wagtail takes a
    prefetched list for all of an image's renditions."""
    image_filter = Filter(spec=spec)
    renditions = get_image_model().get_rendition_model()
    wanted = defaultdict(list)  # cache key: the instances of that image
    for image in images:
        if image is not None and getattr(image, "prefetched_renditions", None) is None:
            key = renditions.construct_cache_key(image, image_filter.get_cache_key(image), spec)
            wanted[key].append(image)
    if not wanted:
        return
    for key, rendition in renditions.cache_backend.get_many(list(wanted)).items():
        for image in wanted[key]:
            # As Wagtail does with a rendition read from the cache: each image
            # instance gets one whose image is itself (its own alt text), and
            # it is not written back.
            found = copy.copy(rendition)
            found.image = image
            found._from_cache = True
            image.prefetched_renditions = [found]


def pages(model=Page):
    """A ListingQuerySet of ``model`` (by default every page, of any type)."""
    return ListingQuerySet(model).order_by("path")


class SitePage(Page):
    """The base of every page type of the site: its querysets know ``public()``
    and ``localized()``, and serving it checks the view restrictions of its
    translations and aliases and their ancestors too, so a page behind a
    password in English is behind it at /cy/, /pl/ and /ur/ as well."""

    objects = ListingManager()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        if not hidden_sections()[0]:
            # No page of the site is restricted (known for the request already,
            # or for anonymous readers once per version of the page cache).
            return PageViewRestriction.objects.none()
        return view_restrictions(self)


class IndexPage(SitePage):
    """The base of a section's listing page (what's on, the directory, news,
    have your say): one per home page, an introduction above the listing.
    Subclasses name their ``subpage_types`` and build the listing in
    ``get_context``."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


# Filters --------------------------------------------------------------------

#: One choice of a filter as a form shows it: how many results it would give
#: (None when not counted) and whether the reader has chosen it.
Option = namedtuple("Option", "value label count selected")


def _readable(value):
    return value and "\x00" not in value and len(value) <= MAX_VALUE_LENGTH


class Facet:
    """One filter of a listing, read from one parameter of the address.

    ``choices`` is a dict {value: label}, a vocabulary snippet model (its terms
    by slug, named in the reader's language), or a callable taking the
    language code and returning a dict; a value not among them is ignored and
    reported.
    ``lookup`` narrows a queryset to items with any of the chosen values; a
    to-many lookup (``many``) goes through a subquery, so no item is listed
    twice; with ``every`` an item needs all of them (and one unknown value
    leaves the whole filter out). ``apply`` replaces the lookup with a
    function (queryset, values) -> queryset. ``attribute`` matches items in
    Python instead (search results), by a set or a value on each item.

    ``widget`` is how facet.html shows it: "checkbox", "radio" or "select".
    ``multiple`` keeps every value given, else the last one. ``counted``: how
    many results each choice would give is shown. ``narrows``: choosing it
    counts as filtering (an order does not). ``sort``: choices by their label.
    """

    widget = "checkbox"

    def __init__(
        self,
        name,
        label,
        *,
        choices=None,
        lookup=None,
        apply=None,
        attribute=None,
        widget=None,
        multiple=None,
        many=False,
        every=False,
        counted=False,
        narrows=True,
        sort=True,
        blank=None,
        hide_empty=False,
        lang=False,
        help_text="",
        default=None,
        group=None,
    ):
        self.name = name
        self.label = label
        self._choices = choices
        self.lookup = lookup
        self._apply = apply
        self.attribute = attribute
        self.widget = widget or self.widget
        self.multiple = self.widget == "checkbox" if multiple is None else multiple
        self.many = many or every
        self.every = every
        self.counted = counted
        self.narrows = narrows
        self.sort = sort
        self.blank = blank  # the label of "any" in a select or a radio list
        self.hide_empty = hide_empty  # leave out choices that would give nothing
        self.lang = lang  # each choice is a language code, named in its language
        self.help_text = help_text
        self.default = default  # shown chosen when nothing is (an order)
        self.group = group  # the legend of a fieldset it shares with its neighbours

    def choices(self, language):
        if isinstance(self._choices, type):  # a vocabulary snippet: Topic, Area, …
            choices = i18n.term_names(self._choices, language=language)
        elif callable(self._choices):
            choices = self._choices(language)
        else:
            choices = dict(self._choices or {})
        if self.sort:
            choices = dict(sorted(choices.items(), key=lambda item: _label(item[1]).casefold()))
        return choices

    def clean(self, raw, choices):
        """(value, ok) for one raw value from the address."""
        return (raw, True) if raw in choices else (raw, False)

    def read(self, params, choices):
        """(values, ignored raw values) of this facet in ``params``."""
        if hasattr(params, "getlist"):
            raw = params.getlist(self.name)[:MAX_VALUES]
        else:
            value = params.get(self.name)
            raw = value if isinstance(value, list) else [value] if value is not None else []
        if not self.multiple:
            raw = raw[-1:]
        values, ignored = [], []
        for value in raw:
            if not value:
                continue
            cleaned, ok = self.clean(value, choices) if _readable(value) else (value, False)
            if ok:
                if cleaned not in values:
                    values.append(cleaned)
            else:
                ignored.append(value)
        if self.every and ignored:
            # An item needs every value, and none has an unknown one: rather
            # than match nothing, the whole filter is left out (and said so).
            return [], raw
        return values, ignored

    def apply(self, queryset, values):
        if not values:
            return queryset
        if self._apply is not None:
            return self._apply(queryset, values)
        if self.every:
            for value in values:
                queryset = self._narrow(queryset, [value])
            return queryset
        return self._narrow(queryset, values)

    def _narrow(self, queryset, values):
        if not self.many:
            return queryset.filter(**{f"{self.lookup}__in": values})
        matching = queryset.model._default_manager.filter(**{f"{self.lookup}__in": values})
        return queryset.filter(pk__in=matching.values("pk"))

    def matches(self, item, values):
        """True if ``item`` (a search result) has any of ``values``."""
        if not values:
            return True
        found = getattr(item, self.attribute)
        if isinstance(found, set | frozenset):
            return bool(found & set(values))
        return found in values

    def shown(self, value):
        """The value as the form shows it back."""
        return value


def vocabulary(model, *fields):
    """A facet's choices from a vocabulary snippet (Topic, Area, …): {slug:
    name}, named in the reader's language where translated (one query);
    with ``fields``, {slug: (name, *fields)}."""
    return lambda language: i18n.term_names(model, *fields, language=language)


def _label(label):
    return str(label[0] if isinstance(label, tuple) else label)


class Toggle(Facet):
    """A filter that is on or off: one checkbox, on when the parameter is ``on``."""

    widget = "toggle"

    def __init__(self, name, label, *, on="1", **kwargs):
        self.on = on
        super().__init__(name, label, multiple=False, sort=False, **kwargs)

    def choices(self, language):
        return {self.on: self.label}

    def apply(self, queryset, values):
        if values and self._apply is None:
            return queryset.filter(**{self.lookup: True})
        return super().apply(queryset, values)

    def matches(self, item, values):
        return not values or bool(getattr(item, self.attribute))


class DateFacet(Facet):
    """A date (2026-07-01), within ``years`` of today."""

    widget = "date"

    def __init__(self, name, label, *, years=5, **kwargs):
        self.years = years
        super().__init__(name, label, multiple=False, sort=False, **kwargs)

    def choices(self, language):
        return {}

    def clean(self, raw, choices):
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError:
            return raw, False
        limit = datetime.timedelta(days=365 * self.years)
        return day, abs(day - timezone.localdate()) <= limit

    def shown(self, value):
        return value.isoformat()


class TextFacet(Facet):
    """Words typed in a field (a name or part of it): bounded, never a choice list."""

    widget = "text"

    def __init__(self, name, label, **kwargs):
        super().__init__(name, label, multiple=False, sort=False, **kwargs)

    def choices(self, language):
        return {}

    def clean(self, raw, choices):
        text = " ".join(raw.split())
        return text, bool(text) and text.isprintable()


class Selection:
    """What the reader chose, read from the address: the valid values of each
    facet, and the values that were ignored (shown back by ignored.html)."""

    def __init__(self, filters, values, ignored, choices):
        self.filters = filters
        self.values = values  # {name: [value, …]}
        self.ignored = ignored  # [(facet label, value as typed), …]
        self.choices = choices  # {name: {value: label}}

    def __getitem__(self, name):
        # A KeyError for what is not a facet lets templates reach attributes.
        if name not in self.values and not any(f.name == name for f in self.filters.facets):
            raise KeyError(name)
        return self.values.get(name, [])

    def get(self, name, default=None):
        """The one value of a single-valued facet, or ``default``."""
        values = self.values.get(name)
        return values[-1] if values else default

    def ignore(self, name, value=None):
        """Drop a value found wrong with the others (an end before the start)."""
        facet = self.filters.facet(name)
        dropped = self.values.pop(name, [])
        shown = value if value is not None else ", ".join(facet.shown(v) for v in dropped)
        self.ignored.append((facet.label, shown))

    @property
    def filtered(self):
        """True when any facet that narrows the listing is chosen."""
        return any(self.values.get(f.name) for f in self.filters.facets if f.narrows)

    @property
    def ignored_labels(self):
        return list(dict.fromkeys(str(label) for label, _value in self.ignored))

    @property
    def ignored_shown(self):
        """[(label, value cut short), …] for the message."""
        return [(label, str(value)[:SHOWN_VALUE_LENGTH]) for label, value in self.ignored]

    @property
    def query_string(self):
        """The valid choices as a canonical query string (for feed links), or ""."""
        pairs = []
        for facet in self.filters.facets:
            pairs.extend((facet.name, facet.shown(value)) for value in self[facet.name])
        return urlencode(pairs)

    def shown(self, name):
        """The value of a single-valued facet as its field shows it, or ""."""
        value = self.get(name)
        return "" if value is None else self.filters.facet(name).shown(value)


class FacetView:
    """A facet ready for facet.html: its options, with counts and choices."""

    def __init__(self, facet, options, selection, id_prefix):
        self.facet = facet
        self.name = facet.name
        self.label = facet.label
        self.widget = facet.widget
        self.options = options
        self.value = selection.shown(facet.name) if not facet.multiple else ""
        self.id = f"{id_prefix}-{facet.name}"
        self.group = facet.group
        self.opens_group = self.closes_group = False

    def __iter__(self):
        return iter(self.options)

    def __len__(self):
        return len(self.options)

    def __bool__(self):
        return bool(self.options) or self.widget in ("date", "text")


class Filters:
    """The filters of one listing, declared once by its app:

        DIRECTORY = Filters(
            Facet("topic", _("Topic"), choices=topics, lookup="topics__slug", counted=True),
            Toggle("online", _("Meets online"), lookup="meets_online"),
        )

    ``read`` turns the address into a Selection, ``apply`` narrows a queryset
    by it (``match`` a list of items in Python), ``counts`` counts what each
    choice would give, and ``view`` makes what facet.html renders."""

    def __init__(self, *facets, clean=None, id_prefix="filter"):
        self.facets = list(facets)
        self._clean = clean
        self.id_prefix = id_prefix

    def facet(self, name):
        return next(facet for facet in self.facets if facet.name == name)

    def read(self, params, language=None):
        language = language or i18n.active_language()
        values, ignored, choices, known = {}, [], {}, {}
        for facet in self.facets:
            # Facets offering the same choices (an area to filter by and one to
            # measure from) share one query.
            source = facet._choices if callable(facet._choices) else facet
            if source not in known:
                known[source] = facet.choices(language)
            choices[facet.name] = known[source]
            chosen, wrong = facet.read(params, choices[facet.name])
            if chosen:
                values[facet.name] = chosen
            ignored.extend((facet.label, value) for value in wrong)
        selection = Selection(self, values, ignored, choices)
        if self._clean is not None:
            self._clean(selection)
        return selection

    def select(self, **values):
        """A Selection made in code, e.g. ``select(topic=["food"])`` for a feed."""
        return Selection(self, values, [], {})

    def apply(self, queryset, selection, skip=None):
        """``queryset`` narrowed by every chosen facet but ``skip``."""
        for facet in self.facets:
            if facet.name != skip and (facet.lookup or facet._apply):
                queryset = facet.apply(queryset, selection[facet.name])
        return queryset

    def match(self, items, selection, skip=None):
        """The items (in Python) that match every chosen facet but ``skip``."""
        chosen = [
            (facet, selection[facet.name])
            for facet in self.facets
            if facet.name != skip and facet.attribute and selection[facet.name]
        ]
        return [item for item in items if all(f.matches(item, v) for f, v in chosen)]

    def counts(self, queryset, selection):
        """{name: {value: count}} for each counted facet, with the other facets
        as chosen: one query each."""
        result = {}
        for facet in self.facets:
            if not facet.counted:
                continue
            rows = (
                self.apply(queryset, selection, skip=facet.name)
                .order_by()
                .values(facet.lookup)
                .annotate(n=Count("pk", distinct=True))
                .values_list(facet.lookup, "n")
            )
            result[facet.name] = {value: n for value, n in rows if value}
        return result

    def counts_in(self, items, selection):
        """{name: {value: count}} for each counted facet over items in Python."""
        result = {}
        for facet in self.facets:
            if not facet.counted:
                continue
            counts = result[facet.name] = {}
            for item in self.match(items, selection, skip=facet.name):
                found = getattr(item, facet.attribute)
                for value in found if isinstance(found, set | frozenset) else [found]:
                    counts[value] = counts.get(value, 0) + 1
        return result

    def view(self, selection, counts=None):
        """{name: FacetView} for the form, in the order declared."""
        counts = counts or {}
        views = {}
        for facet in self.facets:
            chosen = selection[facet.name] or ([facet.default] if facet.default else [])
            known = counts.get(facet.name)
            options = []
            for value, label in selection.choices.get(facet.name, {}).items():
                count = None if known is None else known.get(value, 0)
                if facet.hide_empty and not count and value not in chosen:
                    continue
                options.append(Option(value, _label(label), count, value in chosen))
            views[facet.name] = FacetView(facet, options, selection, self.id_prefix)
        shown = list(views.values())
        for before, view, after in zip([None, *shown[:-1]], shown, [*shown[1:], None], strict=True):
            if view.group:
                view.opens_group = before is None or before.group != view.group
                view.closes_group = after is None or after.group != view.group
        return views
