"""Admin: "Submit translation for moderation" buttons and the translation views."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail_localize import synctree

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
