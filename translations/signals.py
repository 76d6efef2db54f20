"""Copies follow a page becoming public (translations/copies.py).

Publishing a page, or removing its view restriction, gives it (and its public
descendants not yet copied) its copies in every language at once, in the same
transaction, so the page is in every language's tree when the publish
returns. Only that page's copies are made, never a whole-tree sync: a handful
of pages, which costs less than queueing a task, and needs no worker to be
running for a new page to appear at /cy/, /pl/ and /ur/.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published
from wagtail_localize import models as localize

from .copies import copy_everywhere, copyable, make_copies, missing
from .locales import SYNC_BATCH_SIZE


def copy_published_page(sender, instance, **kwargs):
    copy_everywhere(instance)


def copy_when_restriction_removed(sender, instance, **kwargs):
    # After the commit: a restriction is also deleted when its page is, and
    # then there is nothing to copy.
    page_id = instance.page_id

    def copy():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            copy_everywhere(page)

    transaction.on_commit(copy)


def sync_chosen_locale(sender, instance, raw=False, **kwargs):
    """A locale set to synchronise from another (wagtail-localize's Locales
    admin): copy that locale's public pages into it, as sync_locales does.
    wagtail-localize's own receiver would copy every page, drafts and
    private pages included."""
    if raw:
        return

    def sync():
        todo = missing(instance.locale, copyable(instance.sync_from))
        for start in range(0, len(todo), SYNC_BATCH_SIZE):
            make_copies(instance.locale, todo[start : start + SYNC_BATCH_SIZE])

    transaction.on_commit(sync)


def connect():
    post_save.disconnect(
        localize.sync_trees_on_locale_sync_save, sender=localize.LocaleSynchronization
    )
    post_save.connect(
        sync_chosen_locale,
        sender=localize.LocaleSynchronization,
        dispatch_uid="translations_sync_chosen_locale",
    )
    page_published.connect(copy_published_page, dispatch_uid="translations_copy_published")
    post_delete.connect(
        copy_when_restriction_removed,
        sender=PageViewRestriction,
        dispatch_uid="translations_copy_unrestricted",
    )
