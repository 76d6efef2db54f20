"""The people who run the site can log in to the admin and edit content."""

import pytest
from django.urls import reverse

from events.models import EventPage
from groups.models import GroupPage

from .factories import EventPageFactory, GroupPageFactory, UserFactory, publish
from .helpers import edit_and_publish


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.mark.django_db
def test_administrator_logs_in_with_username_and_password(client, administrator):
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "admin", "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_the_login_page(client, site_tree):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.django_db
def test_administrator_edits_and_publishes_a_group_page(client, administrator, site_tree):
    group = publish(GroupPageFactory(title="Men's Shed"))
    client.force_login(administrator)

    response = edit_and_publish(client, group, summary="We make bird boxes and chat.")

    assert response.status_code == 302, response.content.decode()[:2000]
    group = GroupPage.objects.get(pk=group.pk)
    assert group.summary == "We make bird boxes and chat."
    assert "We make bird boxes and chat." in client.get(group.url).content.decode()


@pytest.mark.django_db
def test_admin_refuses_an_event_that_ends_before_it_starts(client, administrator, site_tree):
    event = publish(EventPageFactory())
    client.force_login(administrator)

    response = edit_and_publish(client, event, start="2030-05-02 10:00", end="2030-05-02 09:00")

    assert response.status_code == 200  # the form comes back with the error
    assert "The end must be after the start." in response.content.decode()
    assert EventPage.objects.get(pk=event.pk).start == event.start


@pytest.mark.django_db
def test_admin_needs_a_charity_number_for_a_registered_charity(client, administrator, site_tree):
    group = publish(GroupPageFactory())
    client.force_login(administrator)

    response = edit_and_publish(client, group, kind="charity", charity_number="")

    assert response.status_code == 200
    assert "A registered charity needs its charity number." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["wagtailsnippets_home_topic:list", "wagtailsnippets_groups_venue:list"]
)
def test_vocabularies_and_venues_are_editable_snippets(client, administrator, url_name):
    client.force_login(administrator)
    assert client.get(reverse(url_name)).status_code == 200
