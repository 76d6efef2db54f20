"""Copies made in bulk (translations/copies.py) are what Wagtail's own
``create_alias`` makes: every field of the page and its page type, the inline
children, the many-to-many values, the two log entries, the search and
reference index entries and what the site's own signals add (a group's
editors' permissions, the home page's workflow), in a tree treebeard finds
nothing wrong with."""

import datetime

import pytest
from django.db import transaction
from modelcluster.models import get_all_child_relations
from modelsearch.index import insert_or_update_object
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    PageLogEntry,
    ReferenceIndex,
    WorkflowPage,
)
from wagtail.search.models import IndexEntry

from events.models import CalendarFeed, OccurrenceChange
from groups.models import GroupLink
from home.models import HomePageFeaturedGroup
from home.sites import locale_root
from translations import copies

from .factories import (
    AccessFeatureFactory,
    AreaFactory,
    EventPageFactory,
    LanguageFactory,
    NewsPageFactory,
    StandardPageFactory,
    TopicFactory,
    publish,
)


@pytest.fixture
def content(groups, hys):
    """Pages of every kind with inline children and many-to-many values."""
    group = groups["a"]
    group.topics.add(TopicFactory(name="Repair"))
    group.areas.add(AreaFactory(name="Town centre"))
    group.languages.add(LanguageFactory())
    group.access_features.add(AccessFeatureFactory(name="Step-free"))
    group.links.add(GroupLink(kind="mastodon", url="https://social.example.org/@repair"))
    group.calendar_feeds.add(CalendarFeed(url="https://repair.example.org/cal.ics"))
    publish(group)
    event = EventPageFactory(parent=group, title="Weekly fix-up", repeat="weekly")
    event.topics.add(TopicFactory(name="Skills"))
    event.occurrence_changes.add(
        OccurrenceChange(date=(event.start + datetime.timedelta(days=7)).date(), action="cancel")
    )
    publish(event)
    publish(NewsPageFactory(parent=group, title="New tools"))
    about = Page.objects.get(slug="about").specific
    publish(StandardPageFactory(parent=about, title="Policies", slug="policies"))
    home = locale_root(Locale.objects.get(language_code="en")).specific
    home.featured_groups.add(HomePageFeaturedGroup(page=group))
    publish(home)
    return group


def welsh():
    return Locale.objects.get(language_code="cy")


def empty_welsh_tree():
    home = locale_root(welsh())
    if home is not None:
        home.delete()
    assert not Page.objects.filter(locale=welsh()).exists()


def to_paths(value, paths):
    """``value`` (a log entry's data) with page ids as their paths."""
    if isinstance(value, dict):
        return {
            key: paths.get(item, item) if key == "id" else to_paths(item, paths)
            for key, item in value.items()
        }
    return value


def fields(instance, leave_out, paths):
    found = {}
    for field in type(instance)._meta.concrete_fields:
        if field.attname in leave_out:
            continue
        value = getattr(instance, field.attname)
        if field.is_relation and issubclass(field.related_model, Page):
            value = paths.get(value, value)
        found[field.attname] = value
    return found


def placed(content_path, places):
    """A reference's content path with an inline child's id as its place."""
    parts = content_path.split(".")
    if len(parts) > 1 and (parts[0], parts[1]) in places:
        parts[1] = places[parts[0], parts[1]]
    return ".".join(parts)


def snapshot(locale):
    """Everything about the locale's pages, ids replaced by paths."""
    from django.contrib.contenttypes.models import ContentType

    paths = dict(Page.objects.values_list("pk", "path"))
    page_type = ContentType.objects.get_for_model(Page)
    found = {}
    for page in Page.objects.filter(locale=locale).order_by("path").specific():
        children = {
            relation.get_accessor_name(): [
                fields(child, {"id", relation.field.attname}, paths)
                for child in relation.related_model.objects.filter(
                    **{relation.field.attname: page.pk}
                ).order_by("pk")
            ]
            for relation in get_all_child_relations(page)
        }
        many = {
            field.name: sorted(getattr(page, field.name).values_list("pk", flat=True))
            for field in type(page)._meta.many_to_many
        }
        logs = [
            (
                entry.action,
                entry.content_type_id,
                entry.label,
                entry.user_id,
                entry.uuid,
                entry.revision_id,
                entry.content_changed,
                entry.deleted,
                to_paths(entry.data, paths),
            )
            for entry in PageLogEntry.objects.filter(page_id=page.pk).order_by("pk")
        ]
        # An inline child's references name it by id: by its place instead.
        places = {
            (relation.get_accessor_name(), str(pk)): f"#{place}"
            for relation in get_all_child_relations(page)
            for place, pk in enumerate(
                relation.related_model.objects.filter(**{relation.field.attname: page.pk})
                .order_by("pk")
                .values_list("pk", flat=True)
            )
        }

        references = sorted(
            (
                ref.content_type_id,
                ref.base_content_type_id,
                ref.to_content_type_id,
                paths.get(int(ref.to_object_id))
                if ref.to_content_type_id == page_type.pk
                else ref.to_object_id,
                ref.model_path,
                placed(ref.content_path, places),
            )
            for ref in ReferenceIndex.objects.filter(object_id=str(page.pk))
        )
        # title_norm is the average title length of the whole index when
        # the entry was written, so it depends on the order of indexing.
        index = [
            fields(entry, {"id", "object_id", "title_norm"}, paths)
            for entry in IndexEntry.objects.filter(object_id=str(page.pk)).order_by("pk")
        ]
        permissions = sorted(
            GroupPagePermission.objects.filter(page=page).values_list("group_id", "permission_id")
        )
        workflows = list(WorkflowPage.objects.filter(page=page).values_list("workflow_id"))
        found[page.path] = {
            "type": type(page),
            "fields": fields(page, {"id", "page_ptr_id"}, paths),
            "children": children,
            "many": many,
            "logs": logs,
            "references": references,
            "index": index,
            "permissions": permissions,
            "workflows": workflows,
        }
    return found


