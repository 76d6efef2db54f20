from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from groups.models import GroupPage

from . import admin_views
from .models import GroupContribution, QuestionPage, QuestionPrompt
from .permissions import ContributionPermissionPolicy
from .roles import COUNCIL_OFFICERS, editor_group_keys, in_group, is_moderator


class ContributionAdminForm(WagtailAdminModelForm):
    """A group's editors choose only their own group; every conclusion must be
    about one of the chosen question's questions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        in_english = {"alias_of__isnull": True, "locale__language_code": settings.LANGUAGE_CODE}
        questions = QuestionPage.objects.filter(**in_english)
        self.fields["question"].queryset = questions.order_by("-closes_at")
        groups = GroupPage.objects.filter(**in_english)
        if user is not None and not (user.is_superuser or is_moderator(user)):
            groups = groups.filter(translation_key__in=editor_group_keys(user))
            # Unlisted groups use the public form, confirmed by e-mail.
            self.fields["group"].required = True
            self.fields["group_name"].disabled = True
        self.fields["group"].queryset = groups.order_by("title")
        conclusions = self.formsets.get("conclusions")
        if conclusions is not None:
            prompts = QuestionPrompt.objects.filter(
                kind=QuestionPrompt.Kind.OPEN, page__in=questions
            ).select_related("page")
            for form in conclusions.forms + [conclusions.empty_form]:
                form.fields["prompt"].queryset = prompts
                form.fields["prompt"].required = True

    def clean(self):
        data = super().clean()
        question = data.get("question")
        conclusions = self.formsets.get("conclusions")
        if question is not None and conclusions is not None:
            for form in conclusions.forms:
                prompt = form.cleaned_data.get("prompt") if form.is_valid() else None
                if prompt is not None and prompt.page_id != question.pk:
                    self.add_error(
                        None,
                        _("“%(prompt)s” is not one of this question's questions.")
                        % {"prompt": prompt.text},
                    )
        return data


class ContributionIndexView(IndexView):
    def get_base_queryset(self):
        return (
            self.permission_policy.instances_user_has_permission_for(self.request.user, "view")
            .select_related("question", "group")
            .order_by("-created_at")
        )


class ContributionEditView(EditView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["change", "view"], obj
        ):
            raise PermissionDenied
        return obj


class ContributionViewSet(SnippetViewSet):
    model = GroupContribution
    icon = "group"
    menu_label = _("Group conclusions")
    menu_order = 297
    add_to_admin_menu = True
    edit_handler = ObjectList(GroupContribution.panels, base_form_class=ContributionAdminForm)
    index_view_class = ContributionIndexView
    edit_view_class = ContributionEditView
    list_display = ["__str__", "participants", "held_on", "live"]
    list_filter = ["live"]

    @property
    def permission_policy(self):
        return ContributionPermissionPolicy(self.model)


register_snippet(ContributionViewSet)


@hooks.register("after_create_snippet")
def remember_who_sent_it(request, instance):
    if isinstance(instance, GroupContribution) and instance.submitted_by_id is None:
        GroupContribution.objects.filter(pk=instance.pk).update(submitted_by=request.user)


@hooks.register("register_admin_urls")
def participation_admin_urls():
    return [
        path("have-your-say/", admin_views.questions_view, name="participation_questions"),
        path(
            "have-your-say/<int:pk>/answers/",
            admin_views.answers_view,
            name="participation_answers",
        ),
        path(
            "have-your-say/<int:pk>/answers/<int:answer_pk>/shown/",
            admin_views.show_excerpt_view,
            name="participation_show_excerpt",
        ),
        path(
            "have-your-say/<int:pk>/answers.<str:fmt>",
            admin_views.export_view,
            name="participation_export",
        ),
    ]


class AnswersMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user) or in_group(request.user, COUNCIL_OFFICERS)


@hooks.register("register_admin_menu_item")
def answers_menu_item():
    return AnswersMenuItem(
        _("Have your say answers"),
        reverse("participation_questions"),
        icon_name="comment",
        order=298,
    )
