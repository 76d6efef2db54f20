from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "home"
    menu_label = "Venues"
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["name", "postcode", "area"]
    list_filter = ["area"]
    search_fields = ["name", "postcode"]


register_snippet(VenueViewSet)
