"""Site search: what a resident typed, turned into a bounded set of queries.

The flow, for one request:

1. ``clean_query`` keeps only the words of what was typed (letters and digits
   in any script), so quotes, brackets and search operators can never reach
   the full-text engine as syntax. It is capped in length and in words.
2. ``search_site`` asks Wagtail's search backend (SQLite FTS5 or PostgreSQL
   full-text search) for the best ``MAX_RESULTS`` live, public pages of the
   active locale among groups, events, news and standard pages: one query
   (a second, looser one only when every word together finds nothing).
3. A few queries over those ids learn each result's topics and areas and each
   event's next date, so facet counts, the "leave out past events" option and
   the ranking of upcoming events before past ones are computed in Python.
4. ``fetch_pages`` loads just the page of results shown, one query per kind.
"""

import logging
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale
from wagtail.search.utils import normalise_query_string

from events.models import EventOccurrence, EventPage
from groups.models import GroupPage
from home.listing import Facet, Filters, Toggle, card_fields, pages
from home.models import Area, StandardPage, Topic
from home.templatetags.navigation_tags import PAGE_KINDS
from news.models import NewsPage

from .models import QueryOutcome

logger = logging.getLogger(__name__)

# What is kept of a query for searching: nobody types more, and it bounds the work.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
# The best results considered for facets and pages: enough for any resident,
# and it bounds the size of every follow-up query.
MAX_RESULTS = 500

# The kinds of result, by the value used in the address (?type=event).
TYPES = {
    "group": (GroupPage, _("Groups")),
    "event": (EventPage, _("Events")),
    "news": (NewsPage, _("News")),
    "page": (StandardPage, _("Information")),
}
MODEL_TYPES = {model: key for key, (model, _label) in TYPES.items()}

WORD = re.compile(r"[^\W_]+")

# Common words left out when falling back to "any word": nearly every page has
# them, so they would only slow the search and bury the useful matches. By
# language; a language without a list keeps every word.
STOP_WORDS = {
    "en": set(
        "a an and are as at be by can for from has have he her his i in is it its me my "
        "of on or our she so that the their them they this to us was we what when where "
        "which who why will with you your".split()
    ),
}


def clean_query(raw):
    """The words of ``raw``, joined by single spaces, at most MAX_QUERY_LENGTH
    characters and MAX_QUERY_WORDS words; "" when nothing searchable is left.

    Everything that is not a letter or digit (quotes, *, ^, :, brackets, SQL
    or HTML punctuation) separates words. Words are searched as plain terms,
    so "AND", "OR" and "NOT" are ordinary words, never operators.
    """
    # Only the first characters count: a 10,000-character input costs no more.
    words = WORD.findall((raw or "")[:MAX_QUERY_LENGTH])[:MAX_QUERY_WORDS]
    return " ".join(words)


@dataclass
class Hit:
    """One result before its page is fetched."""

    pk: int
    type: str
    topics: set = field(default_factory=set)
    areas: set = field(default_factory=set)
    next_start: object = None  # an event's next occurrence start, None when past

    @property
    def is_past_event(self):
        return self.type == "event" and self.next_start is None

    @property
    def is_not_past_event(self):
        return not self.is_past_event


# The search's filters, matched in Python over the MAX_RESULTS best results,
# so their counts cost no query; a choice that would give nothing is not shown.
SEARCH = Filters(
    Toggle("upcoming", _("Leave out past events"), attribute="is_not_past_event"),
    Facet(
        "type",
        _("Kind of result"),
        choices=lambda language: {key: label for key, (_model, label) in TYPES.items()},
        attribute="type",
        counted=True,
        hide_empty=True,
        sort=False,
    ),
    Facet("topic", _("Topic"), choices=Topic, attribute="topics", counted=True, hide_empty=True),
    Facet("area", _("Area"), choices=Area, attribute="areas", counted=True, hide_empty=True),
    id_prefix="search",
)


@dataclass
class SearchOutcome:
    hits: list  # the filtered, ordered results
    total_unfiltered: int
    facets: dict  # name -> FacetView (home/listing.py)
    matched_all_words: bool = True


def searchable_pages(locale=None):
    """Public groups, events, news and standard pages in the language of
    ``locale`` (the active one by default) where they are translated, else in
    English (home/i18n.py), so an untranslated group is still found."""
    locale = locale or Locale.get_active()
    kinds = [model for model, _label in TYPES.values()]
    return pages().public().type(*kinds).localized(language=locale.language_code, searchable=True)


def _ranked_hits(terms, locale):
    """[Hit, …] in order of relevance; every word must match, or failing
    that, any word. Returns (hits, matched_all_words)."""
    pages = searchable_pages(locale)
    content_types = {
        ContentType.objects.get_for_model(model).pk: key for model, key in MODEL_TYPES.items()
    }

    def run(operator, query=terms):
        # Rows, not pages: a page object for each of up to MAX_RESULTS matches
        # cost more than ranking them.
        found = pages.values_list("pk", "content_type_id")
        results = found.search(query, operator=operator)[:MAX_RESULTS]
        return [
            Hit(pk=row[0], type=content_types[row[1]]) for row in results if row[1] in content_types
        ]

    hits = run("and")
    if hits or " " not in terms:
        return hits, True
    stop_words = STOP_WORDS.get(locale.language_code.split("-")[0], set())
    words = [word for word in terms.split() if word.lower() not in stop_words]
    if not words:
        return [], False
    return run("or", " ".join(words)), False


