"""Keep occurrences and the organising group in step with the page's life."""

from wagtail.signals import page_published, page_unpublished

from .models import EventPage
from .occurrences import remove_occurrences, write_occurrences


def on_published(sender, instance, **kwargs):
    write_occurrences(instance)


def on_unpublished(sender, instance, **kwargs):
    remove_occurrences(instance)


def connect():
    page_published.connect(on_published, sender=EventPage, dispatch_uid="events_published")
    page_unpublished.connect(on_unpublished, sender=EventPage, dispatch_uid="events_unpublished")
