"""Moderators and site administrators pin search results and see the search report.

The permissions are listed in moderation/roles.py (SEARCH_PROMOTION_PERMISSIONS);
they are granted here because the roles' own migration runs before the search
promotions app's tables exist.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from moderation.roles import MODERATORS, SEARCH_PROMOTION_PERMISSIONS, SITE_ADMINISTRATORS


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in SEARCH_PROMOTION_PERMISSIONS
    ]
    for group in Group.objects.filter(name__in=[MODERATORS, SITE_ADMINISTRATORS]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailsearchpromotions",
        codename__in=[codename for _app, codename in SEARCH_PROMOTION_PERMISSIONS],
    )
    for group in Group.objects.filter(name__in=[MODERATORS, SITE_ADMINISTRATORS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_query_outcome"),
        ("moderation", "0002_roles_and_workflow"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
