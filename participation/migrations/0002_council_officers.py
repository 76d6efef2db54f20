"""The Council officers role and the moderation of group contributions.

Frozen as literals (not imported from participation.roles, which may change
after this migration has run): the group, its model permissions, its page
permissions on any Have your say index page that exists already (new ones
get them from participation/signals.py), and the Community moderation
workflow for group contributions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COUNCIL_OFFICERS = "Council officers"
WORKFLOW_NAME = "Community moderation"
OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("participation", "view_answer"),
    ("participation", "view_groupcontribution"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
]
OFFICER_PAGE_PERMISSIONS = ["add_page", "change_page"]


def create_role(apps, schema_editor):
    # Permissions are normally created after every migration has run.
    app_config = apps.get_app_config("participation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")

    officers, _ = Group.objects.get_or_create(name=COUNCIL_OFFICERS)
    for app_label, codename in OFFICER_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            officers.permissions.add(permission)

    index_type = ContentType.objects.filter(
        app_label="participation", model="haveyoursayindexpage"
    ).first()
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=OFFICER_PAGE_PERMISSIONS
    )
    if index_type is not None:
        for page in Page.objects.filter(content_type=index_type):
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=officers, page=page, permission=permission
                )

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    contribution_type, _ = ContentType.objects.get_or_create(
        app_label="participation", model="groupcontribution"
    )
    if workflow is not None:
        WorkflowContentType.objects.update_or_create(
            content_type=contribution_type, defaults={"workflow": workflow}
        )


def remove_role(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=COUNCIL_OFFICERS).delete()
    ContentType = apps.get_model("contenttypes.ContentType")
    apps.get_model("wagtailcore.WorkflowContentType").objects.filter(
        content_type__in=ContentType.objects.filter(
            app_label="participation", model="groupcontribution"
        )
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_questions_answers_contributions"),
        ("moderation", "0002_roles_and_workflow"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
