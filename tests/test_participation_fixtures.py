"""Fixtures for the Have your say tests: the index page, an open question
with three prompts (two open, one choice), and a council officer.

Imported by those test modules with ``from .test_participation_fixtures import *``.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from participation.models import HaveYourSayIndexPage, QuestionPage, QuestionPrompt
from participation.roles import COUNCIL_OFFICERS

from .factories import publish
from .governance_fixtures import member_of

__all__ = ["hys", "question", "officer"]


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


@pytest.fixture
def hys(site_tree):
    index = HaveYourSayIndexPage(title="Have your say", slug="have-your-say")
    site_tree["home"].add_child(instance=index)
    publish(index)
    return index


@pytest.fixture
def question(hys):
    return make_question(hys)


@pytest.fixture
def officer(db):
    return member_of(Group.objects.get(name=COUNCIL_OFFICERS), username="olu")
