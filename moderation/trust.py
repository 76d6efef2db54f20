"""Whether a group is trusted, and what that gives its editors.

Trust is stored once, on the group's ``Organisation`` (``Organisation.trusted``),
and ``set_trusted`` is its only writer. Everything else reads it: the page
permissions below (publish for a trusted group's editors), the calendar
importer (through ``GroupPage.is_trusted``, which looks the organisation up),
the workflow and the demo. A group nobody has onboarded is never trusted. The
group page itself stores nothing, so no revision, copy or bulk publish can
change it.
"""

from wagtail.log_actions import log
from wagtail.models import GroupPagePermission

from .roles import EDITOR_PAGE_PERMISSIONS, TRUSTED_EDITOR_PAGE_PERMISSIONS, grant_pages


def set_trusted(organisation, trusted, *, user=None):
    """Trust (or stop trusting) an onboarded group; logged, with its editors'
    permissions brought in line. Returns True if anything changed."""
    trusted = bool(trusted)
    changed = trusted != organisation.trusted
    if changed:
        organisation.trusted = trusted
        organisation.save(update_fields=["trusted"])
        log(
            instance=organisation.group_page,
            action="moderation.trust" if trusted else "moderation.untrust",
            user=user,
            data={"group": organisation.editors.name},
        )
    sync_permissions(organisation)
    return changed


def sync_permissions(organisation):
    """Give the editors group its page permissions on every translation of
    the group page, with publish only while the group is trusted."""
    translations = list(organisation.group_page.get_translations(inclusive=True))
    codenames = TRUSTED_EDITOR_PAGE_PERMISSIONS if organisation.trusted else EDITOR_PAGE_PERMISSIONS
    GroupPagePermission.objects.filter(group=organisation.editors).exclude(
        page__in=translations, permission__codename__in=codenames
    ).delete()
    grant_pages(organisation.editors, translations, codenames)
