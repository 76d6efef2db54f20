"""Admin: "Submit translation for moderation" buttons, wagtail-localize's
listing buttons computed for a whole page of the explorer at once, and the
translation views."""

from urllib.parse import urlencode

import wagtail_localize.wagtail_hooks as localize_hooks
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page
from wagtail_localize import synctree
from wagtail_localize.models import TranslationSource

from home.i18n import locale_code

from . import views
from .copies import copy_everywhere

# wagtail-localize copies (aliases) every page into every other language the
# moment it is created in the admin, drafts included: a language's
# translators, whose grant covers their whole tree, could then read another
# group's draft there. Its hook is taken out (importing ``synctree`` above
# registered it, once) and replaced by one that copies only public pages;
# drafts get their copies when they are published (translations/signals.py).
hooks._hooks["after_create_page"] = [
    (fn, order)
    for fn, order in hooks._hooks.get("after_create_page", [])
    if fn is not synctree.after_create_page
]


@hooks.register("after_create_page")
def copy_new_public_page(request, page):
    copy_everywhere(page)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "translations/to-do/",
            views.translations_to_do_view,
            name="translations_to_do",
        ),
        path(
            "translations/submit/<int:page_id>/",
            views.submit_for_moderation,
            name="translations_submit_for_moderation",
        ),
    ]


def submit_translation_button(page, user, view_name=None, next_url=None):
    """On a page in another language than English that is not an untranslated
    copy: send its translation to the moderators."""
    from django.conf import settings

    if page.is_root() or page.alias_of_id or locale_code(page.locale_id) == settings.LANGUAGE_CODE:
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield ListingButton(
        _("Submit translation for moderation"),
        reverse("translations_submit_for_moderation", args=[page.pk]),
        priority=61,
        icon_name="tasks",
    )


hooks.register("register_page_header_buttons", submit_translation_button)
hooks.register("register_page_listing_more_buttons", submit_translation_button)


class ToDoMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtail_localize.submit_translation")


@hooks.register("register_reports_menu_item")
def register_to_do_report():
    return ToDoMenuItem(
        _("Translations to do"),
        reverse("translations_to_do"),
        icon_name="wagtail-localize-language",
        order=700,
    )


def refuse_translators(request, page, *destination):
    """Translators translate: deleting or moving pages needs another role."""
    from django.core.exceptions import PermissionDenied

    from .permissions import may_restructure

    if not may_restructure(request.user, page):
        raise PermissionDenied


hooks.register("before_delete_page", refuse_translators)
hooks.register("before_move_page", refuse_translators)
hooks.register("before_unpublish_page", refuse_translators)


# wagtail-localize's "Translate this page" and "Sync translated pages" buttons
# cost two queries for every row of the page explorer (100 for a page of 50
# groups). The explorer's rows carry both answers as annotations instead,
# computed in its one listing query; anything else (the page header) still
# asks wagtail-localize. Wagtail has no way to unregister a hook, so its
# listing entry is taken out of the registry here (this module imports
# wagtail-localize's first, so it is there to take out).
UNTRANSLATED = "_has_locale_to_translate_to"
SYNC_SOURCE = "_translation_source_to_sync"
hooks._hooks["register_page_listing_more_buttons"].remove(
    (localize_hooks.page_listing_more_buttons, 0)
)


@hooks.register("construct_explorer_page_queryset")
def annotate_translation_buttons(parent_page, pages, request):
    """What the buttons need, for every row, in the listing's own query."""
    translations = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
    ).values("locale_id")
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"),
        object__content_type=ContentType.objects.get_for_model(Page),
        locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    ).values("pk")[:1]
    return pages.annotate(
        **{
            UNTRANSLATED: Exists(Locale.objects.exclude(id__in=translations)),
            SYNC_SOURCE: sources,
        }
    )


@hooks.register("register_page_listing_more_buttons")
def translation_listing_buttons(page, user, view_name=None, next_url=None):
    """wagtail-localize's buttons, from the explorer's annotations when the row has them."""
    if not hasattr(page, UNTRANSLATED):
        yield from localize_hooks.page_listing_more_buttons(page, user, view_name, next_url)
        return
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    if getattr(page, UNTRANSLATED):
        yield Button(
            gettext("Translate this page"),
            reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id]),
            priority=60,
            icon_name="wagtail-localize-language",
        )
    source_id = getattr(page, SYNC_SOURCE)
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(gettext("Sync translated pages"), url, priority=60, icon_name="resubmit")
