"""Public submissions: no account, a confirmed address, the same queue, and
the submitter told the outcome; spam turned away with a clear message."""

from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState

from events.models import EventPage
from groups.models import GroupPage
from moderation.models import PublicSubmission, QueuedMail

from .factories import GroupPageFactory, publish
from .helpers import act, confirm_link, event_suggestion, suggest, suggest_event_url

pytestmark = pytest.mark.django_db

SUGGEST = suggest_event_url()
GET_LISTED = reverse("moderation:get_listed")


def in_queue(page):
    return TaskState.objects.filter(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    ).exists()


def test_suggesting_an_event_saves_a_draft_and_asks_to_confirm_the_address(
    client, site_tree, django_capture_on_commit_callbacks
):
    response = suggest(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "check your e-mail" in response.content.decode().lower()

    submission = PublicSubmission.objects.get()
    page = submission.page.specific
    assert isinstance(page, EventPage)
    assert not page.live
    assert page.get_parent().pk == site_tree["whats_on"].pk
    assert (submission.name, submission.email) == ("Pat Jones", "pat@example.org")
    assert submission.outcome == PublicSubmission.Outcome.UNCONFIRMED

    # No password and no draft content in the mail: just the link.
    [message] = mail.outbox
    assert message.to == ["pat@example.org"]
    assert "/confirm/" in message.body
    assert QueuedMail.objects.get().sent_at is not None


def test_an_unconfirmed_submission_never_reaches_the_queue(
    client, site_tree, moderator, django_capture_on_commit_callbacks
):
    suggest(client, django_capture_on_commit_callbacks)
    page = PublicSubmission.objects.get().page
    assert not in_queue(page)

    # Opening the link (as a mail scanner would) does not confirm it either.
    link = confirm_link(mail.outbox[0])
    assert client.get(link).status_code == 200
    assert not in_queue(page)

    moderator_client = Client()
    moderator_client.force_login(moderator)
    dashboard = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Street party" not in dashboard


def test_confirming_puts_the_submission_in_the_moderators_queue(
    client, site_tree, moderator, django_capture_on_commit_callbacks
):
    suggest(client, django_capture_on_commit_callbacks)
    link = confirm_link(mail.outbox[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert response.status_code == 200
    submission = PublicSubmission.objects.get()
    assert submission.outcome == PublicSubmission.Outcome.IN_MODERATION
    assert in_queue(submission.page)
    # Moderators are told.
    assert moderator.email in {address for message in mail.outbox for address in message.to}
    # Confirming twice is harmless.
    client.post(link)
    assert TaskState.objects.count() == 1

    moderator_client = Client()
    moderator_client.force_login(moderator)
    dashboard = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Street party" in dashboard
    assert "a member of the public" in dashboard
    page = submission.page
    revision_url = reverse(
        "wagtailadmin_pages:revisions_view", args=[page.pk, page.latest_revision_id]
    )
    assert revision_url in dashboard
    preview = moderator_client.get(revision_url)
    assert preview.status_code == 200
    assert "Bring a dish to share." in preview.content.decode()


def test_the_submitter_is_told_the_outcome(
    client, site_tree, moderator, second_moderator, django_capture_on_commit_callbacks
):
    suggest(client, django_capture_on_commit_callbacks)
    client.post(confirm_link(mail.outbox[0]))
    submission = PublicSubmission.objects.get()
    page = submission.page.specific
    state = TaskState.objects.get()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, moderator, page, "reject", state, comment="Which end of Mill Lane?")
    submission.refresh_from_db()
    assert submission.outcome == PublicSubmission.Outcome.CHANGES_REQUESTED
    to_submitter = [m for m in mail.outbox if m.to == ["pat@example.org"]]
    assert len(to_submitter) == 1
    assert "Which end of Mill Lane?" in to_submitter[0].body

    # The moderator fixes it and another approves; the submitter hears it is live.
    page.description = "<p>At the Mill Lane end near the bridge.</p>"
    page.save_revision(user=moderator)
    page.current_workflow_state.resume(moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(
            client,
            second_moderator,
            page,
            "approve",
            page.current_workflow_state.current_task_state,
        )
    page.refresh_from_db()
    assert page.live
    submission.refresh_from_db()
    assert submission.outcome == PublicSubmission.Outcome.APPROVED
    to_submitter = [m for m in mail.outbox if m.to == ["pat@example.org"]]
    assert len(to_submitter) == 1
    assert page.url in to_submitter[0].body or page.full_url in to_submitter[0].body


def test_suggesting_an_event_of_a_listed_group_puts_it_under_the_group(
    client, groups, django_capture_on_commit_callbacks
):
    suggest(client, django_capture_on_commit_callbacks, group=str(groups["a"].pk))
    page = PublicSubmission.objects.get().page.specific
    assert page.get_parent().pk == groups["a"].pk
    assert page.group_id == groups["a"].pk


def test_getting_a_group_listed_creates_a_draft_group_page(
    client, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            GET_LISTED,
            {
                "your_name": "Sam Lee",
                "your_email": "sam@example.org",
                "title": "Knit and Natter",
                "summary": "Knitting, crochet and a cuppa.",
                "meeting_times": "Thursdays 2pm",
                "where": "The library",
                "contact_email": "",
                "website": "",
                "description": "",
                "fax_number": "",
            },
        )
    assert response.status_code == 200
    submission = PublicSubmission.objects.get()
    assert submission.kind == PublicSubmission.Kind.GROUP
    page = submission.page.specific
    assert isinstance(page, GroupPage)
    assert not page.live
    assert page.get_parent().pk == site_tree["groups"].pk
    assert not page.is_trusted


def test_visitor_input_is_kept_as_plain_text(client, site_tree, django_capture_on_commit_callbacks):
    suggest(
        client,
        django_capture_on_commit_callbacks,
        description='<script>alert("x")</script><a href="http://spam">win</a>',
    )
    page = PublicSubmission.objects.get().page.specific
    assert "<script>" not in page.description
    assert "<a " not in page.description
    assert "&lt;script&gt;" in page.description


def test_length_limits_are_enforced(client, site_tree, django_capture_on_commit_callbacks):
    response = suggest(client, django_capture_on_commit_callbacks, title="x" * 121)
    assert response.status_code == 200
    assert "at most 120 characters" in response.content.decode()
    response = suggest(client, django_capture_on_commit_callbacks, description="x" * 2001)
    assert "at most 2000 characters" in response.content.decode()
    assert not PublicSubmission.objects.exists()


def test_the_honeypot_turns_robots_away_with_a_clear_message(
    client, site_tree, django_capture_on_commit_callbacks
):
    response = suggest(client, django_capture_on_commit_callbacks, fax_number="0123 456")
    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()
    assert not PublicSubmission.objects.exists()
    assert not mail.outbox


def test_too_many_submissions_from_one_address_are_refused_with_a_clear_message(
    client, site_tree, django_capture_on_commit_callbacks
):
    for number in range(5):
        response = suggest(client, django_capture_on_commit_callbacks, title=f"Party {number}")
        assert response.status_code == 200
    response = suggest(client, django_capture_on_commit_callbacks, title="One too many")
    assert response.status_code == 429
    assert "try again in an hour" in response.content.decode()
    assert PublicSubmission.objects.count() == 5
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.44")
    with django_capture_on_commit_callbacks(execute=True):
        assert other.post(SUGGEST, event_suggestion(title="Elsewhere")).status_code == 200


def test_the_forms_need_a_csrf_token(site_tree):
    client = Client(enforce_csrf_checks=True)
    response = client.post(SUGGEST, event_suggestion())
    assert response.status_code == 403
    assert not PublicSubmission.objects.exists()
    page = client.get(SUGGEST).content.decode()
    assert "csrfmiddlewaretoken" in page


def test_a_submission_is_kept_when_mail_fails_and_sent_later(
    client, site_tree, django_capture_on_commit_callbacks
):
    with mock.patch("moderation.mail.transmit", side_effect=OSError("mail server down")):
        response = suggest(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert PublicSubmission.objects.count() == 1
    queued = QueuedMail.objects.get()
    assert queued.sent_at is None
    assert "mail server down" in queued.last_error
    assert not mail.outbox

    call_command("send_pending_mail", verbosity=0)
    queued.refresh_from_db()
    assert queued.sent_at is not None
    assert queued.attempts == 2
    assert len(mail.outbox) == 1


def test_query_counts_of_the_public_forms_are_pinned(client, groups, django_assert_num_queries):
    # Warm caches: alerts, and what every page shows of the site
    # (home/sitewide.py: the site, its settings, the navigation).
    client.get(SUGGEST)
    with django_assert_num_queries(SUGGEST_FORM_QUERIES):
        assert client.get(SUGGEST).status_code == 200
    with django_assert_num_queries(GET_LISTED_QUERIES):
        assert client.get(GET_LISTED).status_code == 200
    # The same with ten more groups to choose from.
    for _ in range(10):
        publish(GroupPageFactory())
    client.get(SUGGEST)  # the publishes raised the page cache's version
    with django_assert_num_queries(SUGGEST_FORM_QUERIES):
        assert client.get(SUGGEST).status_code == 200


# Once what every page shows of the site is built (home/sitewide.py), the
# forms' choices included, the suggestion form makes two queries of its own
# and the groups' form none.
SUGGEST_FORM_QUERIES = 2
GET_LISTED_QUERIES = 0


def test_moderators_can_list_public_suggestions_but_volunteers_cannot(
    client, groups, moderator, editor_a, django_capture_on_commit_callbacks
):
    suggest(client, django_capture_on_commit_callbacks)
    url = reverse("public_submissions:index")
    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200
    assert "pat@example.org" in response.content.decode()
    client.force_login(editor_a)
    assert client.get(url).status_code in (302, 403)


def test_query_counts_of_the_confirmation_and_dismissal_are_pinned(
    client, site_tree, django_capture_on_commit_callbacks, django_assert_num_queries
):
    suggest(client, django_capture_on_commit_callbacks)
    link = confirm_link(mail.outbox[0])
    client.get(link)
    with django_assert_num_queries(CONFIRM_PAGE_QUERIES):
        assert client.get(link).status_code == 200
    with django_assert_num_queries(0):
        client.get(reverse("moderation:dismiss_alert", args=["1-1"]))


CONFIRM_PAGE_QUERIES = 1


def test_the_submitter_hears_the_outcome_in_the_language_they_wrote_in(
    client, site_tree, moderator, django_capture_on_commit_callbacks
):
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/pl" + SUGGEST, event_suggestion())
    assert response.status_code in (200, 302)
    submission = PublicSubmission.objects.get()
    assert submission.language == "pl"
    client.post(confirm_link(mail.outbox[0]))
    page = submission.page.specific
    state = TaskState.objects.get()

    mail.outbox.clear()
    # The moderator works in English; the submitter is answered in Polish.
    with django_capture_on_commit_callbacks(execute=True):
        act(client, moderator, page, "reject", state, comment="Which end of Mill Lane?")
    (message,) = [m for m in mail.outbox if m.to == ["pat@example.org"]]
    assert "Komentarz moderatora:" in message.body
    assert "Their comment:" not in message.body
    assert "Which end of Mill Lane?" in message.body
