from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import can_see_report, search_report


@hooks.register("register_admin_urls")
def search_admin_urls():
    return [path("reports/searches/", search_report, name="search_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def search_report_menu_item():
    return SearchReportMenuItem(
        _("What residents search for"),
        reverse("search_report"),
        name="what-residents-search-for",
        icon_name="search",
        order=760,
    )
