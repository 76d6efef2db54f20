"""Untranslated copies (wagtail-localize "aliases"): which pages are copied
into the other languages' trees, and making the copies fast.

A copy shows its source's title and text to everyone who can open it, a
language's translators included, so only pages anyone may read are copied:
live and public by the site's one rule (home/listing.py ``public()``), under
a parent that is copied too. A draft or a private page, and everything under
it, gets its copies when it becomes public (translations/signals.py), not
before.

Copies are what Wagtail's own ``create_alias`` makes (so a copy is what
wagtail-localize would make), written a batch at a time (``CopyMaker``):
each copy is built in memory as ``create_alias`` builds it, given its place
in the tree, its slug and its parent's ``numchild`` from what the batch
knows, then the batch is written in a few multi-row inserts, with the
signals saving would send. tests/test_bulk_copies.py compares such copies,
field by field, with ``create_alias``'s. The search index and the reference
index are updated once a batch (``deferred_indexing``) instead of queueing
two tasks a copy, and the anonymous page cache is purged once a batch,
after it is committed.
"""

import copy
from collections import defaultdict
from contextlib import contextmanager
from functools import cache
from typing import NamedTuple

from django.db import connections, router, transaction
from django.db.models import F
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail.models import Locale, Page, PageViewRestriction, TranslatableMixin
from wagtail.models.copying import _extract_field_data

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

    by_model = defaultdict(list)
    for page in saved:
        by_model[type(page)].append(page.pk)
    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in by_model.items():
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        for backend in backends:
            backend.add_bulk(model, objects)
        index_references(model, objects)


