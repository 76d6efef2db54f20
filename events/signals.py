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


def feed_urls(page, base_url):
    """The feeds a CDN may hold that show ``page``: the site's feed in every
    language, and its group's."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from groups.models import GroupPage

    group = page.specific_deferred
    group = group if isinstance(group, GroupPage) else getattr(group, "group", None)
    urls = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        with translation.override(code):
            urls.append(base_url + reverse("events:feed"))
            if group is not None:
                urls.append(base_url + reverse("events:group_feed", args=[group.slug]))
    return urls


def connect():
    from wagtail.models import PageViewRestriction

    from home.pagecache import register_dependent_urls

    register_dependent_urls(feed_urls)

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