def tree():
    return list(Page.objects.order_by("path").values_list("path", "depth", "numchild", "url_path"))


def made_by_create_alias(locale):
    """The locale's copies made one by one with Wagtail's create_alias (the
    parent's add_child placing each), indexed as the tasks would."""
    for pk, _path, _key in copies.copyable(Locale.objects.get(language_code="en")):
        source = Page.objects.get(pk=pk).specific
        parent_source = source.get_parent()
        if parent_source.is_root():
            parent, slug = parent_source, f"{source.slug}-{locale.language_code}"
        else:
            parent = parent_source.get_translation(locale)
            slug = source.slug
        alias = source.create_alias(
            parent=parent, update_slug=slug, update_locale=locale, reset_translation_key=False
        )
        insert_or_update_object(alias)
        ReferenceIndex.create_or_update_for_object(alias.specific)


@pytest.mark.django_db
def test_bulk_copies_equal_create_alias_copies_and_keep_the_tree_valid(content):
    empty_welsh_tree()
    locale = welsh()
    sources = copies.copyable(Locale.objects.get(language_code="en"))
    assert len(sources) >= 10
    with transaction.atomic():
        # Small batches: copies whose parent was made in an earlier batch too.
        todo = copies.missing(locale, sources)
        for start in range(0, len(todo), 4):
            copies.make_copies(locale, todo[start : start + 4])
        bulk = snapshot(locale)
        assert Page.find_problems() == ([], [], [], [], [])
        before = tree()
        Page.fix_tree()
        assert tree() == before
        transaction.set_rollback(True)

    made_by_create_alias(locale)
    wagtail = snapshot(locale)

    assert list(bulk) == list(wagtail)
    for path, made in bulk.items():
        assert made == wagtail[path], path
    group_copy = bulk[next(p for p, made in bulk.items() if made["children"].get("links"))]
    assert group_copy["many"]["topics"] and group_copy["children"]["calendar_feeds"]
    assert group_copy["permissions"]
    assert any(made["workflows"] for made in bulk.values())
    assert all(len(made["logs"]) == 2 for made in bulk.values())
    assert all(made["index"] for made in bulk.values())
    assert any(made["children"].get("occurrence_changes") for made in bulk.values())


@pytest.mark.django_db
def test_a_page_with_an_editors_comment_is_copied_by_create_alias(content):
    """An inline child with children of its own (a comment and its replies)
    is left to Wagtail, so it is copied as Wagtail copies it."""
    from wagtail.models import Comment, CommentReply

    from .factories import UserFactory

    news = Page.objects.get(title="New tools").specific
    comment = Comment.objects.create(
        page=news, user=UserFactory(), text="Check the date", contentpath="title"
    )
    CommentReply.objects.create(comment=comment, user=comment.user, text="Done")
    empty_welsh_tree()
    locale = welsh()
    copies.make_copies(locale, copies.missing(locale, copies.copyable(news.locale)))
    copy = news.get_translation(locale)
    assert copy.alias_of_id == news.pk
    copied = Comment.objects.get(page=copy)
    assert copied.text == "Check the date"
    assert list(copied.replies.values_list("text", flat=True)) == ["Done"]
    assert Page.find_problems() == ([], [], [], [], [])


def test_every_page_type_of_the_site_is_copied_in_bulk():
    """A page type whose save() does something copies.py does not know is
    copied one by one by create_alias: correct, but slow at scale. Add what
    its save() does to copies.save_steps (and to the comparison above)."""
    from wagtail.models import get_page_models

    assert [m for m in get_page_models() if m is not Page and not copies.bulk_copyable(m)] == []