def index_references(model, objects):
    """``ReferenceIndex.create_or_update_for_object`` for each of
    ``objects`` (of ``model``), its rows written in one insert."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    if not objects:
        return
    content_types = [
        ContentType.objects.get_for_model(each, for_concrete_model=False)
        for each in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    # What an object had is replaced by what it has (the rows a page of the
    # same id may have left behind included).
    ReferenceIndex.objects.filter(
        base_content_type=base_content_type,
        content_type__in=content_types,
        object_id__in=[str(each.pk) for each in objects],
    ).delete()
    rows = [
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=each.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for each in objects
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(each)
        )
    ]
    ReferenceIndex.objects.bulk_create(
        rows,
        ignore_conflicts=connections[
            router.db_for_write(ReferenceIndex)
        ].features.supports_ignore_conflicts,
    )


def without_restriction_check(parent):
    """``parent`` as the parent of copies: ``create_alias`` looks up the
    parent's view restrictions, to copy the source's own when the parent has
    none, but a public source has none to copy, so the look-up (a query
    through every language, home/listing.py) is skipped."""
    parent.get_view_restrictions = PageViewRestriction.objects.none
    return parent


class CopyMaker:
    """Makes copies in one locale, remembering for the batch each parent's
    copy, the next free place among its children and the slugs taken there.

    A copy is built as ``create_alias`` builds it (Wagtail's own extraction
    of the fields and modelcluster's copy of the inline children and
    parental many-to-many values, from rows prefetched for the batch, with
    the same changes), then written with the batch's other copies in a few
    multi-row inserts (``write_copies``): the page rows, each page type's
    rows, the inline children, the many-to-many rows and the two log entries
    ``create_alias`` writes, with the ``pre_save`` and ``post_save`` signals
    ``save`` sends. A page type whose ``save`` does more than this module
    knows (``save_steps``) or that cannot be inserted so, and a page with an
    inline child that has children of its own (an editor's comment with its
    replies), is copied by ``create_alias`` itself."""

    def __init__(self, locale):
        self.locale = locale
        self.next_path = {}
        self.slugs = {}
        self.added = defaultdict(int)
        self.parents = {}
        self.pending = []

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
        path = self.next_path.get(parent.path)
        if path is None:
            last = parent.get_last_child() if parent.pk else None
            path = last._inc_path() if last else parent._get_path(parent.path, parent.depth + 1, 1)
        self.next_path[parent.path] = Page._get_path(
            path, parent.depth + 1, Page._str2int(path[-Page.steplen :]) + 1
        )
        return path, parent.depth + 1

    def slug(self, parent, requested):
        """``find_available_slug``'s answer, the batch's own copies counted."""
        taken = self.slugs.get(parent.path)
        if taken is None:
            taken = set()
            if parent.pk:
                taken.update(parent.get_children().values_list("slug", flat=True))
            self.slugs[parent.path] = taken
        slug, number = requested, 1
        while slug in taken:
            slug = f"{requested}-{number}"
            number += 1
        taken.add(slug)
        return slug

    def copy(self, source):
        """The copy of ``source`` (a specific page) in the locale; its parent's
        copy must exist or be pending in the batch. Returns the copy (saved
        once ``flush`` has run), or None when the parent has none."""
        parent = self.parent_copy(source)
        if parent is None:
            return None
        slug = source.slug
        if parent.is_root():
            # A locale's home page sits beside the others, its slug suffixed.
            slug += "-" + self.locale.language_code
        alias = self.build(source, parent, slug) if bulk_copyable(type(source)) else None
        if alias is None:
            # Its parent must be in the database for create_alias.
            self.flush()
            alias = source.create_alias(
                parent=parent,
                update_slug=self.slug(parent, slug),
                update_locale=self.locale,
                reset_translation_key=False,
                _mpnode_attrs=self.place(parent),
            )
            self.added[parent.pk] += 1
        self.parents[source.path] = without_restriction_check(alias)
        return alias

    def build(self, source, parent, slug):
        """The unsaved copy, as ``create_alias`` makes it before saving, or
        None when it has inline children with children of their own (an
        editor's comment and its replies), left to ``create_alias``."""
        data = _extract_field_data(source, exclude_fields=ALIAS_EXCLUDED_FIELDS)
        alias = type(source)(**data)
        alias.alias_of = source
        # Aliases have no revisions: the draft title is the title.
        alias.draft_title = source.title
        alias.has_unpublished_changes = not source.live
        alias.locale = self.locale
        children = []
        for relation in get_all_child_relations(source):
            # modelcluster's copy_child_relation, from the batch's prefetched rows.
            found = sorted(getattr(source, relation.get_accessor_name()).all(), key=pk_of)
            if found and get_all_child_relations(relation.related_model):
                return None
            target = getattr(alias, relation.get_accessor_name())
            target.clear()
            for child in found:
                child = copy.copy(child)
                child._state = copy.copy(child._state)
                child._state.fields_cache = {}
                child.pk = None
                child.id = None
                child._state.adding = True
                setattr(child, relation.field.attname, None)
                target.add(child)
                children.append((relation, child))
        alias.slug = self.slug(parent, slug)
        for _relation, child in children:
            if isinstance(child, TranslatableMixin):
                child.locale = self.locale
        alias.path, alias.depth = self.place(parent)
        alias.numchild = 0
        alias.set_url_path(parent)
        if parent.pk:
            self.added[parent.pk] += 1
        else:
            parent.numchild += 1
        self.pending.append(Pending(source, alias, parent, children))
        return alias

    def flush(self):
        """Write the pending copies (see the class)."""
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        write_copies(pending)

    def finish(self):
        """Write what is pending and count the new children of every parent
        that was there before the batch (treebeard's ``numchild``)."""
        self.flush()
        for pk, count in self.added.items():
            Page.objects.filter(pk=pk).update(numchild=F("numchild") + count)
        self.added.clear()
        self.next_path.clear()
        self.slugs.clear()


#: Fields ``create_alias`` leaves out of a copy (Wagtail's own list).
ALIAS_EXCLUDED_FIELDS = [
    "id",
    "path",
    "depth",
    "numchild",
    "url_path",
    "index_entries",
    "postgres_index_entries",
    "latest_revision",
]


class Pending(NamedTuple):
    source: Page
    alias: Page
    parent: Page
    children: list


def set_group(alias, parent):
    """``GroupOwnedMixin.save``: the group is the page's parent, if a group."""
    from groups.models import GroupPage

    if not issubclass(parent.specific_class, GroupPage):
        alias.group = None
    elif isinstance(parent, GroupPage):
        alias.group = parent  # a copy of this batch: its id is set once written
    else:
        alias.group_id = parent.pk


def set_recurrence(alias, parent):
    """``EventPage.save``: the rule is built again from the event's fields."""
    if alias.start:
        alias.recurrence = alias.build_recurrence()


def save_steps():
    """What the site's page types' ``save`` methods do before Wagtail's, by
    the class that defines each; a page type whose ``save`` is not here is
    copied by ``create_alias`` (see ``bulk_copyable``)."""
    from events.models import EventPage
    from groups.models import GroupOwnedMixin

    return {GroupOwnedMixin: set_group, EventPage: set_recurrence}


@cache
def bulk_copyable(model):
    """Whether copies of ``model`` can be written in bulk: a page type
    directly under Page, whose ``save`` does only what ``save_steps`` knows,
    with no many-to-many relation but parental ones (their rows written
    here) and inline children of models in one table each."""
    if list(model._meta.parents) != [Page]:
        return False
    steps = save_steps()
    for cls in model.__mro__[: model.__mro__.index(Page)]:
        if "save" in cls.__dict__ and cls not in steps:
            return False
    for field in model._meta.get_fields():
        if field.many_to_many and not field.auto_created:
            if not isinstance(field, ParentalManyToManyField):
                return False
            if not field.remote_field.through._meta.auto_created:
                return False
    for relation in get_all_child_relations(model):
        child = relation.related_model
        if child._meta.parents:
            return False
        if any(f.many_to_many and not f.auto_created for f in child._meta.get_fields()):
            return False
    return True


def insert(model, objects, fields, returning=None):
    """One multi-row INSERT of ``objects`` into ``model``'s own table (what
    ``bulk_create`` does, which refuses a page type: its rows span two
    tables), in batches the database accepts. Returns the returned rows."""
    using = router.db_for_write(model)
    connection = connections[using]
    size = max(1, connection.ops.bulk_batch_size(fields, objects))
    rows = []
    for start in range(0, len(objects), size):
        rows.extend(
            model._base_manager._insert(
                objects[start : start + size],
                fields=fields,
                returning_fields=returning,
                using=using,
            )
            or []
        )
    return rows


def write_copies(pending):
    """Write copies built by ``CopyMaker.build`` (parents before children),
    with what saving each with ``create_alias`` writes besides."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models.signals import post_save, pre_save
    from django.utils import timezone
    from wagtail.log_actions import get_active_log_context
    from wagtail.models import PageLogEntry, Site

    using = router.db_for_write(Page)
    steps = save_steps()
    for item in pending:
        for cls, step in steps.items():
            if isinstance(item.alias, cls):
                step(item.alias, item.parent)
        pre_save.send(
            sender=type(item.alias), instance=item.alias, raw=False, using=using, update_fields=None
        )

    # The tree is in the paths, so every page row goes in one insert; the
    # ids come back in the rows' order.
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    aliases = [item.alias for item in pending]
    rows = insert(Page, aliases, page_fields, returning=Page._meta.db_returning_fields)
    for alias, (pk,) in zip(aliases, rows, strict=True):
        alias.id = alias.page_ptr_id = pk
        alias._state.adding = False
        alias._state.db = using
    # Foreign keys set to a copy of this batch (a group) take its id now.
    for alias in aliases:
        for field in type(alias)._meta.local_concrete_fields:
            if field.is_relation and getattr(alias, field.attname) is None:
                related = field.get_cached_value(alias, None)
                if related is not None and related.pk is not None:
                    setattr(alias, field.attname, related.pk)

    by_model = defaultdict(list)
    for alias in aliases:
        by_model[type(alias)].append(alias)
    for model, objects in by_model.items():
        insert(model, objects, model._meta.local_concrete_fields)

    children = defaultdict(list)
    through_rows = defaultdict(list)
    for item in pending:
        for relation, child in item.children:
            setattr(child, relation.field.attname, item.alias.pk)
            children[type(child)].append(child)
        for field in type(item.alias)._meta.many_to_many:
            values = getattr(item.alias, "_cluster_related_objects", {}).get(field.name)
            through = field.remote_field.through
            source_name = through._meta.get_field(field.m2m_field_name()).attname
            target_name = through._meta.get_field(field.m2m_reverse_field_name()).attname
            for value in values or ():
                through_rows[through].append(
                    through(**{source_name: item.alias.pk, target_name: value.pk})
                )
    for model, objects in children.items():
        for child in objects:
            pre_save.send(sender=model, instance=child, raw=False, using=using, update_fields=None)
        model.objects.bulk_create(objects)
        for child in objects:
            post_save.send(
                sender=model,
                instance=child,
                created=True,
                raw=False,
                using=using,
                update_fields=None,
            )
    for through, objects in through_rows.items():
        through.objects.bulk_create(objects)
    for alias in aliases:
        cluster = getattr(alias, "_cluster_related_objects", None)
        if cluster:
            for field in type(alias)._meta.many_to_many:
                cluster.pop(field.name, None)

    # The two log entries of each copy: its creation (by its owner, as
    # Page.save logs it) and create_alias's.
    context = get_active_log_context()
    source_parents = {
        page.path: page
        for page in Page.objects.filter(
            path__in={item.source.path[: -Page.steplen] for item in pending}
        )
    }
    entries = []
    for item in pending:
        alias = item.alias
        content_type = ContentType.objects.get_for_model(alias, for_concrete_model=False)
        title = alias.specific_deferred.get_admin_display_title()
        common = {"page": alias, "content_type": content_type, "label": title}
        common["uuid"] = context.uuid
        entries.append(
            PageLogEntry(
                action="wagtail.create",
                timestamp=timezone.now(),
                data={},
                # Page.save logs its owner (by id here: no query a copy).
                user_id=alias.owner_id or (context.user.pk if context.user else None),
                content_changed=True,
                **common,
            )
        )
        source_parent = source_parents.get(item.source.path[: -Page.steplen])
        entries.append(
            PageLogEntry(
                action="wagtail.create_alias",
                timestamp=timezone.now(),
                user=context.user,
                data={
                    "page": {"id": alias.id, "title": alias.get_admin_display_title()},
                    "source": {
                        "id": source_parent.id,
                        "title": source_parent.specific_deferred.get_admin_display_title(),
                    }
                    if source_parent
                    else None,
                    "destination": {
                        "id": item.parent.id,
                        "title": item.parent.specific_deferred.get_admin_display_title(),
                    },
                },
                **common,
            )
        )
    PageLogEntry.objects.bulk_create(entries)

    keys = [alias.translation_key for alias in aliases]
    if Site.objects.filter(root_page__translation_key__in=keys).exists():
        Site.clear_site_root_paths_cache()
    for alias in aliases:
        post_save.send(
            sender=type(alias),
            instance=alias,
            created=True,
            raw=False,
            using=using,
            update_fields=None,
        )


def pk_of(instance):
    return instance.pk


def prefetched(pks):
    """The specific pages of ``pks`` with their inline children and
    parental many-to-many values, a few queries a page type."""
    from django.db.models import Prefetch, prefetch_related_objects

    found = list(Page.objects.filter(pk__in=pks).specific())
    by_model = defaultdict(list)
    for page in found:
        by_model[type(page)].append(page)
    for model, objects in by_model.items():
        lookups = [field.name for field in model._meta.many_to_many]
        lookups += [
            Prefetch(
                relation.get_accessor_name(),
                queryset=relation.related_model._default_manager.order_by("pk"),
            )
            for relation in get_all_child_relations(model)
        ]
        prefetch_related_objects(objects, *lookups)
    return found


def make_copies(locale, sources):
    """Copy ``sources`` ((pk, path, translation_key) in tree order, from
    ``copyable``) into ``locale`` in one transaction. Returns how many."""
    if not sources:
        return 0
    chosen = prefetched([pk for pk, _path, _key in sources])
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
