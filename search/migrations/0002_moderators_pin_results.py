"""Moderators and site administrators pin search results and see the search report.

The permissions are listed in moderation/roles.py (SEARCH_PROMOTION_PERMISSIONS);
they are granted here because the roles' own migration runs before the search
promotions app's tables exist.
"""

from django.db import migrations

from moderation.roles import SEARCH_PROMOTION_PERMISSIONS, site_role_permissions_migration


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_query_outcome"),
        ("moderation", "0002_roles_and_workflow"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [
        migrations.RunPython(*site_role_permissions_migration(SEARCH_PROMOTION_PERMISSIONS))
    ]
