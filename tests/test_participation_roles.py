"""Have your say, role by role and both ways: council officers draft and read
and export answers but never publish; moderators publish and choose shown
excerpts; a group's editors send conclusions for their own group only;
anyone else (anonymous, another group's editor) none of it."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from participation.admin_views import neutralise
from participation.models import Answer, GroupContribution
from participation.roles import COUNCIL_OFFICERS

from .helpers import make_question

pytestmark = pytest.mark.django_db


def denied(response):
    """The admin answers a forbidden address by sending the user to its dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def logged_in(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def confirmed_answer(question, text="Benches", email="pat@example.org", **fields):
    return Answer.objects.create(
        question=question,
        language=fields.pop("language", "pl"),
        email=email,
        responses=[{"prompt": "What would make you shop locally?", "answer": text, "open": True}],
        confirmed_at=timezone.now(),
        **fields,
    )


def test_the_migration_creates_the_council_officers_role(db):
    officers = Group.objects.get(name=COUNCIL_OFFICERS)
    codenames = set(officers.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_answer"} <= codenames
    assert not {"publish_page", "change_answer"} & codenames


def test_officers_draft_questions_but_only_moderators_publish(
    hys,
    question,
    officer,
    moderator,
    editor_a,  # noqa: F811
):
    assert hys.permissions_for_user(officer).can_add_subpage()
    assert question.permissions_for_user(officer).can_edit()
    assert not question.permissions_for_user(officer).can_publish()
    # A group's editors cannot write questions.
    assert not hys.permissions_for_user(editor_a).can_add_subpage()
    assert not question.permissions_for_user(editor_a).can_edit()


def test_an_officer_reply_goes_through_another_moderator(
    hys,
    officer,
    moderator,
    second_moderator,
    django_capture_on_commit_callbacks,  # noqa: F811
):
    closed = make_question(hys, "Closed", opens=-300, closes=-2)
    confirmed_answer(closed, hear_back=True)
    closed.reply_summary = "<p>We heard you.</p>"
    revision = closed.save_revision(user=officer)
    workflow = closed.get_workflow()
    workflow.start(closed, officer)
    state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    closed.refresh_from_db()
    assert not closed.reply_summary  # nothing live until a moderator approves
    assert revision.user == officer

    client = logged_in(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[closed.pk, "approve", state.pk])
    from django.core import mail

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"comment": ""})
    closed.refresh_from_db()
    assert closed.reply_summary == "<p>We heard you.</p>"
    assert ["pat@example.org"] in [message.to for message in mail.outbox]


def check(response, expected):
    if expected == "denied":
        assert denied(response)
    elif expected == "login":
        assert response.status_code == 302 and "/login/" in response.url
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    "who,status",
    [("officer", 200), ("moderator", 200), ("editor_a", "denied"), ("anonymous", "login")],
)
def test_who_reads_every_answer_including_unshown_ones(request, question, who, status):  # noqa: F811
    user = None if who == "anonymous" else request.getfixturevalue(who)
    confirmed_answer(question, text="Not shown but read", shown=False)
    response = logged_in(user).get(reverse("participation_answers", args=[question.pk]))
    check(response, status)
    if status == 200:
        assert "Not shown but read" in response.content.decode()


@pytest.mark.parametrize(
    "who,status",
    [("officer", 200), ("moderator", 200), ("editor_b", "denied"), ("anonymous", "login")],
)
def test_who_exports_answers(request, question, who, status):  # noqa: F811
    user = None if who == "anonymous" else request.getfixturevalue(who)
    confirmed_answer(question)
    for fmt in ("csv", "json"):
        response = logged_in(user).get(reverse("participation_export", args=[question.pk, fmt]))
        check(response, status)
        if status == 200:
            assert b"Benches" in response.content


def test_an_officer_who_cannot_edit_a_question_cannot_read_its_answers(question, officer):  # noqa: F811
    from wagtail.models import GroupPagePermission

    GroupPagePermission.objects.filter(group__name=COUNCIL_OFFICERS).delete()
    response = logged_in(officer).get(reverse("participation_answers", args=[question.pk]))
    assert denied(response)


def test_the_export_neutralises_formulas_and_leaves_out_addresses(question, officer):  # noqa: F811
    confirmed_answer(question, text='=HYPERLINK("http://evil")', email="a@example.org")
    confirmed_answer(question, text="+1 more benches", email="b@example.org")
    confirmed_answer(question, text="@SUM(A1)", email="c@example.org")
    confirmed_answer(question, text="\tTabbed", email="d@example.org")
    client = logged_in(officer)
    body = client.get(reverse("participation_export", args=[question.pk, "csv"])).content
    text = body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["confirmed", "language", "area"]
    cells = {row[-1] for row in rows[1:]}
    assert cells == {'\'=HYPERLINK("http://evil")', "'+1 more benches", "'@SUM(A1)", "'\tTabbed"}
    assert "example.org" not in text
    data = json.loads(
        client.get(reverse("participation_export", args=[question.pk, "json"])).content
    )
    assert len(data["answers"]) == 4
    assert data["answers"][0]["language"] == "pl"
    assert "example.org" not in json.dumps(data)
    # Any other format is not a server error.
    response = client.get(reverse("participation_export", args=[question.pk, "xlsx"]))
    assert response.status_code == 404


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Benches, please") == "Benches, please"
    assert neutralise("-5 degrees") == "'-5 degrees"
    assert neutralise("\rCR") == "'\rCR"
    assert neutralise(None) == ""


