"""Moderators and site administrators see how groups' calendar imports went.

The permission is listed in moderation/roles.py (CALENDAR_IMPORT_PERMISSIONS);
it is granted here because the roles' own migration runs before the
CalendarImport table exists.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from moderation.roles import CALENDAR_IMPORT_PERMISSIONS, MODERATORS, SITE_ADMINISTRATORS


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in CALENDAR_IMPORT_PERMISSIONS
    ]
    for group in Group.objects.filter(name__in=[MODERATORS, SITE_ADMINISTRATORS]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="events",
        codename__in=[codename for _app, codename in CALENDAR_IMPORT_PERMISSIONS],
    )
    for group in Group.objects.filter(name__in=[MODERATORS, SITE_ADMINISTRATORS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_calendar_import"),
        ("moderation", "0002_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
