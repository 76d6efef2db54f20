"""Moderators and site administrators see how groups' calendar imports went.

The permission is listed in moderation/roles.py (CALENDAR_IMPORT_PERMISSIONS);
it is granted here because the roles' own migration runs before the
CalendarImport table exists.
"""

from django.db import migrations

from moderation.roles import CALENDAR_IMPORT_PERMISSIONS, site_role_permissions_migration


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_calendar_import"),
        ("moderation", "0002_roles_and_workflow"),
    ]

    operations = [
        migrations.RunPython(*site_role_permissions_migration(CALENDAR_IMPORT_PERMISSIONS))
    ]
