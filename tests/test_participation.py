"""Have your say: questions, their state and index, residents' answers without
an account, groups' conclusions, and the public reply told to participants."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from moderation.models import QueuedMail
from participation.enums import QuestionState, state_of
from participation.models import (
    Answer,
    GroupContribution,
    QuestionPage,
    ReplyPoint,
)
from participation.services import tell_participants_of_reply

from .factories import AreaFactory, TopicFactory, publish
from .helpers import contribution_data, hours, make_question

pytestmark = pytest.mark.django_db


def answer_data(question, **changes):
    prompts = list(question.prompts.all())
    data = {
        f"prompt_{prompts[0].pk}": "More benches and a market on Saturdays.",
        f"prompt_{prompts[1].pk}": "",
        f"prompt_{prompts[2].pk}": "No",
        "your_email": "Pat@Example.org",
        "area": "",
        "consent_to_publish": "on",
        "hear_back": "on",
        "fax_number": "",
    }
    data.update(changes)
    return data


def answer(client, capture, question, prefix="", **changes):
    url = prefix + reverse("participation:answer", args=[question.pk])
    with capture(execute=True):
        return client.post(url, answer_data(question, **changes))


def link_in(message, marker="/confirm-"):
    return next(
        line.strip().replace("http://testserver", "")
        for line in message.body.splitlines()
        if marker in line
    )


# State -----------------------------------------------------------------------


def test_the_state_comes_from_the_dates_and_the_reply():
    opens, closes = hours(-1), hours(1)
    assert state_of(opens, closes, False) == QuestionState.OPEN
    assert state_of(hours(1), hours(2), False) == QuestionState.UPCOMING
    assert state_of(hours(-2), hours(-1), False) == QuestionState.CLOSED
    assert state_of(hours(-2), hours(-1), True) == QuestionState.ANSWERED
    # A reply written while answers are still coming in does not close the question.
    assert state_of(opens, closes, True) == QuestionState.OPEN


def test_the_index_lists_open_then_coming_then_awaiting_reply_then_answered(client, hys):
    answered = make_question(
        hys, "Answered one", opens=-300, closes=-200, reply_summary="<p>We heard.</p>"
    )
    awaiting = make_question(hys, "Awaiting one", opens=-300, closes=-100)
    upcoming = make_question(hys, "Upcoming one", opens=100, closes=300)
    open_one = make_question(hys, "Open one")
    body = client.get(hys.url).content.decode()
    positions = [body.index(q.title) for q in (open_one, upcoming, awaiting, answered)]
    assert positions == sorted(positions)
    assert "Closed, reply to come" in body and "Answered" in body


def test_the_index_filters_by_topic_and_area_and_ignores_unknown_values(client, hys):
    food, centre = TopicFactory(name="Food"), AreaFactory(name="Town centre")
    make_question(hys, "About food", topics=[food])
    make_question(hys, "About the centre", areas=[centre])
    body = client.get(hys.url, {"topic": "food"}).content.decode()
    assert "About food" in body and "About the centre" not in body
    body = client.get(hys.url, {"area": "town-centre"}).content.decode()
    assert "About the centre" in body and "About food" not in body
    response = client.get(hys.url, {"topic": "<script>", "area": "nowhere"})
    assert response.status_code == 200
    assert "About food" in response.content.decode()


def test_a_closing_date_before_the_opening_date_is_refused(hys):
    from django.core.exceptions import ValidationError

    question = QuestionPage(
        title="Backwards",
        question="?",
        opens_at=hours(10),
        closes_at=hours(1),
        readers="x",
        reply_by=timezone.localdate(),
        how_answers_are_used="x",
    )
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "closes_at" in error.value.message_dict


# Residents answer --------------------------------------------------------------


def test_answering_saves_an_unconfirmed_answer_and_asks_to_confirm(
    client, question, django_capture_on_commit_callbacks
):
    response = answer(client, django_capture_on_commit_callbacks, question, prefix="/pl")
    assert response.status_code == 200
    stored = Answer.objects.get()
    assert stored.confirmed_at is None
    assert stored.language == "pl"
    assert stored.email == "pat@example.org"
    assert stored.responses[0] == {
        "prompt": "What would make you shop locally?",
        "answer": "More benches and a market on Saturdays.",
        "open": True,
    }
    [message] = mail.outbox
    assert message.to == ["pat@example.org"]
    assert "/confirm-answer/" in message.body
    assert question.figures()["answers"] == 0  # not counted until confirmed


def test_confirming_counts_the_answer_and_a_second_one_replaces_it(
    client, question, django_capture_on_commit_callbacks
):
    answer(client, django_capture_on_commit_callbacks, question)
    link = link_in(mail.outbox[0])
    assert client.get(link).status_code == 200  # a mail scanner opening it confirms nothing
    assert Answer.objects.get().confirmed_at is None
    assert client.post(link).status_code == 200
    assert question.figures()["answers"] == 1

    first = Answer.objects.get()
    first.shown = True
    first.save()
    mail.outbox.clear()
    prompt = question.prompts.first()
    answer(
        client,
        django_capture_on_commit_callbacks,
        question,
        prefix="/cy",
        **{f"prompt_{prompt.pk}": "A library instead.", "your_email": "pat@example.org"},
    )
    client.post(link_in(mail.outbox[0]))
    [counted] = Answer.objects.filter(confirmed_at__isnull=False)
    assert counted.responses[0]["answer"] == "A library instead."
    assert counted.language == "cy"
    assert not counted.shown  # new words are checked again before being shown
    # Confirming again changes nothing.
    response = client.post(link_in(mail.outbox[0]))
    assert response.status_code == 200
    assert Answer.objects.count() == 1
    in_english = link_in(mail.outbox[0]).removeprefix("/cy")
    assert "Already confirmed" in client.get(in_english).content.decode()


def test_a_form_with_nothing_answered_says_so_and_keeps_what_was_typed(
    client, question, django_capture_on_commit_callbacks
):
    prompts = list(question.prompts.all())
    response = answer(
        client,
        django_capture_on_commit_callbacks,
        question,
        **{f"prompt_{prompts[0].pk}": "", "your_email": "not an address", "area": "999"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Write an answer to at least one question." in body
    assert "not an address" in body
    assert not Answer.objects.exists() and not mail.outbox


def test_answers_are_limited_in_length_and_kept_as_text(
    client, question, django_capture_on_commit_callbacks
):
    prompt = question.prompts.first()
    response = answer(
        client, django_capture_on_commit_callbacks, question, **{f"prompt_{prompt.pk}": "x" * 2001}
    )
    assert "at most 2000 characters" in response.content.decode()
    assert not Answer.objects.exists()
    answer(
        client,
        django_capture_on_commit_callbacks,
        question,
        **{f"prompt_{prompt.pk}": "<b>bold</b> <script>alert(1)</script>"},
    )
    assert Answer.objects.get().responses[0]["answer"] == "<b>bold</b> <script>alert(1)</script>"


def test_a_robot_filling_the_trap_is_turned_away(
    client, question, django_capture_on_commit_callbacks
):
    response = answer(client, django_capture_on_commit_callbacks, question, fax_number="0123")
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_answers_are_rate_limited_per_address(
    client, question, django_capture_on_commit_callbacks, settings
):
    for _ in range(5):
        assert answer(client, django_capture_on_commit_callbacks, question).status_code == 200
    response = answer(client, django_capture_on_commit_callbacks, question)
    assert response.status_code == 429
    assert Answer.objects.count() == 5


def test_a_closed_question_takes_no_answers_but_gives_the_words_back(
    client, hys, django_capture_on_commit_callbacks
):
    closed = make_question(hys, "Closed", opens=-48, closes=-1)
    response = client.get(reverse("participation:answer", args=[closed.pk]))
    assert "not open" in response.content.decode()
    response = answer(client, django_capture_on_commit_callbacks, closed)
    assert response.status_code == 409
    assert "More benches and a market on Saturdays." in response.content.decode()
    assert not Answer.objects.exists()


def test_an_unpublished_question_cannot_be_answered(client, question):
    question.unpublish()
    assert client.get(reverse("participation:answer", args=[question.pk])).status_code == 404


def test_the_answer_is_saved_even_when_the_mail_server_is_down(
    client, question, django_capture_on_commit_callbacks
):
    with mock.patch("moderation.mail.transmit", side_effect=OSError("mail server down")):
        response = answer(client, django_capture_on_commit_callbacks, question)
    assert response.status_code == 200
    assert Answer.objects.exists()
    queued = QueuedMail.objects.get()
    assert queued.sent_at is None and "mail server down" in queued.last_error


def test_a_link_that_could_not_have_been_issued_is_not_found(client, question):
    for token in ["x" * 2000, "a\x00b" * 10, "ünïcode-token-value"]:
        url = reverse("participation:confirm_answer", args=[token])
        assert client.post(url).status_code == 404
        url = reverse("participation:confirm_contribution", args=[token])
        assert client.get(url).status_code == 404


def test_an_expired_link_confirms_nothing(client, question, django_capture_on_commit_callbacks):
    answer(client, django_capture_on_commit_callbacks, question)
    Answer.objects.update(created_at=timezone.now() - datetime.timedelta(days=60))
    response = client.post(link_in(mail.outbox[0]))
    assert response.status_code == 410
    assert Answer.objects.get().confirmed_at is None


def test_only_consenting_moderated_answers_are_shown_and_only_if_the_question_says_so(
    client, question
):
    def confirmed(text, consent, shown):
        return Answer.objects.create(
            question=question,
            language="en",
            email=f"{text}@example.org",
            responses=[{"prompt": "Q", "answer": text, "open": True}],
            consent_to_publish=consent,
            shown=shown,
            confirmed_at=timezone.now(),
        )

    confirmed("checked", True, True)
    confirmed("unchecked", True, False)
    confirmed("private", False, True)
    assert "checked" not in client.get(question.url).content.decode()
    question.show_answers = True
    publish(question)
    body = client.get(question.url).content.decode()
    assert "checked" in body
    assert "unchecked" not in body and "private" not in body


# Groups bring their conclusion -------------------------------------------------


def test_an_unlisted_group_brings_its_conclusion_and_a_moderator_approves_it(
    client, question, moderator, django_capture_on_commit_callbacks
):
    url = reverse("participation:contribute", args=[question.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, contribution_data(question))
    assert response.status_code == 200
    contribution = GroupContribution.objects.get()
    assert not contribution.live and contribution.current_workflow_state is None

    link = link_in(mail.outbox[0], "/confirm-conclusion/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    contribution.refresh_from_db()
    state = contribution.current_workflow_task_state
    assert state is not None and state.status == TaskState.STATUS_IN_PROGRESS
    assert "Saturday school parents" not in client.get(question.url).content.decode()

    moderator_client = Client()
    moderator_client.force_login(moderator)
    action = reverse(
        "wagtailsnippets_participation_groupcontribution:workflow_action",
        args=[contribution.pk, "approve", state.pk],
    )
    response = moderator_client.post(action, {"comment": ""})
    assert response.status_code in (200, 302)
    contribution.refresh_from_db()
    assert contribution.live
    body = client.get(question.url).content.decode()
    assert "What groups said" in body
    assert "Saturday school parents" in body and "23 people took part" in body
    assert question.figures() == {"answers": 0, "groups": 1, "group_people": 23, "people": 23}


def test_a_group_conclusion_needs_a_place_a_past_date_and_a_conclusion(
    client, question, django_capture_on_commit_callbacks
):
    prompt = question.prompts.first()
    url = reverse("participation:contribute", args=[question.pk])
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        url,
        contribution_data(
            question,
            where_in_person="",
            held_on=tomorrow,
            participants="0",
            **{f"prompt_{prompt.pk}": ""},
        ),
    )
    body = response.content.decode()
    assert "Say where you talked" in body
    assert "cannot be in the future" in body
    assert "Write an answer to at least one question." in body
    assert "Saturday school parents" in body  # kept
    assert not GroupContribution.objects.exists()


# The reply --------------------------------------------------------------------


def test_publishing_the_reply_tells_each_participant_once_in_their_language(
    client, hys, django_capture_on_commit_callbacks
):
    question = make_question(hys, "Closed question", opens=-300, closes=-2)
    for email, language, hear_back in [
        ("pl@example.org", "pl", True),
        ("quiet@example.org", "en", False),
        ("unconfirmed@example.org", "en", True),
    ]:
        Answer.objects.create(
            question=question,
            language=language,
            email=email,
            hear_back=hear_back,
            confirmed_at=None if email.startswith("unconfirmed") else timezone.now(),
        )
    question.reply_summary = "<p>Most of you want benches.</p>"
    question.reply_points = [ReplyPoint(point="Benches", decision="yes", reason="Cheap")]
    with django_capture_on_commit_callbacks(execute=True):
        publish(question)
    assert [message.to for message in mail.outbox] == [["pl@example.org"]]
    assert "/closed-question/" in mail.outbox[0].body
    assert Answer.objects.get(email="pl@example.org").told_of_reply_at is not None
    # A progress update later publishes again, and tells nobody twice.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(question)
    assert mail.outbox == []
    assert tell_participants_of_reply(question) == 0
    body = client.get(question.url).content.decode()
    assert "We asked, you said, we did" in body
    assert "Yes, we will do this" in body
    assert "2 answers" in body
