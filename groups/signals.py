"""Keep the ``group`` of events and news in step when a page is moved."""

from wagtail.signals import post_page_move

from .models import GroupOwnedMixin


def on_moved(sender, instance, **kwargs):
    if issubclass(sender, GroupOwnedMixin):
        page = sender.objects.get(pk=instance.pk)
        sender.objects.filter(pk=page.pk).update(group=page.find_group())


def connect():
    post_page_move.connect(on_moved, dispatch_uid="groups_owned_page_moved")
    # Venues show on group and event pages: a change purges the page cache.
    from home.signals import purge_on_change

    from .models import Venue

    purge_on_change(Venue)
