"""Have your say reacting to publishing, without other apps importing this one.

* a new Have your say index page (in any language) gets the Council
  officers' page permissions;
* publishing a question whose reply is written tells its participants, once;
* an approved group contribution tells its contact (if they asked) and
  clears the cached transparency figures.
"""

from django.db.models.signals import post_save
from wagtail.signals import page_published, published

from moderation.stats import SECTIONS_CACHE_KEY

from .models import GroupContribution, HaveYourSayIndexPage, QuestionPage


def on_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .roles import grant_officers

        grant_officers(instance)


def on_question_published(sender, instance, **kwargs):
    from django.core.cache import cache

    cache.delete(SECTIONS_CACHE_KEY)
    if instance.has_reply and not instance.alias_of_id:
        from .services import tell_participants_of_reply

        tell_participants_of_reply(instance)


def on_contribution_published(sender, instance, **kwargs):
    from django.core.cache import cache

    cache.delete(SECTIONS_CACHE_KEY)


def connect():
    post_save.connect(
        on_index_saved, sender=HaveYourSayIndexPage, dispatch_uid="participation_index_saved"
    )
    page_published.connect(
        on_question_published, sender=QuestionPage, dispatch_uid="participation_question_published"
    )
    published.connect(
        on_contribution_published,
        sender=GroupContribution,
        dispatch_uid="participation_contribution_published",
    )
