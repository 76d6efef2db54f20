"""Helpers the test modules share: posting the admin's forms, acting on a
workflow, hostile input and the browser settings. Fixtures are in conftest.py;
test modules import from here, never from each other."""

import os

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import TaskState
from wagtail.test.utils.form_data import querydict_from_html

from moderation.onboarding import onboard

from .factories import GroupPageFactory, UserFactory


def member_of(group, **kwargs):
    """A new user in the Django group ``group`` (a role or a group's editors)."""
    user = UserFactory(**kwargs)
    user.groups.add(group if isinstance(group, Group) else Group.objects.get(name=group))
    return user


def trusted_group(**kwargs):
    """A group page onboarded as a trusted organisation (its editors publish)."""
    page = GroupPageFactory(**kwargs)
    onboard(page, trusted=True)
    return page


# The admin -------------------------------------------------------------------


def assert_denied(response):
    """Wagtail's admin answers a refused page with a 403 or a redirect to the dashboard."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response.url in (reverse("wagtailadmin_home"), "/admin/"), response.url


def edit_form_data(page, **changes):
    """The edit form as the admin would post it, from the page's current values."""
    page = page.specific
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=None)
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
            continue
        formatted = field.widget.format_value(value)
        data[name] = "" if formatted is None else formatted
    for prefix in form.formsets:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data


def edit_and_publish(client, page, **changes):
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(edit_url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for field, value in changes.items():
        data[field] = value
    data["action-publish"] = "action-publish"
    return client.post(edit_url, data)


# The moderation workflow ------------------------------------------------------


def submit_change(client, user, page, **changes):
    client.force_login(user)
    data = edit_form_data(page, **changes)
    data["action-submit"] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content[:2000]
    page.refresh_from_db()
    return TaskState.objects.filter(workflow_state__object_id=str(page.pk)).latest("pk")


def act(client, user, page, action, task_state, comment=""):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


# Bad input --------------------------------------------------------------------

# Search queries that once broke, or could break, a search backend's parser.
HOSTILE = [
    "",
    " ",
    '"',
    "'",
    '"food',
    "food\"'",
    "x" * 10_000,
    "food " * 2000,
    "AND",
    "OR NOT",
    "food AND OR NOT",
    "*",
    "food*",
    "^food",
    "title:food",
    "(food",
    "food)",
    "NEAR(food bank)",
    "-food",
    "food -bank",
    "' OR 1=1 --",
    "1; DROP TABLE wagtailcore_page",
    "\\",
    "%",
    "_",
    "\x00food",
    "Zażółć gęślą jaźń",
    "مرحبا",
    "你好",
    "🍲 food",
]


# The browser ------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A phone and a desktop: the layout, and so what axe checks, differs between them.
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

# Every rule axe-core runs by default (WCAG 2.0 to 2.2 A and AA, and best
# practice), plus the WCAG 2.2 target-size rule it leaves off by default.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}

# The marks of every browser test module: pytestmark = BROWSER_MARKS.
BROWSER_MARKS = [
    pytest.mark.browser,
    # Locally a missing Chromium skips; in CI (.ci/run installs it) it must run.
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
        reason=f"needs Chromium at {CHROMIUM}",
    ),
]
