"""Onboarding a community organisation: its editors group, its collection of
images and documents, whether it is trusted, and invitations for its
volunteers.

The one place onboarding happens: the admin's "Onboard a group" screen
(admin_views.py), ``manage.py onboard_group`` and the demo all call
``onboard_organisation`` (or ``onboard`` when nobody is invited). Safe to
repeat: onboarding twice changes nothing.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from wagtail.log_actions import log
from wagtail.models import Collection, Locale

from groups.models import GroupIndexPage, GroupPage
from home.sites import default_site

from .mail import invite
from .models import Organisation
from .roles import (
    ADMIN_ACCESS,
    MEDIA_PERMISSIONS,
    get_or_invite_user,
    grant_collection,
    permissions,
)
from .trust import set_trusted, sync_permissions


def editors_group_name(group_page):
    return f"{group_page.title} editors"[:150]


def default_language_group_pages():
    """The group pages an organisation can be onboarded for: those in the
    default site's language (translations share the original's permissions)."""
    site = default_site()
    locale = site.root_page.locale if site else Locale.get_default()
    return GroupPage.objects.filter(locale=locale)


def find_group_page(identifier):
    """The default-language group page with this title (any case) or slug, or None."""
    return (
        default_language_group_pages()
        .filter(Q(title__iexact=identifier) | Q(slug=identifier))
        .first()
    )


def create_group_page(title, summary, user=None):
    """A draft group page in the default site's group directory."""
    site = default_site()
    index = GroupIndexPage.objects.filter(locale=site.root_page.locale).first()
    page = GroupPage(title=title, summary=summary, live=False, owner=user)
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


@transaction.atomic
def onboard(group_page, *, trusted=None, user=None):
    """Create (or bring up to date) the Organisation of ``group_page``: its
    editors group and collection, trusted or not (None leaves it as it is;
    new organisations are not trusted). Returns (organisation, created)."""
    organisation = Organisation.objects.filter(
        group_page__translation_key=group_page.translation_key
    ).first()
    created = organisation is None
    if created:
        editors, _ = Group.objects.get_or_create(name=editors_group_name(group_page))
        root_collection = Collection.get_first_root_node()
        collection = root_collection.get_children().filter(
            name=group_page.title
        ).first() or root_collection.add_child(name=group_page.title)
        organisation = Organisation.objects.create(
            group_page=group_page, editors=editors, collection=collection
        )
        editors.permissions.add(*permissions(ADMIN_ACCESS))
        grant_collection(editors, collection, MEDIA_PERMISSIONS)
        log(
            instance=group_page,
            action="moderation.onboard",
            user=user,
            data={"group": editors.name, "collection": collection.name},
        )
    if trusted is None:
        sync_permissions(organisation)
    else:
        set_trusted(organisation, trusted, user=user)
    return organisation, created


def onboard_organisation(
    *, group_page=None, title="", summary="", trusted=None, emails=(), user=None
):
    """Everything onboarding does: create the group page if there is none,
    onboard it, add each address as one of its editors and invite those who
    have no password yet. Returns (organisation, created, invited addresses)."""
    if group_page is None:
        group_page = create_group_page(title, summary, user)
    organisation, created = onboard(group_page, trusted=trusted, user=user)
    invited = []
    for email in emails:
        volunteer, new = get_or_invite_user(email)
        volunteer.groups.add(organisation.editors)
        if new or not volunteer.has_usable_password():
            invite(volunteer, organisation.editors.name)
            invited.append(email)
    return organisation, created, invited
