"""Moderators approve translations; they do not submit them.

wagtail-localize's own migration (0006) gives Wagtail's "Moderators" group
its "submit translation" permission, which the roles never included
(moderation/roles.py, applied by ``manage.py sync_roles``): on a fresh
database the group kept it. This removes it, so the migrated role and the
live definition agree.
"""

from django.db import migrations

MODERATORS = "Moderators"
PERMISSION = ("wagtail_localize", "submit_translation")


def permission(apps):
    Permission = apps.get_model("auth.Permission")
    app_label, codename = PERMISSION
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def remove(apps, schema_editor):
    submit = permission(apps)
    if submit is not None:
        for group in apps.get_model("auth.Group").objects.filter(name=MODERATORS):
            group.permissions.remove(submit)


def restore(apps, schema_editor):
    submit = permission(apps)
    if submit is not None:
        for group in apps.get_model("auth.Group").objects.filter(name=MODERATORS):
            group.permissions.add(submit)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_submission_language"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(remove, restore)]
