"""The admin screens a large site lives in cost a fixed number of SQL queries
and show a bounded page of rows, however many pages the site holds: the page
explorer of the groups index, the dashboard with the moderation queues, and
"Translations to do". Each is measured with 25 and with 60 groups waiting for
a moderator (more than a dashboard panel's 20 rows, and more than one page of
the explorer's 50); the counts must be equal and pinned."""

import pytest
import wagtail_localize.wagtail_hooks as localize_hooks
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale, Page

from moderation.admin_views import DASHBOARD_ROWS
from moderation.roles import MODERATORS
from translations.wagtail_hooks import annotate_translation_buttons, translation_listing_buttons

from .factories import GroupPageFactory, UserFactory
from .helpers import member_of

# Pinned query counts. A change here needs a reason in the commit.
# Explorer: Wagtail's listing (the rows, their workflow states and specific
# tasks in one query each, sites, locales, the parent's buttons) and the
# admin's fixed costs (session, user, two-factor device, menus). Dashboard:
# two panels of at most DASHBOARD_ROWS changes, two queries per row of
# Wagtail's (the workflow's tasks; whether the moderator wrote the change).
# Translations to do: the locales, one count of every language's rows and a
# page of 50 rows a language, decided in SQL (translations/report.py).
EXPECTED = {
    "explorer": 35,
    "dashboard": 66,
    "translations_to_do": 14,
}


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


def add_groups(count, editor):
    """``count`` live group pages, each with a change waiting for a moderator."""
    for _ in range(count):
        group = GroupPageFactory()
        group.save_revision(user=editor)
        group.get_workflow().start(group, editor)


def queries_for(client, url):
    client.get(url)  # per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context), response.content.decode()


@pytest.mark.django_db
def test_admin_query_counts_are_fixed_and_pinned(client, site_tree, administrator):
    # Every language, so that "Translations to do" has pages to list.
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    editor = member_of(MODERATORS, username="ed")
    client.force_login(administrator)
    urls = {
        "explorer": reverse("wagtailadmin_explore", args=[site_tree["groups"].pk]),
        "dashboard": reverse("wagtailadmin_home"),
        "translations_to_do": reverse("translations_to_do"),
    }
    add_groups(25, editor)
    with_25 = {name: queries_for(client, url)[0] for name, url in urls.items()}
    add_groups(35, editor)
    measured = {name: queries_for(client, url) for name, url in urls.items()}
    with_60 = {name: count for name, (count, _html) in measured.items()}

    assert with_25 == with_60
    assert with_25 == EXPECTED, with_25
    dashboard = measured["dashboard"][1]
    # Both queues say how many wait, and link to the paginated report of all.
    assert f"The newest {DASHBOARD_ROWS} of 60 changes waiting for review are shown." in dashboard
    assert f"The oldest {DASHBOARD_ROWS} of 60 changes waiting are shown." in dashboard
    assert dashboard.count(reverse("wagtailadmin_reports:workflow_tasks")) >= 2
    # Wagtail's panel keeps its actions on the rows it shows.
    assert dashboard.count("data-workflow-action-url") >= DASHBOARD_ROWS
    # The new groups have no translation yet: the report lists them, a page at a time.
    to_do = measured["translations_to_do"][1]
    assert to_do.count("Community Group") >= 50


@pytest.mark.django_db
def test_explorer_buttons_are_wagtail_localizes(client, site_tree, administrator):
    """The explorer's rows get the buttons wagtail-localize would give them:
    "Translate this page" while a language lacks a translation, "Sync
    translated pages" on the source of a translation."""
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    client.force_login(administrator)
    about = site_tree["about"]
    url = reverse("wagtail_localize:submit_page_translation", args=[about.pk])
    locales = Locale.objects.exclude(language_code="en").values_list("pk", flat=True)
    assert client.post(url, {"locales": list(locales)}).status_code == 302

    rows = annotate_translation_buttons(None, Page.objects.filter(depth__gt=2), None)
    labels = {}
    for page in rows:
        ours = [b.label for b in translation_listing_buttons(page, administrator)]
        theirs = [b.label for b in localize_hooks.page_listing_more_buttons(page, administrator)]
        assert ours == theirs, page
        labels[page.pk] = ours
    assert labels[about.pk] == ["Sync translated pages"]
    assert labels[site_tree["news"].pk] == ["Translate this page"]

    explorer = client.get(reverse("wagtailadmin_explore", args=[site_tree["home"].pk]))
    html = explorer.content.decode()
    assert "Sync translated pages" in html and "Translate this page" in html
