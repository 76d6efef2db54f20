"""Site search over groups, events, news and standard pages (see queries.py)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from home.pagecache import current_version

from . import queries

# What the search box shows back: the first characters of what was typed.
MAX_SHOWN_QUERY_LENGTH = queries.MAX_QUERY_LENGTH


def search(request):
    shown_query = request.GET.get("query", "").strip()[:MAX_SHOWN_QUERY_LENGTH]
    terms = queries.clean_query(request.GET.get("query", ""))
    locale = Locale.get_active()
    context = {"search_query": shown_query, "search_terms": terms}
    if terms:
        filters = queries.SEARCH.read(request.GET, locale.language_code)
        outcome = queries.search_site(terms, filters, locale=locale)
        filtered = bool(filters["type"] or filters["topic"] or filters["area"])
        first_page = request.GET.get("page") in (None, "", "1")
        pinned = queries.promotions(terms, locale)
        # A pinned page is shown once, above the first page of results, and on
        # no page among them, so every page counts and splits the same list.
        pinned_ids = {item["page"].pk for item in pinned if "page" in item}
        if pinned_ids:
            outcome.hits = [hit for hit in outcome.hits if hit.pk not in pinned_ids]
        if first_page and not filtered and not filters["upcoming"]:
            # A new search, not a change of page or filter: count it.
            queries.record_search(
                request.GET.get("query", ""), terms, len(outcome.hits) + len(pinned)
            )
        # A page number that is not a number shows the first page, one past the
        # end the last: a resident always gets a useful page.
        page = Paginator(outcome.hits, settings.NOTICEBOARD_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        if not first_page:
            pinned = []
        page.object_list = queries.fetch_pages(page.object_list)
        context.update(
            search_results=page,
            facets=outcome.facets,
            filters=filters,
            matched_all_words=outcome.matched_all_words,
            total_unfiltered=outcome.total_unfiltered,
            filtered=filtered,
            promotions=pinned,
        )
    return TemplateResponse(request, "search/search.html", context)


# Suggestions while typing: a few titles, cached briefly, since each keystroke
# of every resident could otherwise be a query. The key carries the page
# cache's version, so a page unpublished or made private leaves the
# suggestions at once, as it leaves every cached page.
AUTOCOMPLETE_RESULTS = 8
AUTOCOMPLETE_CACHE_SECONDS = 300


@require_GET
def autocomplete(request):
    """{"results": [{"title", "url", "type"}, …]} of pages whose titles or
    summaries start with what was typed; empty for fewer than two letters."""
    terms = queries.clean_query(request.GET.get("q", ""))[:50]
    locale = Locale.get_active()
    results = []
    if len(terms) >= 2:
        digest = hashlib.sha256(terms.lower().encode()).hexdigest()
        key = f"search-autocomplete:{current_version()}:{locale.pk}:{digest}"
        results = cache.get(key)
        if results is None:
            pages = queries.suggestions(terms, locale, AUTOCOMPLETE_RESULTS)
            results = [
                {
                    "title": page.title,
                    "url": page.get_url(request),
                    "type": queries.type_label(page),
                }
                for page in pages
            ]
            cache.set(key, results, AUTOCOMPLETE_CACHE_SECONDS)
    response = JsonResponse({"results": results})
    # Browsers only, and briefly: a shared cache in front is not purged of it.
    response["Cache-Control"] = "private, max-age=60"
    return response
