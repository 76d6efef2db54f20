"""Moderated translation: translators translate, moderators publish.

wagtail-localize has two ways to publish a translation without review; both
are closed here (docs/translations.md):

* its translation editor's "Publish" needs Wagtail's publish permission,
  which translators do not have; their work is instead submitted to the
  Community moderation workflow by ``submit_for_moderation`` below;
* "Sync translated pages" (update translations) has a "Publish immediately"
  box that publishes every translation with no permission check: the
  override below ignores it unless the user may publish every target.
  (Translating a live page no longer publishes the translation either:
  WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False in the settings.)

The submit view also offers a translator only the languages whose tree they
may edit, so a translator of Polish cannot create pages in the Welsh tree.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from home.i18n import locale_code

from .permissions import can_publish_all, may_read_source, may_restructure, translatable_locales


class ModeratedSubmitPageTranslationView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", offering only the languages
    the user may edit, and only for a page they may read: live and public,
    or one they could already edit (a translation is a copy of its text)."""

    def get_object(self):
        page = super().get_object()
        if not may_read_source(self.request.user, page):
            raise PermissionDenied
        return page

    def get_form(self):
        form = super().get_form()
        allowed = translatable_locales(self.request.user)
        form.fields["locales"].queryset = form.fields["locales"].queryset.filter(
            pk__in=allowed.values("pk")
        )
        # A subtree holds others' drafts and private pages: only for its editors.
        if (
            "include_subtree" in form.fields
            and not self.object.permissions_for_user(self.request.user).can_edit()
        ):
            del form.fields["include_subtree"]
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("include_subtree", False)
        return super().form_valid(form)


class ModeratedUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", publishing only for users
    who may publish every translation."""

    def may_publish(self):
        return can_publish_all(self.request.user, self.object.translations.filter(enabled=True))

    def get_form(self):
        form = super().get_form()
        if not self.may_publish():
            del form.fields["publish_translations"]
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        return super().form_valid(form)


def translation_for(page):
    """The enabled wagtail-localize translation whose target is ``page``, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


@require_http_methods(["GET", "POST"])
def submit_for_moderation(request, page_id):
    """Save a translation as a draft of its page and start the Community
    moderation workflow on it: a moderator approves and it goes live."""
    page = get_object_or_404(Page, pk=page_id).specific
    if page.is_root() or locale_code(page.locale_id) == settings.LANGUAGE_CODE:
        raise Http404  # the source language has no translation to submit
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    workflow = page.get_workflow()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if request.method == "POST":
        translation = translation_for(page)
        if translation is not None:
            try:
                translation.save_target(user=request.user, publish=False)
            except ValidationError:
                messages.error(
                    request,
                    _("Some translations are not valid yet. Fix them, then submit again."),
                )
                return redirect(edit_url)
            page = page.specific_class.objects.get(pk=page.pk)
        elif page.latest_revision_id is None:
            page.save_revision(user=request.user)
        if workflow is None:
            messages.error(request, _("No moderation workflow covers this page."))
        elif page.workflow_in_progress:
            messages.success(
                request, _("The translation is already waiting for a moderator; it is updated.")
            )
        else:
            workflow.start(page, request.user)
            messages.success(
                request,
                _(
                    "“%(title)s” is submitted for moderation. "
                    "It goes live when a moderator approves it."
                )
                % {"title": page.get_admin_display_title()},
            )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "translations/admin/submit_for_moderation.html",
        {"page": page, "workflow": workflow, "edit_url": edit_url},
    )


EDITOR_TEMPLATE = "wagtail_localize/admin/edit_translation.html"


def install_editor():
    """Called from TranslationsConfig.ready: wagtail-localize's translation
    editor, for someone who may not publish, leads with "Submit translation
    for moderation" (translations/admin/edit_translation.html adds it above
    the editor) and offers no "Delete", which would otherwise be its main
    button for a translator. It renders with ``render()``, so the template and
    its props are adjusted there."""
    import json

    from wagtail_localize.views import edit_translation as module

    if getattr(module, "_noticeboard_editor", False):
        return
    original_render = module.render

    def render(request, template, context, *args, **kwargs):
        instance = context.get("instance")
        if template == EDITOR_TEMPLATE and isinstance(instance, Page):
            perms = instance.permissions_for_user(request.user)
            props = json.loads(context["props"])
            if not may_restructure(request.user, instance):
                props["perms"]["canDelete"] = False
                props["perms"]["canUnpublish"] = False
                props["links"]["convertToAliasUrl"] = None
            context["props"] = json.dumps(props)
            if not perms.can_publish() and perms.can_edit():
                context["submit_url"] = reverse(
                    "translations_submit_for_moderation", args=[instance.pk]
                )
                template = "translations/admin/edit_translation.html"
        return original_render(request, template, context, *args, **kwargs)

    module.render = render
    module._noticeboard_editor = True


def translations_to_do_view(request):
    """The report for translators: what to translate or update in their languages."""
    from .locales import other_languages
    from .report import translations_to_do

    allowed = set(translatable_locales(request.user).values_list("language_code", flat=True))
    languages = [code for code in other_languages() if code in allowed]
    if not languages and not request.user.has_perm("wagtail_localize.submit_translation"):
        raise PermissionDenied
    chosen = request.GET.get("language")
    if chosen in languages:
        languages = [chosen]
    rows = translations_to_do(languages)
    sections = [
        (
            code,
            dict(settings.LANGUAGES).get(code, code),
            [row for row in rows if row.language == code],
        )
        for code in languages
    ]
    return TemplateResponse(
        request,
        "translations/admin/to_do.html",
        {"sections": sections, "page_title": _("Translations to do")},
    )
