"""Translating goes through moderation: a translator cannot publish, by the
translation editor or by syncing; a moderator approves and it goes live; a
translator of one language cannot touch another language's tree."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page, TaskState
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from .helpers import assert_denied, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def trees(site_tree):
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    return site_tree


@pytest.fixture
def polish_translator(trees):
    return member_of(Group.objects.get(name="Translators (Polish)"), username="tomasz")


def locale(code):
    return Locale.objects.get(language_code=code)


def in_locale(page, code):
    return Page.objects.get(translation_key=page.translation_key, locale=locale(code)).specific


def start_translation(client, user, page, code):
    client.force_login(user)
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.post(url, {"locales": [locale(code).pk]})


def translate_title(page, code, title):
    """What the translation editor does when a string is typed in."""
    source = TranslationSource.objects.get_for_instance(page)
    for segment in source.stringsegment_set.select_related("string", "context"):
        if segment.string.data == page.title:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locale(code),
                context=segment.context,
                data=title,
            )


def test_translating_a_live_page_does_not_publish_the_translation(trees, polish_translator, client):
    about = trees["about"]
    response = start_translation(client, polish_translator, about, "pl")
    assert response.status_code == 302
    polish = in_locale(about, "pl")
    assert polish.alias_of_id is None  # a translation now, not a copy
    # The public copy stays online, in the English it showed, until a moderator approves.
    assert polish.live
    assert polish.title == about.title
    assert client.get("/pl/about/").status_code == 200
    assert Translation.objects.filter(target_locale=locale("pl")).count() == 1


def test_translator_cannot_publish_from_the_translation_editor(trees, polish_translator, client):
    about = trees["about"]
    start_translation(client, polish_translator, about, "pl")
    translate_title(about, "pl", "O tej stronie")
    polish = in_locale(about, "pl")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[polish.pk]), {"action": "publish"}
    )
    assert_denied(response)
    polish.refresh_from_db()
    assert polish.title == about.title  # still the English copy: nothing published
    assert "O tej stronie" not in client.get("/pl/about/").content.decode()


def test_sync_with_publish_does_not_publish_for_a_translator(trees, polish_translator, client):
    about = trees["about"]
    start_translation(client, polish_translator, about, "pl")
    translate_title(about, "pl", "O tej stronie")
    source = TranslationSource.objects.get_for_instance(about)
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert response.status_code == 302
    polish = in_locale(about, "pl")
    assert polish.title == about.title  # still the English copy: nothing published
    assert "O tej stronie" not in client.get("/pl/about/").content.decode()


def test_a_moderator_approves_a_translation_and_it_goes_live(
    trees,
    polish_translator,
    moderator,  # noqa: F811
    client,
):
    about = trees["about"]
    start_translation(client, polish_translator, about, "pl")
    translate_title(about, "pl", "O tej stronie")
    polish = in_locale(about, "pl")

    submit = reverse("translations_submit_for_moderation", args=[polish.pk])
    # The translator finds the action on the page's edit screen and in listings.
    explore = reverse("wagtailadmin_explore", args=[polish.get_parent().pk])
    assert submit in client.get(explore).content.decode()
    assert "Submit translation for moderation" in client.get(submit).content.decode()
    assert client.post(submit).status_code == 302
    polish = in_locale(about, "pl")
    assert polish.live and polish.title == about.title  # the public copy, unchanged
    assert polish.workflow_in_progress
    assert polish.get_latest_revision_as_object().title == "O tej stronie"
    public = client.get("/pl/about/")
    assert public.status_code == 200
    assert "O tej stronie" not in public.content.decode()

    state = TaskState.objects.filter(workflow_state__object_id=str(polish.pk)).latest("pk")
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[polish.pk, "approve", state.pk])
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    polish = in_locale(about, "pl")
    assert polish.live
    assert polish.title == "O tej stronie"
    assert "O tej stronie" in client.get(polish.url).content.decode()

    # A later change to the live translation waits for a moderator too.
    StringTranslation.objects.filter(locale=locale("pl"), data="O tej stronie").update(data="O nas")
    client.force_login(polish_translator)
    assert client.post(submit).status_code == 302
    polish = in_locale(about, "pl")
    assert polish.live and polish.title == "O tej stronie"
    assert polish.get_latest_revision_as_object().title == "O nas"
    assert "O nas" not in client.get(polish.url).content.decode()


def test_a_polish_translator_cannot_edit_the_welsh_tree(trees, polish_translator, client):
    about = trees["about"]
    welsh = in_locale(about, "cy")
    client.force_login(polish_translator)
    assert_denied(client.get(reverse("wagtailadmin_pages:edit", args=[welsh.pk])))
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[in_locale(about, "pl").pk])).status_code
        == 200
    )
    # Nor translate into Welsh through wagtail-localize.
    form = client.get(reverse("wagtail_localize:submit_page_translation", args=[about.pk]))
    assert form.status_code == 200
    assert list(form.context["form"].fields["locales"].queryset) == [locale("pl")]
    start_translation(client, polish_translator, about, "cy")
    assert in_locale(about, "cy").alias_of_id == about.pk  # still the untranslated copy
    assert not Translation.objects.filter(target_locale=locale("cy")).exists()
    assert_denied(client.get(reverse("translations_submit_for_moderation", args=[welsh.pk])))
