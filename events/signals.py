"""Keep occurrences and the organising group in step with the page's life."""

from django.db import models
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from .feeds import bump_feed_version
from .models import EventPage
from .occurrences import remove_occurrences, write_occurrences


def on_published(sender, instance, **kwargs):
    # Calendar apps take a change only if SEQUENCE goes up.
    EventPage.objects.filter(pk=instance.pk).update(sequence=models.F("sequence") + 1)
    instance.sequence += 1
    write_occurrences(instance)
    bump_feed_version()


def on_unpublished(sender, instance, **kwargs):
    remove_occurrences(instance)
    bump_feed_version()


def on_deleted(sender, instance, **kwargs):
    bump_feed_version()


def on_feed_content_changed(sender, **kwargs):
    """A page became private or public again, or a group (whose name a feed
    carries) was published: cached feeds are rebuilt."""
    bump_feed_version()


def connect():
    from wagtail.models import PageViewRestriction

    from groups.models import GroupPage

    for signal in (post_save, post_delete):
        signal.connect(
            on_feed_content_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"events_feeds_restriction_{signal is post_save}",
        )
    page_published.connect(
        on_feed_content_changed, sender=GroupPage, dispatch_uid="events_feeds_group"
    )
    page_published.connect(on_published, sender=EventPage, dispatch_uid="events_published")
    page_unpublished.connect(on_unpublished, sender=EventPage, dispatch_uid="events_unpublished")
    post_delete.connect(on_deleted, sender=EventPage, dispatch_uid="events_deleted")
