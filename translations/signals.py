"""Copies follow a page becoming public (translations/copies.py).

Publishing a page, or removing its view restriction, gives it (and its public
descendants not yet copied) its copies in every language at once, in the same
transaction, so the page is in every language's tree when the publish
returns. Only that page's copies are made, never a whole-tree sync: a handful
of pages, which costs less than queueing a task, and needs no worker to be
running for a new page to appear at /cy/, /pl/ and /ur/.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published

from .copies import copy_everywhere


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


def connect():
    page_published.connect(copy_published_page, dispatch_uid="translations_copy_published")
    post_delete.connect(
        copy_when_restriction_removed,
        sender=PageViewRestriction,
        dispatch_uid="translations_copy_unrestricted",
    )
