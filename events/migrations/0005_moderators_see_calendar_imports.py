"""Moderators and site administrators see how groups' calendar imports went.

Granted here because the roles' own migration (moderation/0002) runs before
the CalendarImport table exists. The list is frozen as it was when this migration was written;
moderation/roles.py (CALENDAR_IMPORT_PERMISSIONS) is the live definition, applied by
``manage.py sync_roles``.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Moderators", "Site administrators"]
PERMISSIONS = [("events", "view_calendarimport")]


def permissions_of(apps):
    Permission = apps.get_model("auth.Permission")
    query = Permission.objects.none()
    for app_label, codename in PERMISSIONS:
        query |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return list(query)


def grant(apps, schema_editor):
    # Permissions are normally created after every migration has run.
    for label in sorted({app_label for app_label, _codename in PERMISSIONS}):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    permissions = permissions_of(apps)
    assert len(permissions) == len(PERMISSIONS), "a permission is missing"
    for group in apps.get_model("auth.Group").objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    permissions = permissions_of(apps)
    for group in apps.get_model("auth.Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_calendar_import"),
        ("moderation", "0002_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
