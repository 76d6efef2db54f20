"""Have your say reacting to publishing, without other apps importing this one.

* a new Have your say index page (in any language) gets the Council
  officers' page permissions;
* publishing a question whose reply is written tells its participants, once;
* publishing, unpublishing or deleting a question or a group contribution
  makes the cached sections (home page, group pages, transparency) stale.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, published, unpublished

from moderation.stats import SECTIONS_CACHE_KEY

from .models import GroupContribution, HaveYourSayIndexPage, QuestionPage

FRAGMENT_VERSION_KEY = "participation:fragment-version"


def fragment_version():
    from django.core.cache import cache

    return cache.get_or_set(FRAGMENT_VERSION_KEY, 1, timeout=None)


def content_changed(**kwargs):
    """Questions or contributions changed: the cached sections are stale."""
    from django.core.cache import cache

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
    post_delete.connect(
        content_changed, sender=GroupContribution, dispatch_uid="participation_contribution_deleted"
    )
