"""The two collections of the photos and documents groups send on the public
form: "Public submissions", which only Moderators and Site administrators may
open (a collection view restriction), while a contribution waits for a
moderator; and "Group conclusions", where its files move once approved.

Frozen as literals; participation/media.py finds them by these names (and
makes them again if someone deleted them)."""

from django.db import migrations

SUBMISSIONS = "Public submissions"
PUBLISHED = "Group conclusions"
READERS = ["Moderators", "Site administrators"]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _next_child_path(Collection, root):
    """Treebeard's path for a new last child of ``root`` (a historical model has no add_child)."""
    last = (
        Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = 0 if last is None else int(last[-STEPLEN:], 36)
    step = ""
    number += 1
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return root.path + step.rjust(STEPLEN, "0")


def create_collections(apps, schema_editor):
    Collection = apps.get_model("wagtailcore.Collection")
    Restriction = apps.get_model("wagtailcore.CollectionViewRestriction")
    Group = apps.get_model("auth.Group")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    for name in (SUBMISSIONS, PUBLISHED):
        if Collection.objects.filter(depth=2, name=name).exists():
            continue
        Collection.objects.create(
            name=name, path=_next_child_path(Collection, root), depth=2, numchild=0
        )
        root.numchild += 1
        root.save(update_fields=["numchild"])
    submissions = Collection.objects.get(depth=2, name=SUBMISSIONS)
    if not Restriction.objects.filter(collection=submissions).exists():
        restriction = Restriction.objects.create(collection=submissions, restriction_type="groups")
        restriction.groups.set(Group.objects.filter(name__in=READERS))


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0002_council_officers"),
        ("moderation", "0002_roles_and_workflow"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        # Going back keeps the collections: they may hold files people sent.
        migrations.RunPython(create_collections, migrations.RunPython.noop),
    ]
