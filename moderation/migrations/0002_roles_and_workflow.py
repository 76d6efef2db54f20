"""The roles and the moderation workflow, created by migration, never by hand.

* "Site administrators" and "Moderators" with the permissions listed below
  (the definition in moderation/roles.py when this was written). Wagtail's own "Moderators" group is reused but loses
  its publish permission (moderators approve, they do not publish directly);
  Wagtail's default "Editors" group, which could edit every page, is removed
  when nobody is in it.
* The "Community moderation" workflow with one "Moderator review" task for the
  Moderators group, attached to the tree root and to every locale's home page.
  Wagtail's default "Moderators approval" workflow is switched off.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# The roles as they were defined when this migration was written, frozen here
# so that it means the same on every database for ever. The live definition is
# in moderation/roles.py; ``manage.py sync_roles`` applies it to a database.
SITE_ADMINISTRATORS = "Site administrators"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Community moderation"
TASK_NAME = "Moderator review"
SITE_ADMINISTRATOR_PERMISSIONS = [('wagtailadmin', 'access_admin'),
 ('moderation', 'add_alertbanner'),
 ('moderation', 'change_alertbanner'),
 ('moderation', 'delete_alertbanner'),
 ('moderation', 'view_publicsubmission'),
 ('groups', 'add_venue'),
 ('groups', 'change_venue'),
 ('auth', 'add_user'),
 ('auth', 'change_user'),
 ('auth', 'delete_user'),
 ('auth', 'add_group'),
 ('auth', 'change_group'),
 ('home', 'change_sitesettings'),
 ('moderation', 'change_reviewsettings'),
 ('moderation', 'add_organisation'),
 ('moderation', 'change_organisation'),
 ('groups', 'delete_venue'),
 ('home', 'add_topic'),
 ('home', 'change_topic'),
 ('home', 'add_area'),
 ('home', 'change_area'),
 ('wagtailredirects', 'add_redirect'),
 ('wagtailredirects', 'change_redirect'),
 ('wagtailredirects', 'delete_redirect')]
SITE_ADMINISTRATOR_PAGE_PERMISSIONS = ['add_page',
 'change_page',
 'lock_page',
 'unlock_page',
 'publish_page',
 'bulk_delete_page']
ADMIN_MEDIA_PERMISSIONS = [('wagtailimages', 'add_image'),
 ('wagtailimages', 'change_image'),
 ('wagtailimages', 'choose_image'),
 ('wagtaildocs', 'add_document'),
 ('wagtaildocs', 'change_document'),
 ('wagtaildocs', 'choose_document'),
 ('wagtailimages', 'delete_image'),
 ('wagtaildocs', 'delete_document')]
MODERATOR_PERMISSIONS = [('wagtailadmin', 'access_admin'),
 ('moderation', 'add_alertbanner'),
 ('moderation', 'change_alertbanner'),
 ('moderation', 'delete_alertbanner'),
 ('moderation', 'view_publicsubmission'),
 ('groups', 'add_venue'),
 ('groups', 'change_venue')]
MODERATOR_PAGE_PERMISSIONS = ['add_page', 'change_page', 'lock_page', 'unlock_page']
MEDIA_PERMISSIONS = [('wagtailimages', 'add_image'),
 ('wagtailimages', 'change_image'),
 ('wagtailimages', 'choose_image'),
 ('wagtaildocs', 'add_document'),
 ('wagtaildocs', 'change_document'),
 ('wagtaildocs', 'choose_document')]


def create_roles_and_workflow(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    CommunityModerationTask = apps.get_model("moderation.CommunityModerationTask")

    def model_permissions(pairs):
        return [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in pairs
        ]

    root = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    roles = {}
    for name, model_perms, page_perms, media in [
        (
            SITE_ADMINISTRATORS,
            SITE_ADMINISTRATOR_PERMISSIONS,
            SITE_ADMINISTRATOR_PAGE_PERMISSIONS,
            ADMIN_MEDIA_PERMISSIONS,
        ),
        (MODERATORS, MODERATOR_PERMISSIONS, MODERATOR_PAGE_PERMISSIONS, MEDIA_PERMISSIONS),
    ]:
        group, _ = Group.objects.get_or_create(name=name)
        roles[name] = group
        group.permissions.set(model_permissions(model_perms))
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in page_perms:
            GroupPagePermission.objects.create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for permission in model_permissions(media):
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission
            )

    Group.objects.filter(name="Editors", user__isnull=True).delete()

    # Wagtail's default workflow gives way to ours.
    Workflow.objects.exclude(name=WORKFLOW_NAME).update(active=False)
    WorkflowPage.objects.all().delete()

    task_type, _ = ContentType.objects.get_or_create(
        app_label="moderation", model="communitymoderationtask"
    )
    task = CommunityModerationTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = CommunityModerationTask.objects.create(
            name=TASK_NAME, content_type=task_type, active=True
        )
    task.groups.set([roles[MODERATORS]])
    # Wagtail's default "Moderators approval" task would otherwise still offer
    # its own approvals to the Moderators group.
    Task = apps.get_model("wagtailcore.Task")
    Task.objects.exclude(pk=task.pk).update(active=False)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in [root, *Page.objects.filter(depth=2)]:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore.Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("groups", "0003_grouppage_is_trusted"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, remove_workflow)]
