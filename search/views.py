"""Site search over groups, events, news and standard pages."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.models import Page

from home.i18n import localized

# A query longer than this is cut: nobody types more, and it bounds the work.
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("query", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        # Each page in the visitor's language where it is translated, else in
        # English (home/i18n.py), so a Polish visitor finds the Polish event.
        results = localized(Page.objects.live().public()).specific().search(query, operator="and")
    paginator = Paginator(results, settings.NOTICEBOARD_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(str(error)) from error
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "search_results": page}
    )
