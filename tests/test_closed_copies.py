"""Untranslated copies (aliases) in other languages exist only of public
pages, and a translator never reads another group's draft or private page
through one: not in the explorer, the page search or the chooser, and not
through any admin view of the copy (edit, preview, view draft, revisions,
history, translate). Publishing a page makes its copies in every language."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize import synctree

from .factories import EventPageFactory, StandardPageFactory, publish
from .helpers import member_of

TRANSLATORS = {"cy": "Translators (Welsh)", "pl": "Translators (Polish)"}
LANGUAGES = ("cy", "pl", "ur")


def sync():
    call_command("sync_locales", stdout=open("/dev/null", "w"))


def copy_in(page, code):
    return Page.objects.filter(
        translation_key=page.translation_key, locale__language_code=code
    ).first()


@pytest.fixture
def closed(groups):
    """Group B's live event, draft and private event, each with a copy in
    Welsh and Polish; the copies of the draft and the private event are made
    directly, as an older version (or a page later closed) left them."""
    sync()
    group_b = groups["b"]
    live = publish(EventPageFactory(parent=group_b, title="Open canal day"))
    draft = EventPageFactory(parent=group_b, title="Secret towpath plan", live=False)
    draft.save_revision()
    private = EventPageFactory(parent=group_b, title="Private committee walk")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    publish(private)
    for code in TRANSLATORS:
        locale = Locale.objects.get(language_code=code)
        for page in (draft, private):
            assert page.get_translation_or_none(locale) is None  # not copied by sync
            page.copy_for_translation(locale, copy_parents=True, alias=True)
    return {"live": live, "draft": draft, "private": private}


def page_views(page):
    pk = page.pk
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[pk]),
        "preview": reverse("wagtailadmin_pages:preview_on_edit", args=[pk]),
        "view draft": reverse("wagtailadmin_pages:view_draft", args=[pk]),
        "revisions": reverse("wagtailadmin_pages:revisions_index", args=[pk]),
        "history": reverse("wagtailadmin_pages:history", args=[pk]),
        "translate": reverse("wagtail_localize:submit_page_translation", args=[pk]),
        "explore": reverse("wagtailadmin_explore", args=[pk]),
    }


def listings(closed, code):
    group_copy = copy_in(closed["live"].get_parent(), code)
    return [
        reverse("wagtailadmin_explore", args=[group_copy.pk]),
        reverse("wagtailadmin_choose_page_child", args=[group_copy.pk]),
        reverse("wagtailadmin_pages:search") + "?q=towpath",
        reverse("wagtailadmin_pages:search") + "?q=committee",
        reverse("wagtailadmin_choose_page_search") + "?q=towpath",
        reverse("wagtailadmin_choose_page_search") + "?q=committee",
        reverse("wagtailadmin_reports:site_history"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(TRANSLATORS))
@pytest.mark.parametrize("kind", ["draft", "private"])
def test_a_translator_cannot_open_the_copy_of_a_closed_page(client, closed, code, kind):
    client.force_login(member_of(TRANSLATORS[code], username=f"translator-{code}"))
    copy = copy_in(closed[kind], code)
    assert copy.alias_of_id == closed[kind].pk
    for name, url in page_views(copy).items():
        assert client.get(url).status_code == 403, name
    assert client.post(page_views(copy)["preview"], {}).status_code == 403
    for url in listings(closed, code):
        html = client.get(url).content.decode()
        assert closed[kind].title not in html, url


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(TRANSLATORS))
def test_a_translator_opens_the_copy_of_a_public_page(client, closed, code):
    client.force_login(member_of(TRANSLATORS[code], username=f"translator-{code}"))
    copy = copy_in(closed["live"], code)
    assert copy is not None and copy.alias_of_id == closed["live"].pk
    views = page_views(copy)
    for name in ("edit", "view draft", "history", "translate", "explore"):
        assert client.get(views[name]).status_code == 200, name
    explorer = client.get(listings(closed, code)[0]).content.decode()
    assert closed["live"].title in explorer


@pytest.mark.django_db
def test_volunteers_and_moderators_keep_their_access_to_copies(
    client, closed, editor_b, editor_a, moderator
):
    welsh_draft = copy_in(closed["draft"], "cy")
    edit = reverse("wagtailadmin_pages:edit", args=[welsh_draft.pk])
    for user in (editor_b, moderator):
        client.force_login(user)
        assert client.get(edit).status_code == 200
    client.force_login(editor_a)
    assert client.get(edit).status_code == 403  # another group's, as before


@pytest.mark.django_db
def test_wagtail_localizes_copy_on_create_is_replaced(groups):
    registered = [fn for fn in hooks.get_hooks("after_create_page")]
    assert synctree.after_create_page not in registered
    sync()
    draft = EventPageFactory(parent=groups["b"], title="Not yet", live=False)
    for hook in registered:  # as the admin's "add page" view calls them
        hook(None, draft)
    assert Page.objects.filter(translation_key=draft.translation_key).count() == 1
    public = StandardPageFactory(parent=groups["a"].get_parent().get_parent(), title="Now")
    for hook in registered:
        hook(None, public)
    assert {copy_in(public, code).alias_of_id for code in LANGUAGES} == {public.pk}


@pytest.mark.django_db
def test_a_new_draft_gets_no_copies_and_publishing_it_makes_them_everywhere(groups):
    sync()
    before = Page.objects.count()
    draft = EventPageFactory(parent=groups["b"], title="Towpath clean-up")
    draft.save_revision()
    sync()
    assert Page.objects.count() == before + 1
    publish(draft)
    # Its three copies, and nothing else: publishing updates only its copies.
    assert Page.objects.count() == before + 4
    for code in LANGUAGES:
        copy = copy_in(draft, code)
        assert copy.alias_of_id == draft.pk and copy.live
        assert copy.get_parent().translation_key == groups["b"].translation_key
        assert copy.get_parent().numchild == copy.get_parent().get_children().count()


@pytest.mark.django_db
def test_sync_locales_leaves_out_drafts_and_private_sections(groups):
    private = publish(EventPageFactory(parent=groups["b"], title="Members only"))
    PageViewRestriction.objects.create(page=groups["b"], restriction_type=PageViewRestriction.LOGIN)
    draft = EventPageFactory(parent=groups["a"], title="Not ready", live=False)
    draft.save_revision()
    sync()
    for code in LANGUAGES:
        assert copy_in(groups["b"], code) is None
        assert copy_in(private, code) is None  # under a private page
        assert copy_in(draft, code) is None
        assert copy_in(groups["a"], code) is not None


@pytest.mark.django_db
def test_lifting_a_view_restriction_copies_the_section(groups, django_capture_on_commit_callbacks):
    restriction = PageViewRestriction.objects.create(
        page=groups["b"], restriction_type=PageViewRestriction.LOGIN
    )
    sync()
    assert copy_in(groups["event_b"], "cy") is None
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    for code in LANGUAGES:
        assert copy_in(groups["b"], code).alias_of_id == groups["b"].pk
        assert copy_in(groups["event_b"], code).alias_of_id == groups["event_b"].pk


@pytest.mark.django_db
def test_copies_are_indexed_and_purge_the_page_cache_once_a_batch(
    site_tree, monkeypatch, django_capture_on_commit_callbacks
):
    from home import pagecache
    from home.models import StandardPage
    from translations.locales import sync_trees

    purges = []
    monkeypatch.setattr(pagecache, "purge_pages", lambda: purges.append(1))
    with django_capture_on_commit_callbacks(execute=True):
        made = sync_trees(batch_size=2)
    assert made == 15  # five pages in each of three languages
    assert len(purges) == 3 * 3  # batches of 2, 2 and 1 in each language
    about_cy = copy_in(site_tree["about"], "cy")
    # Indexed in the batch's one pass, as the per-save task would have.
    found = StandardPage.objects.filter(locale=about_cy.locale).search("About this site")
    assert about_cy.pk in [page.pk for page in found]


@pytest.mark.django_db
def test_a_locale_set_to_sync_in_the_admin_gets_copies_of_public_pages_only(
    groups, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import LocaleSynchronization

    draft = EventPageFactory(parent=groups["b"], title="Not yet", live=False)
    draft.save_revision()
    french = Locale.objects.create(language_code="fr")
    english = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        LocaleSynchronization.objects.create(locale=french, sync_from=english)
    assert copy_in(groups["event_b"], "fr").alias_of_id == groups["event_b"].pk
    assert copy_in(draft, "fr") is None
