"""Have your say reacting to publishing, without other apps importing this one.

* a new Have your say index page (in any language) gets the Council
  officers' page permissions;
* publishing a question whose reply is written tells its participants, once;
* approving (publishing) a group contribution makes the photo or document
  sent with it readable by anyone; unpublishing puts it back behind the
  moderators' restriction, and deleting it deletes the files that never
  left it (media.py);
* publishing, unpublishing or deleting a question or a group contribution,
  and an answer counted or its excerpt shown, make the cached sections (home
  page, group pages, transparency) and the anonymous page cache stale.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, published, unpublished

from moderation.stats import SECTIONS_CACHE_KEY

from .media import delete_waiting_attachments, publish_attachments, withdraw_attachments
from .models import GroupContribution, HaveYourSayIndexPage, QuestionPage

FRAGMENT_VERSION_KEY = "participation:fragment-version"


def fragment_version():
    from django.core.cache import cache

    return cache.get_or_set(FRAGMENT_VERSION_KEY, 1, timeout=None)


def content_changed(**kwargs):
    """Questions, contributions or the answers counted or shown changed: the
    cached sections are stale, and so are the cached public pages that show
    them (home/pagecache.py; a question's own publishing purges it already)."""
    from django.core.cache import cache

    from home.pagecache import purge_pages

    purge_pages()
    cache.delete(SECTIONS_CACHE_KEY)
    try:
        cache.incr(FRAGMENT_VERSION_KEY)
    except ValueError:
        cache.set(FRAGMENT_VERSION_KEY, 2, timeout=None)


def on_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .roles import grant_officers

        grant_officers(instance)


def on_question_published(sender, instance, **kwargs):
    content_changed()
    if instance.has_reply and not instance.alias_of_id:
        from .services import tell_participants_of_reply

        tell_participants_of_reply(instance)


def on_contribution_published(sender, instance, **kwargs):
    publish_attachments(instance)


def on_contribution_unpublished(sender, instance, **kwargs):
    withdraw_attachments(instance)


def on_contribution_deleted(sender, instance, **kwargs):
    delete_waiting_attachments(instance)


def connect():
    post_save.connect(
        on_index_saved, sender=HaveYourSayIndexPage, dispatch_uid="participation_index_saved"
    )
    page_published.connect(
        on_question_published, sender=QuestionPage, dispatch_uid="participation_question_published"
    )
    page_unpublished.connect(
        content_changed, sender=QuestionPage, dispatch_uid="participation_question_unpublished"
    )
    post_delete.connect(
        content_changed, sender=QuestionPage, dispatch_uid="participation_question_deleted"
    )
    for signal, name in [(published, "published"), (unpublished, "unpublished")]:
        signal.connect(
            content_changed,
            sender=GroupContribution,
            dispatch_uid=f"participation_contribution_{name}",
        )
    published.connect(
        on_contribution_published,
        sender=GroupContribution,
        dispatch_uid="participation_contribution_attachments_published",
    )
    unpublished.connect(
        on_contribution_unpublished,
        sender=GroupContribution,
        dispatch_uid="participation_contribution_attachments_unpublished",
    )
    post_delete.connect(
        on_contribution_deleted,
        sender=GroupContribution,
        dispatch_uid="participation_contribution_attachments_deleted",
    )
    post_delete.connect(
        content_changed, sender=GroupContribution, dispatch_uid="participation_contribution_deleted"
    )
