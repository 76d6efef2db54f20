"""Moderators and site administrators pin search results and see the search report.

Granted here because the roles' own migration (moderation/0002) runs before
the search promotions app's tables exist. The list is frozen as it was when this migration was written;
moderation/roles.py (SEARCH_PROMOTION_PERMISSIONS) is the live definition, applied by
``manage.py sync_roles``.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Moderators", "Site administrators"]
PERMISSIONS = [
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
]


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
        ("search", "0001_query_outcome"),
        ("moderation", "0002_roles_and_workflow"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
