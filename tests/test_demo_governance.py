"""The demo's governance: moderators, a volunteer whose change waits, a
trusted volunteer who publishes, a public suggestion in the queue."""

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from wagtail.models import TaskState

from demo.governance import MODERATED_GROUP, TRUSTED_GROUP
from moderation.models import AlertBanner, Organisation, PublicSubmission

from .factories import EventPageFactory, GroupPageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_groups(site_tree):
    moderated = publish(GroupPageFactory(title="Chess club", slug=MODERATED_GROUP))
    trusted = publish(GroupPageFactory(title="Advice network", slug=TRUSTED_GROUP))
    for group in (moderated, trusted):
        publish(EventPageFactory(parent=group))
    return moderated, trusted


def counts():
    return (
        get_user_model().objects.count(),
        PublicSubmission.objects.count(),
        AlertBanner.objects.count(),
        Organisation.objects.count(),
        TaskState.objects.count(),
    )


def test_demo_governance_is_idempotent_and_fills_the_queue(demo_groups):
    out = io.StringIO()
    call_command("demo_governance", stdout=out)
    assert 'username "moderator", password "moderator"' in out.getvalue()
    before = counts()
    assert before[1] == 1 and before[2] == 1
    assert PublicSubmission.objects.get().outcome == PublicSubmission.Outcome.IN_MODERATION
    call_command("demo_governance", stdout=io.StringIO())
    assert counts() == before


def test_the_volunteers_groups_are_found_by_slug_one_trusted_one_not(demo_groups):
    moderated, trusted = demo_groups
    call_command("demo_governance", stdout=io.StringIO())
    assert not moderated.is_trusted
    assert trusted.is_trusted
    volunteer = authenticate(username="volunteer", password="volunteer")
    trusted_volunteer = authenticate(username="trusted", password="trusted")
    assert volunteer.groups.filter(pk=moderated.organisation.editors_id).exists()
    assert trusted_volunteer.groups.filter(pk=trusted.organisation.editors_id).exists()
    # The volunteer's change waits for a moderator.
    waiting = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
    assert waiting.filter(revision__user=volunteer).exists()


def test_without_the_demo_town_it_says_what_to_run_first(site_tree):
    out = io.StringIO()
    call_command("demo_governance", stdout=out)
    assert "run `manage.py demo_content` first" in out.getvalue()
    assert not Organisation.objects.exists()
