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


def _step(number):
    digits = ""
    while number:
        number, digit = divmod(number, 36)
        digits = ALPHABET[digit] + digits
    return digits.rjust(STEPLEN, "0")


def _next(path):
    return path[:-STEPLEN] + _step(int(path[-STEPLEN:], 36) + 1)


def _insert_in_order(Collection, root, name):
    """Add ``name`` under ``root`` where treebeard expects it: Wagtail keeps a
    collection's children sorted by name (node_order_by), and a historical
    model has no add_child. The later siblings, with their subtrees, move up
    one place, the last first, so no path is ever taken twice."""
    siblings = Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path)
    later = list(siblings.filter(name__gt=name).order_by("-path"))
    if later:
        path = later[-1].path
        for sibling in later:
            moved = _next(sibling.path)
            subtree = Collection.objects.filter(path__startswith=sibling.path).order_by("-path")
            for node in subtree:
                node.path = moved + node.path[len(sibling.path) :]
                node.save(update_fields=["path"])
    else:
        last = siblings.order_by("-path").first()
        path = _next(last.path) if last else root.path + _step(1)
    Collection.objects.create(name=name, path=path, depth=root.depth + 1, numchild=0)
    root.numchild += 1
    root.save(update_fields=["numchild"])


def create_collections(apps, schema_editor):
    Collection = apps.get_model("wagtailcore.Collection")
    Restriction = apps.get_model("wagtailcore.CollectionViewRestriction")
    Group = apps.get_model("auth.Group")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    for name in (SUBMISSIONS, PUBLISHED):
        if not Collection.objects.filter(depth=2, name=name).exists():
            _insert_in_order(Collection, root, name)
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
