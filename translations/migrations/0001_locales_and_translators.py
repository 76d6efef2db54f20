"""The site's languages' locales and their Translators groups, as they were
when this migration was written: English (the default), Welsh, Polish and
Urdu, frozen here so that the migration means the same on every database.
A site configured with other languages (NOTICEBOARD_LANGUAGES) gets theirs
from ``manage.py sync_locales``, which is the run-time definition
(translations/locales.py).

Locale trees are synchronised by ``manage.py sync_locales`` (the demo runs
it), which also records that each locale is synchronised from English and
gives each Translators group its pages: a fresh database has only the English
tree when this migration runs. (No LocaleSynchronization rows here: when the
test database is restored from its serialized copy, wagtail-localize's
post_save receiver on that model would run before the locales exist.)
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DEFAULT_LANGUAGE = "en"
# (code, English name): the name is the Translators group's ("Translators (Welsh)").
OTHER_LANGUAGES = [("cy", "Welsh"), ("pl", "Polish"), ("ur", "Urdu")]


def create_locales_and_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Locale = apps.get_model("wagtailcore.Locale")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")

    Locale.objects.get_or_create(language_code=DEFAULT_LANGUAGE)
    permissions = [
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        ),
    ]
    for code, english in OTHER_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
        group = Group.objects.get_or_create(name=f"Translators ({english})")[0]
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("moderation", "0002_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(create_locales_and_groups, migrations.RunPython.noop)]
