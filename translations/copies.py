"""Untranslated copies (wagtail-localize "aliases"): which pages are copied
into the other languages' trees, and making the copies fast.

A copy shows its source's title and text to everyone who can open it, a
language's translators included, so only pages anyone may read are copied:
live and public by the site's one rule (home/listing.py ``public()``), under
a parent that is copied too. A draft or a private page, and everything under
it, gets its copies when it becomes public (translations/signals.py), not
before.

Copies are made with Wagtail's own ``create_alias`` (so the copy is what
wagtail-localize would make), given its place in the tree directly: the
children of a parent are counted once a batch, not once a copy, and the
copy skips treebeard's re-reading of the parent and Wagtail's validation of
data copied from a page that was valid already. The search index and the
reference index are updated once a batch (``deferred_indexing``) instead of
queueing two tasks a copy, and the anonymous page cache is purged once a
batch, after it is committed.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db import transaction
from django.db.models import F
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, PageViewRestriction

from home import pagecache
from home.listing import pages


def synchronised_locales(locale):
    """The locales whose trees are kept in step with ``locale``'s."""
    from wagtail_localize.models import LocaleSynchronization

    return Locale.objects.filter(
        pk__in=LocaleSynchronization.objects.filter(sync_from=locale).values("locale_id")
    ).order_by("language_code")


def copyable(locale, within=None):
    """The pages of ``locale`` (not copies themselves) that may be copied, in
    tree order, as (pk, path, translation_key): public, and under no page of
    the locale that is not (a draft or private page closes its whole
    subtree). ``within`` (a page) keeps its subtree only, and nothing when
    one of its ancestors is closed. A few queries, whatever the size of the
    tree."""
    sources = Page.objects.filter(locale=locale, alias_of__isnull=True, depth__gt=1)
    public = pages().public().filter(locale=locale)
    if within is not None:
        steps = range(within.steplen * 2, len(within.path), within.steplen)
        ancestors = [within.path[:end] for end in steps]
        if public.filter(path__in=ancestors).count() < len(ancestors):
            return []
        sources = sources.filter(path__startswith=within.path)
        public = public.filter(path__startswith=within.path)
    public = set(public.values_list("pk", flat=True))
    closed = []
    found = []
    for pk, path, key in sources.order_by("path").values_list("pk", "path", "translation_key"):
        if closed and path.startswith(closed[-1]):
            continue
        if pk not in public:
            closed.append(path)
            continue
        found.append((pk, path, key))
    return found


#: Up to this many sources, ``missing`` asks about them by key; beyond, it
#: reads the locale's keys at once.
FEW = 500


def missing(locale, sources):
    """Of ``sources`` (from ``copyable``), those ``locale`` has neither
    translated nor copied yet: the work left, so a run costs what changed."""
    present = Page.objects.filter(locale=locale)
    if len(sources) <= FEW:
        present = present.filter(translation_key__in=[key for _pk, _path, key in sources])
    keys = set(present.values_list("translation_key", flat=True))
    return [source for source in sources if source[2] not in keys]


