"""Site search over groups, events, news and standard pages (see queries.py)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale

from . import queries

# What the search box shows back: the first characters of what was typed.
MAX_SHOWN_QUERY_LENGTH = queries.MAX_QUERY_LENGTH


def search(request):
    shown_query = request.GET.get("query", "").strip()[:MAX_SHOWN_QUERY_LENGTH]
    terms = queries.clean_query(request.GET.get("query", ""))
    locale = Locale.get_active()
    context = {"search_query": shown_query, "search_terms": terms}
    if terms:
        names = queries.vocabularies(locale)
        filters, ignored = queries.clean_filters(request.GET, names)
        outcome = queries.search_site(terms, filters, names, locale=locale)
        filtered = bool(filters["type"] or filters["topic"] or filters["area"])
        first_page = request.GET.get("page") in (None, "", "1")
        pinned = queries.promotions(terms, locale) if first_page else []
        # A pinned page is shown once, above the results, not again among them.
        pinned_ids = {item["page"].pk for item in pinned if "page" in item}
        if pinned_ids:
            outcome.hits = [hit for hit in outcome.hits if hit.pk not in pinned_ids]
        if first_page and not filtered and not filters["upcoming"]:
            # A new search, not a change of page or filter: count it.
            queries.record_search(
                request.GET.get("query", ""), terms, len(outcome.hits) + len(pinned)
            )
        paginator = Paginator(outcome.hits, settings.NOTICEBOARD_PAGE_SIZE)
        # A page number that is not a number shows the first page, one past the
        # end the last: a resident always gets a useful page.
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = queries.fetch_pages(page.object_list)
        context.update(
            search_results=page,
            facets=outcome.facets,
            filters=filters,
            ignored_filters=ignored,
            matched_all_words=outcome.matched_all_words,
            total_unfiltered=outcome.total_unfiltered,
            filtered=filtered,
            promotions=pinned,
        )
    return TemplateResponse(request, "search/search.html", context)