def _annotate(hits, now):
    """Fill each hit's topics, areas and next date: one query per kind present."""
    by_type = {}
    for hit in hits:
        by_type.setdefault(hit.type, {})[hit.pk] = hit

    def collect(model, lookup, attribute):
        ids = by_type.get(MODEL_TYPES[model])
        if not ids:
            return
        rows = model.objects.filter(pk__in=list(ids)).values_list("pk", lookup)
        for pk, value in rows:
            if value:
                getattr(ids[pk], attribute).add(value)

    collect(GroupPage, "topics__slug", "topics")
    collect(GroupPage, "areas__slug", "areas")
    collect(EventPage, "topics__slug", "topics")
    collect(EventPage, "venue__area__slug", "areas")
    collect(NewsPage, "topics__slug", "topics")

    events = by_type.get("event")
    if events:
        rows = (
            EventOccurrence.objects.filter(event_id__in=list(events), end__gte=now)
            .values("event_id")
            .annotate(next_start=Min("start"))
            .values_list("event_id", "next_start")
        )
        for pk, next_start in rows:
            events[pk].next_start = next_start


def search_site(terms, filters, locale=None, now=None):
    """The outcome of searching for ``terms`` (already cleaned) with ``filters``
    (a Selection of SEARCH)."""
    locale = locale or Locale.get_active()
    now = now or timezone.now()
    hits, matched_all = _ranked_hits(terms, locale)
    _annotate(hits, now)
    # Upcoming events (and everything that is not an event) before past events;
    # otherwise the search engine's order of relevance.
    hits.sort(key=lambda hit: hit.is_past_event)
    facets = SEARCH.view(filters, SEARCH.counts_in(hits, filters))
    shown = SEARCH.match(hits, filters)
    return SearchOutcome(
        hits=shown, total_unfiltered=len(hits), facets=facets, matched_all_words=matched_all
    )


# How each kind of page is loaded for display: only what a result shows
# beside its title (templates/search/search.html).
_SHOWN = card_fields("summary", "search_description")
_VENUE = ("venue__name", "venue__area__name", "venue__area__locale", "venue__area__translation_key")
FETCH = {
    GroupPage: lambda qs: qs.only(*_SHOWN),
    EventPage: lambda qs: qs.select_related("venue", "venue__area").only(
        *_SHOWN, "online_url", *_VENUE
    ),
    NewsPage: lambda qs: qs.only(*_SHOWN),
    StandardPage: lambda qs: qs.only(*_SHOWN),
}


def fetch_pages(hits):
    """The specific pages of ``hits``, in order: one query per kind present.
    An event gets ``next_start`` from its hit."""
    by_model = {}
    for hit in hits:
        by_model.setdefault(TYPES[hit.type][0], []).append(hit.pk)
    pages = {}
    for model, ids in by_model.items():
        for page in FETCH[model](model.objects.filter(pk__in=ids)):
            pages[page.pk] = page
    results = []
    for hit in hits:
        page = pages.get(hit.pk)
        if page is None:
            continue
        page.search_type = hit.type
        page.next_start = hit.next_start
        results.append(page)
    return results


def promotions(terms, locale=None):
    """The moderators' pinned results for ``terms``, in their order: the pinned
    page in the visitor's language where it is translated, else in English
    (home/i18n.py), or an external link. Two queries, plus one per kind of
    page pinned."""
    locale = locale or Locale.get_active()
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(terms))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    keys = [pick.page.translation_key for pick in picks if pick.page_id]
    by_key = {}
    if keys:
        pinned = pages().public().filter(translation_key__in=keys)
        for page in pinned.localized(language=locale.language_code).specific():
            by_key[page.translation_key] = page
    shown = []
    for pick in picks:
        if pick.page_id:
            page = by_key.get(pick.page.translation_key)
            if page is not None:
                shown.append({"page": page, "title": page.title, "description": pick.description})
        elif pick.external_link_url:
            shown.append(
                {
                    "url": pick.external_link_url,
                    "title": pick.external_link_text or pick.external_link_url,
                    "description": pick.description,
                }
            )
    return shown


def record_search(raw, terms, results):
    """Count a resident's search and remember how many results it found, for the
    moderators' report. Empty and over-long input is not worth keeping."""
    if len(terms) < 2 or len((raw or "").strip()) > MAX_QUERY_LENGTH:
        return
    try:
        with transaction.atomic():
            query = Query.get(terms)  # normalised: lower case, single spaces
            query.add_hit()
            QueryOutcome.objects.update_or_create(query=query, defaults={"results": results})
    except DatabaseError:
        # Counting is a nicety: a busy database must not cost the resident their results.
        logger.warning("Could not record the search %r", terms, exc_info=True)


def suggestions(terms, locale=None, limit=8):
    """Pages whose titles (or summaries) start with the words of ``terms``: one query."""
    pages = searchable_pages(locale or Locale.get_active())
    return list(pages.autocomplete(terms, operator="and")[:limit])


def type_label(page):
    """ "Group", "Event", "News" or "Information" for a (possibly not specific) page."""
    model = page.specific_class or type(page)
    return str(PAGE_KINDS.get(model._meta.label, _("Information")))


# Page types of other apps (Have your say's questions), registered from their
# AppConfig.ready(), so that search imports none of them.
def register_type(key, model, label, fetch=None):
    """Search ``model`` pages too, as results of kind ``key`` (?type=key)."""
    TYPES[key] = (model, label)
    MODEL_TYPES[model] = key
    FETCH[model] = fetch or (lambda qs: qs.defer_streamfields())
