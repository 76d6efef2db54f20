"""Saving a translation as a draft must not change what the public sees.

wagtail-localize's ``Translation.save_target(publish=False)`` writes the
translated text into the target page's row before saving a revision, and
the row is what the site serves: a live translated page would show an
unreviewed translation at once, and an untranslated copy (alias) being
converted into a translation stays live. ``install()`` (called from
``TranslationsConfig.ready``) wraps ``save_target`` so that, when it does
not publish, a live page is put back to its published revision (the new
text stays as the latest draft revision, for moderation), and a converted
alias (an untranslated copy) keeps serving the text it served, live, until a
moderator approves its translation: starting a translation never takes the
public copy offline.
Publishing (``publish=True``) is unchanged: the callers check permission.
"""

import functools

from wagtail.models import Page, Revision

_installed = False


def install():
    global _installed
    if _installed:
        return
    from wagtail_localize.models import Translation

    original = Translation.save_target

    @functools.wraps(original)
    def save_target(self, user=None, publish=True):
        before = _target_page(self)
        original(self, user=user, publish=publish)
        if publish or before is None or not before.live:
            return
        keep_public_version(before, user)

    Translation.save_target = save_target
    _installed = True


def _target_page(translation):
    if translation.source.specific_content_type.model_class() is None:
        return None
    try:
        target = translation.get_target_instance()
    except Exception:  # noqa: BLE001 - no target yet, or not a page
        return None
    return target if isinstance(target, Page) else None


def keep_public_version(before, user=None):
    """Undo a draft save on a live page's row: restore its live revision, or,
    for a converted alias, the copied text it served. The translation stays
    as the latest revision, for the moderator."""
    page = Page.objects.get(pk=before.pk).specific
    if before.alias_of_id or before.live_revision_id is None:
        public = before.specific if type(before) is Page else before
        public.alias_of_id = None  # a translation now, not a copy any more
        public.live = True
        public.latest_revision_id = page.latest_revision_id
        public.draft_title = page.draft_title
        public.has_unpublished_changes = True
        public.save(clean=False)
        return
    live = Revision.objects.get(pk=before.live_revision_id).as_object()
    live.live = True
    live.live_revision_id = before.live_revision_id
    live.has_unpublished_changes = True
    live.save(clean=False)
