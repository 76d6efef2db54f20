"""Have your say beyond its own pages: the home page, group pages, the
transparency page, the feeds, the sitemap and JSON-LD; and the index and
question pages cost a fixed number of queries however many answers there are."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from home.pagecache import purge_pages
from participation.models import Answer, ContributionConclusion, GroupContribution
from participation.services import tell_participants_of_reply

from .factories import AreaFactory, TopicFactory, publish
from .helpers import make_question

pytestmark = pytest.mark.django_db


def approved_contribution(question, group=None, people=12, name="Community kitchen"):
    contribution = GroupContribution.objects.create(
        question=question,
        group=group,
        group_name="" if group else name,
        where_in_person="the Friday meal",
        held_on=timezone.localdate(),
        participants=people,
        live=False,
    )
    ContributionConclusion.objects.create(
        contribution=contribution, prompt=question.prompts.first(), text="More seats."
    )
    contribution.save_revision().publish()
    return contribution


def answers(question, count):
    for i in range(count):
        Answer.objects.create(
            question=question,
            language="pl",
            email=f"person{i}@example.org",
            responses=[{"prompt": "Q", "answer": f"Answer {i}", "open": True}],
            consent_to_publish=True,
            shown=True,
            confirmed_at=timezone.now(),
        )


def test_the_home_page_shows_open_questions_only(client, hys):
    make_question(hys, "An open question")
    make_question(hys, "A closed question", opens=-300, closes=-2)
    body = client.get("/").content.decode()
    assert "Have your say" in body
    assert "An open question" in body
    assert "A closed question" not in body


def test_the_home_page_list_follows_publishing(client, hys, question):
    assert question.title in client.get("/").content.decode()
    question.unpublish()
    assert question.title not in client.get("/").content.decode()


def test_a_group_page_shows_the_questions_it_gave_its_view_on(client, question, groups):
    assert question.title not in client.get(groups["a"].url).content.decode()
    approved_contribution(question, group=groups["a"])
    assert question.title in client.get(groups["a"].url).content.decode()
    assert question.title not in client.get(groups["b"].url).content.decode()


def test_the_transparency_page_counts_questions_answers_groups_and_overdue_replies(
    client, hys, question
):
    answers(question, 3)
    approved_contribution(question, people=20)
    approved_contribution(question, people=5, name="Saturday school")
    overdue = make_question(hys, "Overdue question", opens=-24 * 60, closes=-24 * 40)
    assert overdue.is_overdue
    replied = make_question(hys, "Replied question", opens=-24 * 10, closes=-24 * 4)
    replied.reply_summary = "<p>Heard.</p>"
    publish(replied)
    body = client.get(reverse("moderation:transparency")).content.decode()
    assert "Have your say: questions and replies" in body
    this_month = re.search(
        r"<th scope=\"row\">" + timezone.localdate().strftime("%B %Y") + r"</th>(.*?)</tr>",
        body.split("Have your say: questions and replies")[1],
        re.S,
    ).group(1)
    cells = re.findall(r"<td>(.*?)</td>", this_month)
    # Questions asked, answers, contributions, people represented, median days.
    assert cells == ["3", "3", "2", "25", "4"]
    assert "Overdue question" in body.split("Replies overdue")[1]
    assert "Replied question" not in body.split("Replies overdue")[1]
    assert ReplyPublicationCount() == 1


def ReplyPublicationCount():
    from participation.models import ReplyPublication

    return ReplyPublication.objects.count()


def test_the_rss_feed_and_the_calendar_carry_each_question(client, hys, question):
    upcoming = make_question(hys, "Coming question", opens=48, closes=100)
    feed = client.get(reverse("participation:feed")).content.decode()
    assert question.title in feed and upcoming.title in feed
    response = client.get(reverse("participation:closing_dates"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    entries = [c for c in calendar.walk("VEVENT")]
    assert len(entries) == 2
    ends = {e.decoded("dtend") for e in entries}
    assert question.closes_at.replace(microsecond=0) in ends
    # Each entry names the question, and the Polish calendar is the same questions.
    assert client.get("/pl" + reverse("participation:closing_dates")).status_code == 200


def test_the_sitemap_lists_the_index_and_the_questions(client, hys, question):
    body = client.get("/sitemap.xml").content.decode()
    assert "/have-your-say/" in body
    assert "/have-your-say/high-street-plan/" in body


def test_the_question_page_has_json_ld_and_escapes_it(client, hys):
    question = make_question(hys, "Tricky </script> title")
    response = client.get(question.url)
    body = response.content.decode()
    [(nonce, raw)] = re.findall(
        r'<script type="application/ld\+json" nonce="([^"]*)">(.*?)</script>', body, re.S
    )
    # The page's Content-Security-Policy names the same nonce.
    assert nonce and f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    data = json.loads(raw)
    assert data["@type"] == "Question"
    assert data["name"] == "Tricky </script> title"
    assert data["author"] == {"@type": "Organization", "name": "Ashby Moor Town Council"}


def test_the_question_page_in_urdu_is_right_to_left_and_answers_take_its_language(client, question):
    body = client.get("/ur" + reverse("participation:answer", args=[question.pk])).content.decode()
    assert 'dir="rtl"' in body
    assert 'lang="ur"' in body


def queries_for(client, url):
    """The queries of building the page (the anonymous page cache purged first)."""
    client.get(url)
    purge_pages()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


# Pinned query counts. The question page: the page's routing (two queries,
# home/routing.py) and the site's header and footer, then its figures
# (answers; groups and people), its prompts, reply points and progress
# updates, the approved contributions with their conclusions, and the shown
# excerpts. The index: routing, its filter's two vocabularies, the page of
# questions with their topics and areas. Serving either page checks the view
# restrictions of the page and its translations in one query when some page
# of the site is restricted (home/listing.py); the index, which asks which
# sections are private for its listing anyway, then needs no more.
EXPECTED = {"index": 17, "question": 18, "answer_form": 9}


def test_query_counts_are_fixed_and_pinned(client, hys, question):
    question.show_answers = True
    publish(question)
    topic, area = TopicFactory(name="Food"), AreaFactory(name="Centre")
    question.topics.add(topic)
    question.areas.add(area)
    urls = {
        "index": hys.url,
        "question": question.url,
        "answer_form": reverse("participation:answer", args=[question.pk]),
    }
    answers(question, 2)
    approved_contribution(question)
    few = {name: queries_for(client, url) for name, url in urls.items()}
    answers_more = Answer.objects.count()
    for i in range(40):
        Answer.objects.create(
            question=question,
            language="en",
            email=f"more{i}@example.org",
            consent_to_publish=True,
            shown=True,
            confirmed_at=timezone.now() - datetime.timedelta(minutes=i),
        )
    for _ in range(5):
        approved_contribution(question)
    for i in range(5):
        make_question(hys, f"More {i}", topics=[topic], areas=[area])
    assert Answer.objects.count() == answers_more + 40
    many = {name: queries_for(client, url) for name, url in urls.items()}
    assert few == many
    assert few == EXPECTED, few


def test_a_reply_with_nobody_to_tell_records_its_date(hys):
    closed = make_question(hys, "Quiet", opens=-300, closes=-30)
    closed.reply_summary = "<p>Nobody answered.</p>"
    publish(closed)
    assert ReplyPublicationCount() == 1
    assert tell_participants_of_reply(closed) == 0


def test_a_counted_answer_shows_at_once_to_readers_of_a_cached_page(client, hys):
    from participation.services import confirm_answer

    closed = make_question(hys, "Closed and cached", opens=-300, closes=-2)
    assert "0 answers came in" in client.get(closed.url).content.decode()
    assert "0 answers came in" in client.get(closed.url).content.decode()  # from the cache
    pending = Answer.objects.create(question=closed, language="en", email="late@example.org")
    confirm_answer(pending)
    assert "1 answer came in" in client.get(closed.url).content.decode()


def test_the_site_search_finds_questions_and_filters_by_kind(client, question):
    body = client.get("/search/", {"query": "High Street"}).content.decode()
    assert question.title in body
    assert "Questions" in body  # the kind, as a filter
    body = client.get("/search/", {"query": "High Street", "type": "group"}).content.decode()
    assert question.title not in body
