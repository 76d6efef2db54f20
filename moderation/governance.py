"""Who can do what, as data: the report, the JSON export and the handover
from one operating body to the next (``manage.py governance``)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    PageLogEntry,
    Workflow,
)

from home.models import SiteSettings
from home.sites import default_site

from .mail import invite
from .models import Organisation
from .review import awaiting_moderation
from .roles import (
    MODERATORS,
    SITE_ADMINISTRATORS,
    ensure_site_roles,
    get_or_invite_user,
    moderators,
    site_administrators,
)
from .stats import median_hours_to_decision

MODERATION_ACTIONS = (
    Q(action__startswith="wagtail.workflow")
    | Q(action__startswith="moderation.")
    | Q(action__in=["wagtail.publish", "wagtail.unpublish", "wagtail.publish.scheduled"])
)


def site_settings():
    return SiteSettings.for_site(default_site())


def describe_user(user):
    return {
        "username": user.get_username(),
        "email": user.email,
        "name": user.get_full_name(),
        "is_active": user.is_active,
        "is_superuser": user.is_superuser,
    }


def role_members():
    User = get_user_model()
    return {
        SITE_ADMINISTRATORS: list(User.objects.filter(groups__name=SITE_ADMINISTRATORS)),
        MODERATORS: list(User.objects.filter(groups__name=MODERATORS)),
        "Superusers": list(User.objects.filter(is_superuser=True)),
    }


def report():
    """What the report shows, as a dict (the command prints it)."""
    settings = site_settings()
    awaiting = list(awaiting_moderation())
    return {
        "operator": {
            "name": settings.operator_name,
            "url": settings.operator_url,
            "contact_email": settings.contact_email,
            "contact_phone": settings.contact_phone,
            "moderation_policy_page": (
                settings.moderation_policy_page.url if settings.moderation_policy_page else None
            ),
        },
        "roles": {
            name: [describe_user(user) for user in users] for name, users in role_members().items()
        },
        "organisations": [
            {
                "group": organisation.group_page.title,
                "editors": [
                    user.get_username() for user in organisation.editors.user_set.order_by("pk")
                ],
                "trusted": organisation.trusted,
            }
            for organisation in Organisation.objects.select_related("group_page", "editors")
        ],
        "awaiting_moderation": [
            {
                "page_id": int(state.workflow_state.object_id),
                "title": state.revision.object_str if state.revision_id else "",
                "waiting_since": state.started_at.isoformat(),
            }
            for state in awaiting
        ],
        "median_hours_to_decision_90_days": median_hours_to_decision(90),
    }


def export():
    """Roles, permissions, workflows and the moderation log, for the records of
    the incoming body. Plain JSON-serialisable data."""
    groups = []
    for group in Group.objects.order_by("name").prefetch_related("permissions__content_type"):
        groups.append(
            {
                "name": group.name,
                "members": [describe_user(user) for user in group.user_set.order_by("pk")],
                "permissions": sorted(
                    f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()
                ),
                "page_permissions": [
                    {
                        "page": gpp.page.url_path,
                        "title": gpp.page.title,
                        "permission": gpp.permission.codename,
                    }
                    for gpp in GroupPagePermission.objects.filter(group=group).select_related(
                        "page", "permission"
                    )
                ],
                "collection_permissions": [
                    {"collection": gcp.collection.name, "permission": gcp.permission.codename}
                    for gcp in GroupCollectionPermission.objects.filter(group=group).select_related(
                        "collection", "permission"
                    )
                ],
            }
        )
    workflows = [
        {
            "name": workflow.name,
            "active": workflow.active,
            "tasks": [
                {
                    "name": task.name,
                    "type": task.specific._meta.verbose_name,
                    "groups": [
                        g.name for g in getattr(task.specific, "groups", Group.objects.none()).all()
                    ],
                }
                for task in workflow.tasks
            ],
            "pages": [wp.page.url_path for wp in workflow.workflow_pages.select_related("page")],
        }
        for workflow in Workflow.objects.order_by("name")
    ]
    log_entries = [
        {
            "timestamp": entry.timestamp.isoformat(),
            "action": entry.action,
            "object": f"page {entry.page_id}",
            "title": entry.label,
            "user": entry.user.get_username() if entry.user_id else None,
            "data": entry.data,
        }
        for entry in PageLogEntry.objects.filter(MODERATION_ACTIONS)
        .select_related("user")
        .order_by("timestamp")
    ] + [
        {
            "timestamp": entry.timestamp.isoformat(),
            "action": entry.action,
            "object": f"{entry.content_type.model} {entry.object_id}",
            "title": entry.label,
            "user": entry.user.get_username() if entry.user_id else None,
            "data": entry.data,
        }
        for entry in ModelLogEntry.objects.filter(action__startswith="moderation.")
        .select_related("user", "content_type")
        .order_by("timestamp")
    ]
    return {
        "exported_at": timezone.now().isoformat(),
        **{key: value for key, value in report().items() if key in ("operator", "organisations")},
        "groups": groups,
        "superusers": [describe_user(u) for u in role_members()["Superusers"]],
        "workflows": workflows,
        "moderation_log": log_entries,
    }


@transaction.atomic
def handover(
    *,
    administrators,
    moderators_,
    operator_name=None,
    operator_url=None,
    contact_email=None,
    contact_phone=None,
    keep=False,
    by=None,
):
    """Appoint the incoming administrators and moderators (inviting those
    without an account), remove the outgoing ones' rights unless ``keep``,
    update who runs the site, and record it all in the audit log.

    Returns a summary dict. Outgoing means: members of the two site-wide
    groups and superusers who are not among the incoming people.
    """
    if not administrators:
        raise ValueError("A handover needs at least one incoming administrator.")
    ensure_site_roles()
    admins_group, moderators_group = site_administrators(), moderators()

    incoming, invited = {}, []
    for role, group, emails in [
        (SITE_ADMINISTRATORS, admins_group, administrators),
        (MODERATORS, moderators_group, moderators_),
    ]:
        for email in emails:
            user, _ = get_or_invite_user(email)
            if not user.is_active:
                user.is_active = True
                user.save(update_fields=["is_active"])
            user.groups.add(group)
            incoming.setdefault(user.pk, (user, set()))[1].add(role)
    for user, roles in incoming.values():
        if not user.has_usable_password():
            invite(user, " and ".join(sorted(roles)))
            invited.append(user.get_username())

    removed = []
    if not keep:
        User = get_user_model()
        outgoing = (
            User.objects.filter(
                Q(groups__in=[admins_group, moderators_group]) | Q(is_superuser=True)
            )
            .exclude(pk__in=incoming.keys())
            .distinct()
        )
        for user in outgoing:
            user.groups.remove(admins_group, moderators_group)
            if user.is_superuser or user.is_staff:
                user.is_superuser = False
                user.is_staff = False
                user.save(update_fields=["is_superuser", "is_staff"])
            removed.append(user.get_username())

    settings = site_settings()
    before = {
        "operator_name": settings.operator_name,
        "operator_url": settings.operator_url,
        "contact_email": settings.contact_email,
        "contact_phone": settings.contact_phone,
    }
    for field, value in [
        ("operator_name", operator_name),
        ("operator_url", operator_url),
        ("contact_email", contact_email),
        ("contact_phone", contact_phone),
    ]:
        if value is not None:
            setattr(settings, field, value)
    settings.save()

    summary = {
        "administrators": sorted(
            u.get_username() for u, r in incoming.values() if SITE_ADMINISTRATORS in r
        ),
        "moderators": sorted(u.get_username() for u, r in incoming.values() if MODERATORS in r),
        "invited": sorted(invited),
        "rights_removed": sorted(removed),
        "kept_outgoing": keep,
        "operator_before": before,
        "operator_after": {field: getattr(settings, field) for field in before},
    }
    log(instance=settings, action="moderation.handover", user=by, data=summary)
    return summary