@contextmanager
def deferred_indexing():
    """Save pages without queueing a search-index and a reference-index task
    for each; index them all in one pass on leaving. Yields the list to which
    the saved pages are added."""
    from django.db.models.signals import post_save
    from modelsearch import signal_handlers as search_handlers
    from wagtail.models import get_page_models
    from wagtail.signal_handlers import disable_reference_index_auto_update

    saved = []
    handler = search_handlers.post_save_signal_handler
    quietened = [
        model for model in get_page_models() if post_save.disconnect(handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield saved
    finally:
        for model in quietened:
            post_save.connect(handler, sender=model)
    index_pages(saved)


def index_pages(saved):
    """What the search-index and reference-index tasks would do for each of
    ``saved``, a model at a time."""
    from modelsearch.backends import get_search_backends
    from wagtail.models import ReferenceIndex

    by_model = defaultdict(list)
    for page in saved:
        by_model[type(page)].append(page.pk)
    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in by_model.items():
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        for backend in backends:
            backend.add_bulk(model, objects)
        for page in objects:
            ReferenceIndex.create_or_update_for_object(page)


def without_restriction_check(parent):
    """``parent`` as the parent of copies: ``create_alias`` looks up the
    parent's view restrictions, to copy the source's own when the parent has
    none, but a public source has none to copy, so the look-up (a query
    through every language, home/listing.py) is skipped."""
    parent.get_view_restrictions = PageViewRestriction.objects.none
    return parent


class CopyMaker:
    """Makes copies in one locale, remembering for the batch each parent's
    copy and the next free place among its children."""

    def __init__(self, locale):
        self.locale = locale
        self.next_path = {}
        self.added = defaultdict(int)
        self.parents = {}

    def parent_copy(self, source):
        parent_path = source.path[: -source.steplen]
        cached = self.parents.get(parent_path)
        if cached is None:
            parent = Page.objects.get(path=parent_path)
            if parent.is_root():
                cached = parent
            else:
                cached = Page.objects.filter(
                    translation_key=parent.translation_key, locale=self.locale
                ).first()
            self.parents[parent_path] = cached and without_restriction_check(cached)
        return cached

    def place(self, parent):
        """The path and depth of the next child of ``parent``."""
        path = self.next_path.get(parent.pk)
        if path is None:
            last = parent.get_last_child()
            path = last._inc_path() if last else parent._get_path(parent.path, parent.depth + 1, 1)
        self.next_path[parent.pk] = Page._get_path(
            path, parent.depth + 1, Page._str2int(path[-Page.steplen :]) + 1
        )
        return path, parent.depth + 1

    def copy(self, source):
        """The copy of ``source`` (a specific page) in the locale; its parent's
        copy must exist. Returns the copy, or None when the parent has none."""
        parent = self.parent_copy(source)
        if parent is None:
            return None
        slug = source.slug
        if parent.is_root():
            # A locale's home page sits beside the others, its slug suffixed.
            slug += "-" + self.locale.language_code
        slug = find_available_slug(parent, slug)
        alias = source.create_alias(
            parent=parent,
            update_slug=slug,
            update_locale=self.locale,
            reset_translation_key=False,
            _mpnode_attrs=self.place(parent),
        )
        self.added[parent.pk] += 1
        self.parents[source.path] = without_restriction_check(alias)
        return alias

    def finish(self):
        """Count the new children of every parent (treebeard's ``numchild``)."""
        for pk, count in self.added.items():
            Page.objects.filter(pk=pk).update(numchild=F("numchild") + count)
        self.added.clear()
        self.next_path.clear()


def make_copies(locale, sources):
    """Copy ``sources`` ((pk, path, translation_key) in tree order, from
    ``copyable``) into ``locale`` in one transaction. Returns how many."""
    if not sources:
        return 0
    chosen = Page.objects.filter(pk__in=[pk for pk, _path, _key in sources]).specific()
    by_pk = {page.pk: page for page in chosen}
    made = 0
    with transaction.atomic(), deferred_indexing() as saved:
        maker = CopyMaker(locale)
        for pk, _path, _key in sources:
            alias = maker.copy(by_pk[pk])
            if alias is not None:
                saved.append(alias)
                made += 1
        maker.finish()
        # New copies show in their language's listings: one purge a batch,
        # once it is committed (making a page does not purge by itself).
        transaction.on_commit(pagecache.purge_pages)
    return made


def copy_everywhere(page):
    """Give ``page``, once it is public, and its public descendants not yet
    copied their copies in every locale kept in step with its own: only
    theirs, not a whole-tree synchronisation. Returns how many were made."""
    made = 0
    locales = list(synchronised_locales(page.locale))
    if not locales:
        return 0
    sources = copyable(page.locale, within=page)
    for locale in locales:
        made += make_copies(locale, missing(locale, sources))
    return made
