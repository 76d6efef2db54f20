"""Changes that show on public pages purge the anonymous page cache (home/pagecache.py).

Pages: publish, unpublish, move, delete. Anything else a page shows registers
with ``purge_on_change(Model, …)``: here the site settings, the vocabularies,
sites, locales, redirects and view restrictions; other apps add theirs
(alerts, venues).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import pagecache


def on_page_changed(sender, instance, **kwargs):
    pagecache.purge_everything([instance])


def on_page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and type(instance) is not Page:
        pagecache.purge_pages()


def on_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = getattr(instance, "page", None)
    pagecache.purge_everything([page] if page is not None else [])


def on_model_changed(sender, raw=False, **kwargs):
    if not raw:
        pagecache.purge_pages()


def on_settings_changed(sender, raw=False, created=False, **kwargs):
    # Settings are created with their defaults on a site's first request,
    # which changes nothing a page shows.
    if not raw and not created:
        pagecache.purge_pages()


def purge_on_change(*models, handler=on_model_changed):
    """Saving or deleting one of ``models`` purges every cached page."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(handler, sender=model, dispatch_uid=f"pagecache_{label}_saved")
        post_delete.connect(
            on_model_changed, sender=model, dispatch_uid=f"pagecache_{label}_deleted"
        )


def connect():
    from django.apps import apps
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Locale, PageViewRestriction, Site

    from .models import Language, Vocabulary

    page_published.connect(on_page_changed, dispatch_uid="pagecache_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="pagecache_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="pagecache_page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"pagecache_restriction_{signal is post_save}",
        )
    purge_on_change(
        *[
            model
            for model in apps.get_models()
            if issubclass(model, BaseSiteSetting | BaseGenericSetting)
        ],
        handler=on_settings_changed,
    )
    vocabularies = [model for model in apps.get_models() if issubclass(model, Vocabulary)]
    purge_on_change(Site, Locale, Redirect, Language, *vocabularies)
