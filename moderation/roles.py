"""The roles of the site and the permissions that make them.

Three kinds of Wagtail group are the roles (docs/governance.md):

* Site administrators: everything, including publishing, users and settings.
* Moderators: edit anything and approve other people's changes; they do not
  publish directly, so their own edits go through another moderator too.
* "<Group name> editors", one per onboarded organisation: add and change (not
  publish) on that GroupPage's subtree in every locale, and a collection for
  the group's images and documents. Editors of a trusted group also publish.

The two site-wide groups and the workflow are created by the data migration
``0002_roles_and_workflow`` (with the lists frozen as they were then);
``ensure_site_roles`` applies the definition below at run time
(``manage.py sync_roles``, ``governance handover`` and tests use it).
Onboarding an organisation is in onboarding.py, trust in trust.py.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

from home.listing import pages as listing_pages
from home.sites import locale_roots

logger = logging.getLogger(__name__)

SITE_ADMINISTRATORS = "Site administrators"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Community moderation"
TASK_NAME = "Moderator review"

# (app_label, codename) of the model permissions of each site-wide role.
ADMIN_ACCESS = [("wagtailadmin", "access_admin")]
MODERATOR_PERMISSIONS = ADMIN_ACCESS + [
    ("moderation", "add_alertbanner"),
    ("moderation", "change_alertbanner"),
    ("moderation", "delete_alertbanner"),
    ("moderation", "view_publicsubmission"),
    ("groups", "add_venue"),
    ("groups", "change_venue"),
]
SITE_ADMINISTRATOR_PERMISSIONS = MODERATOR_PERMISSIONS + [
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "delete_user"),
    ("auth", "add_group"),
    ("auth", "change_group"),
    ("home", "change_sitesettings"),
    ("moderation", "change_reviewsettings"),
    ("moderation", "add_organisation"),
    ("moderation", "change_organisation"),
    ("groups", "delete_venue"),
    ("home", "add_topic"),
    ("home", "change_topic"),
    ("home", "add_area"),
    ("home", "change_area"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
]
# Pinning search results for a query (wagtail.contrib.search_promotions), which
# also shows the "What residents search for" report (search/wagtail_hooks.py).
# First granted by the migration search/0002 (that app's tables come after
# 0002 here); applied by ensure_site_roles with the rest.
SEARCH_PROMOTION_PERMISSIONS = [
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
]
# Seeing how groups' calendar imports went ("Calendar imports" in the admin,
# events/wagtail_hooks.py). First granted by the migration events/0005;
# applied by ensure_site_roles.
CALENDAR_IMPORT_PERMISSIONS = [("events", "view_calendarimport")]
# Page permissions at the root of the tree.
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
SITE_ADMINISTRATOR_PAGE_PERMISSIONS = MODERATOR_PAGE_PERMISSIONS + [
    "publish_page",
    "bulk_delete_page",
]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
TRUSTED_EDITOR_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + ["publish_page"]
# Collection permissions: editors on their own collection, moderators and
# administrators on the root collection (and so on every collection).
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
ADMIN_MEDIA_PERMISSIONS = MEDIA_PERMISSIONS + [
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
]


def permissions(pairs):
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _, codename in pairs]
        )
    }
    return [found[pair] for pair in pairs if pair in found]


def page_permissions(codenames):
    return list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )


def site_administrators():
    return Group.objects.get_or_create(name=SITE_ADMINISTRATORS)[0]


def moderators():
    return Group.objects.get_or_create(name=MODERATORS)[0]


def community_workflow():
    return Workflow.objects.filter(name=WORKFLOW_NAME).first()


def grant_pages(group, pages, codenames):
    for page in pages:
        for permission in page_permissions(codenames):
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection(group, collection, pairs):
    for permission in permissions(pairs):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


@transaction.atomic
def ensure_site_roles():
    """The two site-wide groups with exactly their permissions, and the workflow."""
    root = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for group, model_perms, page_perms, media in [
        (
            site_administrators(),
            SITE_ADMINISTRATOR_PERMISSIONS
            + SEARCH_PROMOTION_PERMISSIONS
            + CALENDAR_IMPORT_PERMISSIONS,
            SITE_ADMINISTRATOR_PAGE_PERMISSIONS,
            ADMIN_MEDIA_PERMISSIONS,
        ),
        (
            moderators(),
            MODERATOR_PERMISSIONS + SEARCH_PROMOTION_PERMISSIONS + CALENDAR_IMPORT_PERMISSIONS,
            MODERATOR_PAGE_PERMISSIONS,
            MEDIA_PERMISSIONS,
        ),
    ]:
        group.permissions.set(permissions(model_perms))
        GroupPagePermission.objects.filter(group=group, page=root).exclude(
            permission__codename__in=page_perms
        ).delete()
        grant_pages(group, [root], page_perms)
        grant_collection(group, root_collection, media)
    attach_workflow_everywhere()


def attach_workflow_everywhere():
    """Community moderation on the tree's root and on every locale's home page,
    so ``page.get_workflow()`` returns it for every page, whatever locale."""
    workflow = community_workflow()
    if workflow is None:
        return
    for page in [Page.get_first_root_node(), *locale_roots()]:
        attach_workflow(page, workflow)


def attach_workflow(page, workflow=None):
    workflow = workflow or community_workflow()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


# Users ------------------------------------------------------------------


def find_user(identifier):
    """A user by username or e-mail address, or None."""
    User = get_user_model()
    return (
        User.objects.filter(username=identifier).first()
        or User.objects.filter(email__iexact=identifier).order_by("pk").first()
    )


def get_or_invite_user(email, *, first_name="", last_name=""):
    """The user with this address, or a new one without a usable password
    (they set it through the link in their invitation)."""
    User = get_user_model()
    user = find_user(email)
    if user is not None:
        return user, False
    user = User(username=email[:150], email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    return user, True


# Deleting media ------------------------------------------------------------


def install_media_delete_rule():
    """Deleting an image or a document needs the "delete" permission, which
    only Site administrators hold (ADMIN_MEDIA_PERMISSIONS). Wagtail's own
    policy treats delete as change, so moderators (who may change every
    group's media) and volunteers (their own uploads) could otherwise delete
    them. Called from ModerationConfig.ready; idempotent."""
    from wagtail.documents.permissions import permission_policy as documents
    from wagtail.images.permissions import permission_policy as images

    for policy in (images, documents):
        if getattr(policy, "_delete_needs_delete_permission", False):
            continue
        original = policy.user_has_any_permission_for_instance

        def user_has_any_permission_for_instance(
            user, actions, instance, _original=original, _policy=policy
        ):
            actions = list(actions)
            if "delete" not in actions:
                return _original(user, actions, instance)
            if user.is_active and (
                user.is_superuser
                or _policy._check_perm(user, ["delete"], collection=instance.collection)
            ):
                return True
            others = [action for action in actions if action != "delete"]
            return bool(others) and _original(user, others, instance)

        policy.user_has_any_permission_for_instance = user_has_any_permission_for_instance
        policy._delete_needs_delete_permission = True


# Copies of closed pages ------------------------------------------------------


def edit_grant_paths(user):
    """The paths of the pages under which ``user`` may add or change pages."""
    return set(
        GroupPagePermission.objects.filter(
            group__user=user, permission__codename__in=["add_page", "change_page"]
        ).values_list("page__path", flat=True)
    )


def closed_copies(user, paths=None):
    """The ids of untranslated copies (aliases) whose source ``user`` may not
    read. A copy shows its source's title and text, and a grant on a
    language's tree (a translator's) covers the copies in it, those of other
    groups' drafts and private pages included (made before their source was
    closed). A source is readable when it is public (home/listing.py, the one
    rule) or under a page where the user may add or change (``paths``, by
    default their grants)."""
    if paths is None:
        paths = edit_grant_paths(user)
    copies = Page.objects.filter(alias_of__isnull=False).exclude(
        alias_of__in=listing_pages().public().values("pk")
    )
    for granted in paths:
        copies = copies.exclude(alias_of__path__startswith=granted)
    return copies.values("pk")


def install_closed_copies_rule():
    """Wagtail lists pages in the admin (the explorer, its menu, page search,
    the site history report's entries) from the pages a user may explore:
    their grants' subtrees. Copies of pages the user may not read are left
    out of those (``closed_copies``); admin views of one page refuse them in
    translations/middleware.py. Called from ModerationConfig.ready; idempotent."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    if getattr(PagePermissionPolicy, "_leaves_out_closed_copies", False):
        return
    original = PagePermissionPolicy.explorable_instances

    def explorable_instances(self, user):
        explorable = original(self, user)
        if user.is_superuser or not user.is_active:
            return explorable
        return explorable.exclude(pk__in=closed_copies(user))

    PagePermissionPolicy.explorable_instances = explorable_instances
    PagePermissionPolicy._leaves_out_closed_copies = True
