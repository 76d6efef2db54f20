"""The photo or document an unlisted group sends with its conclusion.

What the public form takes is checked by home/uploads.py. It is kept as a
Wagtail image or document under a random name in the "Public submissions"
collection, which only Moderators and Site administrators may open (Wagtail
serves a document only after its collection's view restriction lets the
reader in; documents' files are never served around that, noticeboard/urls.py).
When a moderator approves the contribution its files move to "Group
conclusions", which anyone may read, and back if it is unpublished. A photo is
only shown (as a rendition) on the question page of an approved contribution.
The collections are made by the migration 0003_submission_collections.
"""

import secrets

from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from moderation.roles import MODERATORS, SITE_ADMINISTRATORS

SUBMISSIONS_COLLECTION = "Public submissions"
PUBLISHED_COLLECTION = "Group conclusions"


def _collection(name):
    collection = Collection.objects.filter(depth=2, name=name).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    return collection


def submissions_collection():
    """Where files wait for a moderator; readable by moderators only."""
    collection = _collection(SUBMISSIONS_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=[MODERATORS, SITE_ADMINISTRATORS]))
    return collection


def published_collection():
    return _collection(PUBLISHED_COLLECTION)


def random_name(extension):
    """Nobody can guess where a waiting photo's file is from what was sent."""
    return f"{secrets.token_urlsafe(18)}.{extension}"


def store_attachment(upload, kind, title):
    """The upload kept as an image or a document, waiting for a moderator."""
    extension = upload.name.rsplit(".", 1)[-1].lower()
    upload.seek(0)
    if kind == "image":
        record = get_image_model()(
            title=title[:255],
            file=ImageFile(upload, name=random_name(extension)),
            collection=submissions_collection(),
        )
        record._set_image_file_metadata()
    else:
        record = get_document_model()(
            title=title[:255],
            file=File(upload, name=random_name(extension)),
            collection=submissions_collection(),
        )
        record._set_document_file_metadata()
    record.save()
    return record


def _attachments(contribution):
    return [item for item in (contribution.image, contribution.document) if item is not None]


def _move(contribution, source_name, target):
    for item in _attachments(contribution):
        if item.collection.name == source_name and item.collection.depth == 2:
            type(item).objects.filter(pk=item.pk).update(collection=target)


@transaction.atomic
def publish_attachments(contribution):
    """Approved: its waiting files become readable by anyone."""
    _move(contribution, SUBMISSIONS_COLLECTION, published_collection())


@transaction.atomic
def withdraw_attachments(contribution):
    """Unpublished: its files go back behind the moderators' restriction."""
    _move(contribution, PUBLISHED_COLLECTION, submissions_collection())


def delete_waiting_attachments(contribution):
    """When a contribution is deleted (refused, or never confirmed): delete
    its files that never left the moderators' collection. Wagtail's own
    handlers delete the stored files once the transaction commits."""
    for item in _attachments(contribution):
        if item.collection.name == SUBMISSIONS_COLLECTION and item.collection.depth == 2:
            item.delete()
