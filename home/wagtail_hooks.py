import wagtail.admin.wagtail_hooks as admin_hooks
from wagtail import hooks
from wagtail.admin.widgets.button import ButtonWithDropdownFromHook
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_buttons import ListingDropdown
from .models import AccessFeature, Area, Language, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AccessFeatureViewSet(SnippetViewSet):
    model = AccessFeature
    icon = "user"
    list_display = ["name", "slug"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    list_display = ["name", "english_name", "code"]


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = "Vocabularies"
    menu_icon = "list-ul"
    menu_order = 300
    items = (TopicViewSet, AreaViewSet, AccessFeatureViewSet, LanguageViewSet)


register_snippet(VocabularyGroup)


# Each row's "More options" menu in the page explorer, rendered without a
# template per button (home/admin_buttons.py). Wagtail's hook still makes the
# menu; its entry is taken out of the registry and called from ours, which
# gives the menu it made the faster rendering (importing the module here
# registers it first, so it is there to take out).
hooks._hooks["register_page_listing_buttons"].remove((admin_hooks.page_listing_buttons, 0))


@hooks.register("register_page_listing_buttons")
def page_listing_buttons(page, user, next_url=None):
    for button in admin_hooks.page_listing_buttons(page, user, next_url=next_url):
        if type(button) is ButtonWithDropdownFromHook:
            button.__class__ = ListingDropdown  # the same button, another render_html
        yield button
