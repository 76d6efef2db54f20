"""Helpers the test modules share: posting the admin's forms, acting on a
workflow, hostile input and the browser settings. Fixtures are in conftest.py;
test modules import from here, never from each other."""

import datetime
import os

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState
from wagtail.test.utils.form_data import querydict_from_html

from moderation.onboarding import onboard
from participation.models import QuestionPage, QuestionPrompt

from .factories import GroupPageFactory, UserFactory, in_days, publish


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


# Have your say ----------------------------------------------------------------


def hours(n):
    return timezone.now() + datetime.timedelta(hours=n)


def make_question(index, title="High Street plan", opens=-24, closes=24 * 7, **fields):
    fields.setdefault("question", "What should the High Street look like in five years?")
    fields.setdefault("asked_by", "Ashby Moor Town Council")
    fields.setdefault("readers", "The council's planning team")
    fields.setdefault("how_answers_are_used", "To decide the plan.")
    fields.setdefault("reply_by", (hours(closes) + datetime.timedelta(days=30)).date())
    prompts = fields.pop(
        "prompts",
        [
            QuestionPrompt(text="What would make you shop locally?", kind="open"),
            QuestionPrompt(text="Anything else?", kind="open"),
            QuestionPrompt(text="Should cars be allowed?", kind="choice", choices="Yes\nNo"),
        ],
    )
    topics = fields.pop("topics", [])
    areas = fields.pop("areas", [])
    question = QuestionPage(
        title=title, opens_at=hours(opens), closes_at=hours(closes), prompts=prompts, **fields
    )
    index.add_child(instance=question)
    question.topics.set(topics)
    question.areas.set(areas)
    return publish(question)


def contribution_data(question, **changes):
    """The public form for groups' conclusions as an unlisted group fills it in."""
    prompt = question.prompts.first()
    data = {
        "your_name": "Amina",
        "your_email": "amina@example.org",
        "group_name": "Saturday school parents",
        "where_link": "",
        "where_in_person": "our WhatsApp group",
        "held_on": timezone.localdate().isoformat(),
        "participants": "23",
        f"prompt_{prompt.pk}": "A safe crossing by the school.",
        "disagreements": "Parking.",
        "hear_back": "on",
        "fax_number": "",
    }
    data.update(changes)
    return data


# Public suggestions (the security tests post the "Suggest an event" form) ------


def suggest_event_url():
    return reverse("moderation:suggest_event")


def event_suggestion(**changes):
    """The "Suggest an event" form as a visitor fills it in."""
    data = {
        "your_name": "Pat Jones",
        "your_email": "pat@example.org",
        "group": "",
        "title": "Street party",
        "summary": "Music, food and games on Mill Lane.",
        "start": in_days(10, 14).strftime("%Y-%m-%dT%H:%M"),
        "end": in_days(10, 18).strftime("%Y-%m-%dT%H:%M"),
        "where": "Mill Lane, Ashby Moor",
        "cost": "",
        "description": "Bring a dish to share.",
        "fax_number": "",
    }
    data.update(changes)
    return data


def suggest(client, capture, **changes):
    with capture(execute=True):
        return client.post(suggest_event_url(), event_suggestion(**changes))


def confirm_link(message):
    return next(
        line.strip().replace("http://testserver", "")
        for line in message.body.splitlines()
        if "/confirm/" in line
    )


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


def visit(page, base_url, path):
    """Open ``path`` in the browser: it must answer 200, right to left in Urdu."""
    response = page.goto(base_url + path)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    if path.startswith("/ur/"):
        assert page.evaluate("document.documentElement.dir") == "rtl", path


def check_accessibility(page, axe, problems, label):
    """axe on the page as it is now; what it finds is added to ``problems``."""
    results = axe.run(page, options=AXE_OPTIONS)
    if results.violations_count:
        problems.append(f"{label}:\n{results.generate_report()}")


# The marks of every browser test module: pytestmark = BROWSER_MARKS.
BROWSER_MARKS = [
    pytest.mark.browser,
    # Locally a missing Chromium skips; in CI (.ci/run installs it) it must run.
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
        reason=f"needs Chromium at {CHROMIUM}",
    ),
]
