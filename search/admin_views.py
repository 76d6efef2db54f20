"""The moderators' report of what residents search for and cannot find."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query

# Who pins search results (Moderators, Site administrators, superusers) sees the report.
REPORT_PERMISSION = "wagtailsearchpromotions.change_searchpromotion"
REPORT_DAYS = 30
REPORT_ROWS = 50


def can_see_report(user):
    return user.is_active and user.has_perm(REPORT_PERMISSION)


def search_report(request):
    if not can_see_report(request.user):
        raise PermissionDenied
    since = timezone.localdate() - datetime.timedelta(days=REPORT_DAYS)
    popular = (
        Query.objects.filter(daily_hits__date__gte=since)
        .annotate(times=Sum("daily_hits__hits"))
        .select_related("outcome")
        .order_by("-times", "query_string")
    )
    return TemplateResponse(
        request,
        "search/admin/report.html",
        {
            "page_title": _("What residents search for"),
            "days": REPORT_DAYS,
            "popular": popular[:REPORT_ROWS],
            "not_found": popular.filter(outcome__results=0)[:REPORT_ROWS],
        },
    )
