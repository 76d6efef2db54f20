"""The site's languages as data: Locale rows, locale trees and translator roles.

``settings.WAGTAIL_CONTENT_LANGUAGES`` (from NOTICEBOARD_LANGUAGES) is the list
of languages. ``sync_locales`` makes the database match it:

* a Locale row per language;
* each non-default locale synchronised from the default one with
  wagtail-localize (a LocaleSynchronization row, then its tree synchronised
  now): public pages not yet translated appear in that locale as aliases
  of the English page, so every locale has the whole public tree (drafts
  and private pages are copied once public, translations/copies.py);
* a "Translators (<language>)" group per non-default language, with add and
  change (never publish) on that locale's tree and wagtail-localize's
  "submit translation" permission;
* the Community moderation workflow attached to every locale's home page.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import get_language_info
from wagtail.models import GroupPagePermission, Locale

from home.sites import locale_root

from . import copies

TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
TRANSLATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
]


def default_language():
    return settings.LANGUAGE_CODE


def other_languages():
    return [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES if code != default_language()]


def english_name(code):
    try:
        return get_language_info(code)["name"]
    except KeyError:
        return code


def translators_group_name(code):
    """ "Translators (Welsh)": the English name, as the other roles are named."""
    return f"Translators ({english_name(code)})"


def translators_group(code):
    return Group.objects.get_or_create(name=translators_group_name(code))[0]


def locale_home(locale):
    """The root page of a locale's tree (its home page), or None."""
    return locale_root(locale)


def ensure_locales():
    """A Locale row per configured language, each synchronised from the default."""
    from wagtail_localize.models import LocaleSynchronization

    default = Locale.objects.get_or_create(language_code=default_language())[0]
    locales = {default.language_code: default}
    for code in other_languages():
        locale = Locale.objects.get_or_create(language_code=code)[0]
        locales[code] = locale
        # .update_or_create would send post_save, which queues a sync in the
        # background; sync_trees below does it now instead.
        if not LocaleSynchronization.objects.filter(locale=locale).exists():
            LocaleSynchronization.objects.bulk_create(
                [LocaleSynchronization(locale=locale, sync_from=default)]
            )
    return locales


#: Pages copied into a locale per transaction: a run that is stopped keeps
#: what it made, and the next run carries on from there.
SYNC_BATCH_SIZE = 200


def missing_copies(default, locale):
    """The default locale's pages, in tree order, that ``locale`` has neither
    translated nor copied, leaving out drafts and private pages and what is
    under them (translations/copies.py): the work left, so a run costs what
    changed. (pk, path, translation_key) each."""
    return copies.missing(locale, copies.copyable(default))


def sync_trees(batch_size=SYNC_BATCH_SIZE, progress=None):
    """Copy every public page of the default locale not yet in a locale into
    it, as an alias, ``batch_size`` pages a transaction. ``progress(code,
    done, total)`` is told after each batch. Returns how many copies were
    made."""
    default = Locale.objects.get(language_code=default_language())
    sources = copies.copyable(default)
    made = 0
    for code in other_languages():
        locale = Locale.objects.get(language_code=code)
        todo = copies.missing(locale, sources)
        for start in range(0, len(todo), batch_size):
            made += copies.make_copies(locale, todo[start : start + batch_size])
            if progress is not None:
                progress(code, min(start + batch_size, len(todo)), len(todo))
    return made


def ensure_translators():
    """A Translators group per other language, with its permissions on that locale's tree."""
    model_permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in TRANSLATOR_PERMISSIONS
    ]
    page_permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=TRANSLATOR_PAGE_PERMISSIONS
        )
    )
    groups = {}
    for code in other_languages():
        group = translators_group(code)
        groups[code] = group
        group.permissions.add(*model_permissions)
        home = locale_home(Locale.objects.get(language_code=code))
        if home is None:
            continue
        GroupPagePermission.objects.filter(group=group).exclude(page=home).delete()
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    return groups


def sync_locales(batch_size=SYNC_BATCH_SIZE, progress=None):
    """Make locales, trees, translator roles and workflows match the settings.
    The trees are copied in batches (sync_trees), each committed on its own."""
    from moderation.roles import attach_workflow_everywhere

    with transaction.atomic():
        locales = ensure_locales()
    sync_trees(batch_size=batch_size, progress=progress)
    with transaction.atomic():
        groups = ensure_translators()
        attach_workflow_everywhere()
    return locales, groups


def translate_page(source, code, *, user=None, publish=True, **fields):
    """Give ``source`` a version of its own in language ``code`` with ``fields``
    set (e.g. title, intro): the locale's untranslated copy (alias) becomes a
    page in its own right, or a copy is made. Saves a revision; publishes it
    only when ``publish`` (the demo and tests; translators go through
    moderation instead, see translations/views.py)."""
    locale = Locale.objects.get(language_code=code)
    target = source.get_translation_or_none(locale)
    if target is None:
        target = source.copy_for_translation(locale, copy_parents=True)
    target = target.specific
    if target.alias_of_id:
        target.alias_of = None
    for name, value in fields.items():
        setattr(target, name, value)
    target.save(clean=False)
    revision = target.save_revision(user=user, clean=False)
    if publish:
        revision.publish(user=user, skip_permission_checks=True)
    target.refresh_from_db()
    return target
