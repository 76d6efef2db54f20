"""Who may do what in Have your say.

* **Council officers** draft questions and replies (add and change pages under
  every Have your say index page, never publish: their changes go through the
  Community moderation workflow, where a moderator approves them) and read and
  export every answer to the questions they can edit, published or not.
* **Moderators** publish (by approving), read every answer, and choose which
  consenting answers' excerpts are shown.
* **A group's editors** send their group's conclusion from the admin, for
  their own group only.

The role is created by the data migration 0002_council_officers; its page
permissions follow each new index page (signals.py).
"""

from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page
from wagtail.permissions import page_permission_policy

from moderation.models import Organisation
from moderation.roles import MODERATORS, SITE_ADMINISTRATORS, grant_pages

COUNCIL_OFFICERS = "Council officers"
OFFICER_PAGE_PERMISSIONS = ["add_page", "change_page"]
# (app_label, codename); the migration writes the same list as literals.
OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("participation", "view_answer"),
    ("participation", "view_groupcontribution"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "choose_document"),
]


def council_officers():
    return Group.objects.get_or_create(name=COUNCIL_OFFICERS)[0]


def grant_officers(index_page):
    """Officers draft questions under this index page, in every language."""
    grant_pages(
        council_officers(),
        Page.objects.filter(translation_key=index_page.translation_key),
        OFFICER_PAGE_PERMISSIONS,
    )


def in_group(user, *names):
    return user.is_active and (user.is_superuser or user.groups.filter(name__in=names).exists())


def is_moderator(user):
    return in_group(user, MODERATORS, SITE_ADMINISTRATORS)


def readable_questions(user):
    """The questions whose answers ``user`` may read and export: every one for
    moderators, those they can edit for officers, none for anyone else."""
    from .models import QuestionPage

    if not user.is_authenticated:
        return QuestionPage.objects.none()
    questions = QuestionPage.objects.filter(alias_of__isnull=True)
    if is_moderator(user):
        return questions
    if not in_group(user, COUNCIL_OFFICERS):
        return QuestionPage.objects.none()
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    return questions.filter(pk__in=editable.values("pk"))


def can_read_answers(user, question):
    return readable_questions(user).filter(pk=question.pk).exists()


def editor_group_keys(user):
    """The translation keys of the group pages ``user`` edits as a group's editor."""
    if not user.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(editors__in=user.groups.all()).values_list(
            "group_page__translation_key", flat=True
        )
    )


def has_officer_page_permissions(index_page):
    return GroupPagePermission.objects.filter(
        group__name=COUNCIL_OFFICERS, page=index_page
    ).exists()
