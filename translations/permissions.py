"""Which languages a user may translate into: the locales whose tree they may edit."""

from wagtail.models import Locale, Page

from home.listing import pages
from home.sites import locale_roots
from moderation.roles import closed_copies


def translatable_locales(user):
    """Locales whose home page (the root of the locale's tree) ``user`` can
    edit: all of them for moderators and administrators, one for a
    translator of one language."""
    homes = locale_roots().select_related("locale")
    ids = [home.locale_id for home in homes if home.permissions_for_user(user).can_edit()]
    return Locale.objects.filter(pk__in=ids)


def can_publish_all(user, translations):
    """True when ``user`` may publish every target of ``translations``."""
    for translation in translations:
        try:
            target = translation.get_target_instance()
        except Exception:  # noqa: BLE001 - not created yet: judge by the source
            target = translation.source.get_source_instance()
        if isinstance(target, Page):
            if not target.permissions_for_user(user).can_publish():
                return False
        elif not user.is_superuser:
            return False
    return True


def is_public(page):
    """Public by the site's one rule (home/listing.py): live, and neither it,
    an ancestor, nor a translation or alias of them behind a view restriction."""
    return pages().public().filter(pk=page.pk).exists()


def may_read_source(user, page):
    """Whether ``user`` may make a copy or a translation of ``page``, and so
    read its text: a page anyone can read on the site, or one they could
    already edit. Drafts and private pages of others stay closed."""
    if user.is_superuser:
        return True
    return page.permissions_for_user(user).can_edit() or is_public(page)


def may_open_copy(user, page_id):
    """Whether ``user`` may open the page ``page_id`` in the admin as far as
    copies go: a page that is not an untranslated copy (alias) is for Wagtail's
    own permissions to judge; a copy only for someone who may read its source
    (moderation.roles.closed_copies, the rule the explorer and the chooser
    follow too), since it shows the source's text and title."""
    if user.is_superuser:
        return True
    return not Page.objects.filter(pk=page_id, pk__in=closed_copies(user)).exists()


# Every language's Translators group is named so (locales.translators_group_name).
TRANSLATORS_PREFIX = "Translators ("


def may_restructure(user, page):
    """Whether ``user`` may delete or move ``page``: only through a role other
    than Translators (a translator translates; they never delete, move or
    unpublish, even the pages of their own language)."""
    if user.is_superuser:
        return True
    from wagtail.models import GroupPagePermission

    grants = (
        GroupPagePermission.objects.filter(
            group__user=user, permission__codename__in=["add_page", "change_page"]
        )
        .exclude(group__name__startswith=TRANSLATORS_PREFIX)
        .values_list("page__path", flat=True)
    )
    return any(page.path.startswith(path) for path in grants)
