from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CalendarImport


class CalendarImportForm(WagtailAdminModelForm):
    url = forms.URLField(label=_("calendar address"), max_length=500, assume_scheme="https")

    class Meta:
        model = CalendarImport
        fields = ["group", "url"]


class CalendarImportViewSet(ModelViewSet):
    """Read-only: each imported calendar's last import, event count and last error."""

    model = CalendarImport
    icon = "calendar"
    menu_label = _("Calendar imports")
    menu_order = 297
    add_to_admin_menu = True
    list_display = [
        "group",
        "url",
        "last_import_at",
        "last_success_at",
        "event_count",
        "last_error",
    ]
    list_filter = ["group"]
    inspect_view_enabled = True
    form_fields = ["group", "url"]

    def get_form_class(self, for_update=False):
        return CalendarImportForm


@hooks.register("register_admin_viewset")
def calendar_import_viewset():
    return CalendarImportViewSet("calendar_imports")