@pytest.mark.parametrize("who", ["moderator", "officer", "editor_a"])
def test_only_moderators_choose_which_excerpts_are_shown(request, question, who):  # noqa: F811
    user = request.getfixturevalue(who)
    answer = confirmed_answer(question, consent_to_publish=True)
    url = reverse("participation_show_excerpt", args=[question.pk, answer.pk])
    response = logged_in(user).post(url, {"shown": "1"})
    answer.refresh_from_db()
    if who == "moderator":
        assert response.status_code == 302 and answer.shown
    else:
        assert denied(response) and not answer.shown


def test_an_excerpt_without_consent_is_never_shown(question, moderator):  # noqa: F811
    answer = confirmed_answer(question, consent_to_publish=False)
    url = reverse("participation_show_excerpt", args=[question.pk, answer.pk])
    logged_in(moderator).post(url, {"shown": "1"})
    answer.refresh_from_db()
    assert not answer.shown


# A group's editors -------------------------------------------------------------

ADD = "wagtailsnippets_participation_groupcontribution:add"


def contribution_post(question, group, **changes):  # noqa: F811
    prompt = question.prompts.first()
    data = {
        "question": question.pk,
        "group": group.pk,
        "group_name": "",
        "where_link": "",
        "where_in_person": "the church hall",
        "held_on": timezone.localdate().isoformat(),
        "participants": "14",
        "disagreements": "",
        "image": "",
        "document": "",
        "hear_back": "on",
        "conclusions-TOTAL_FORMS": "1",
        "conclusions-INITIAL_FORMS": "0",
        "conclusions-MIN_NUM_FORMS": "1",
        "conclusions-MAX_NUM_FORMS": "1000",
        "conclusions-0-prompt": prompt.pk,
        "conclusions-0-text": "Fix the pavements first.",
        "conclusions-0-ORDER": "1",
        "conclusions-0-id": "",
        "conclusions-0-DELETE": "",
        "action-submit": "1",
    }
    data.update(changes)
    return data


def test_a_group_editor_sends_their_groups_conclusion_into_moderation(
    question,
    groups,
    editor_a,
    moderator,  # noqa: F811
):
    client = logged_in(editor_a)
    response = client.post(reverse(ADD), contribution_post(question, groups["a"]))
    assert response.status_code == 302, response.content.decode()[-3000:]
    contribution = GroupContribution.objects.get()
    assert contribution.group_id == groups["a"].pk
    assert contribution.submitted_by == editor_a
    assert not contribution.live
    state = contribution.current_workflow_task_state
    assert state is not None and state.status == TaskState.STATUS_IN_PROGRESS


def test_a_group_editor_cannot_speak_for_another_group(question, groups, editor_a):  # noqa: F811
    client = logged_in(editor_a)
    response = client.post(reverse(ADD), contribution_post(question, groups["b"]))
    assert response.status_code == 200
    assert not GroupContribution.objects.exists()


def test_a_group_editor_cannot_see_another_groups_conclusion(question, groups, editor_a, editor_b):  # noqa: F811
    logged_in(editor_a).post(reverse(ADD), contribution_post(question, groups["a"]))
    contribution = GroupContribution.objects.get()
    other = logged_in(editor_b)
    edit = reverse("wagtailsnippets_participation_groupcontribution:edit", args=[contribution.pk])
    assert denied(other.get(edit))
    listing = reverse("wagtailsnippets_participation_groupcontribution:list")
    assert str(contribution) not in other.get(listing).content.decode()
    assert logged_in(editor_a).get(edit).status_code == 200


def test_a_conclusion_about_another_questions_prompt_is_refused(
    hys,
    question,
    groups,
    editor_a,  # noqa: F811
):
    other = make_question(hys, "Another question")
    data = contribution_post(question, groups["a"])
    data["conclusions-0-prompt"] = other.prompts.first().pk
    response = logged_in(editor_a).post(reverse(ADD), data)
    assert response.status_code == 200
    assert not GroupContribution.objects.exists()


def test_people_without_a_role_get_no_group_conclusions_in_the_admin(question, groups, db):  # noqa: F811
    from .factories import UserFactory

    nobody = UserFactory(username="nobody")
    from django.contrib.auth.models import Permission

    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = logged_in(nobody)
    assert denied(client.get(reverse(ADD)))
    assert denied(client.get(reverse("participation_questions")))
