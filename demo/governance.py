"""Governance in the demo town: moderators, volunteers of two groups (one
trusted), a change and a public suggestion waiting for a moderator, and an
alert banner. The section after the town (demo/sections.py), also run alone by
``manage.py demo_governance``; idempotent.

The demo logins are for trying the site on your own computer only.
"""

import datetime

from django.contrib.auth.models import Group
from django.core.management.color import color_style
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import TaskState

from events.models import EventPage
from moderation.models import AlertBanner, PublicSubmission
from moderation.onboarding import default_language_group_pages, onboard_organisation
from moderation.roles import MODERATORS, get_or_invite_user
from moderation.submissions import confirm, create_event_submission

# username, password, first name, role
MODERATOR_LOGINS = [
    ("moderator", "moderator", "Maya", "moderator"),
    ("moderator2", "moderator2", "Tom", "second moderator"),
]
VOLUNTEER = ("volunteer", "volunteer", "Val")
TRUSTED_VOLUNTEER = ("trusted", "trusted", "Terry")
# The volunteers' groups, by slug: a community group whose changes wait for a
# moderator, and a registered charity, trusted, whose volunteer publishes.
MODERATED_GROUP = "ashby-moor-chess-club"
TRUSTED_GROUP = "ashby-moor-advice-network"


def demo_user(username, password, first_name):
    user, created = get_or_invite_user(f"{username}@example.org", first_name=first_name)
    if created:
        user.username = username
        user.set_password(password)
        user.save()
    return user


def build_governance(stdout):
    groups = {
        page.slug: page
        for page in default_language_group_pages()
        .live()
        .filter(slug__in=[MODERATED_GROUP, TRUSTED_GROUP])
    }
    if len(groups) < 2:
        stdout.write("No demo groups yet: run `manage.py demo_content` first.")
        return
    moderated, trusted = groups[MODERATED_GROUP], groups[TRUSTED_GROUP]
    # The demo never e-mails anyone.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        with transaction.atomic():
            logins = build(moderated, trusted)
    print_logins(stdout, logins, moderated)


def build(moderated, trusted):
    moderators = Group.objects.get(name=MODERATORS)
    logins = []
    for username, password, first_name, role in MODERATOR_LOGINS:
        demo_user(username, password, first_name).groups.add(moderators)
        logins.append((role, username, password))

    # Onboarded as the admin's "Onboard a group" screen does; the volunteers
    # already have their demo passwords, so nobody is sent an invitation.
    volunteer = demo_user(*VOLUNTEER)
    onboard_organisation(group_page=moderated, trusted=False, emails=[volunteer.email])
    logins.append((f"volunteer of {moderated.title}", VOLUNTEER[0], VOLUNTEER[1]))

    trusted_volunteer = demo_user(*TRUSTED_VOLUNTEER)
    onboard_organisation(group_page=trusted, trusted=True, emails=[trusted_volunteer.email])
    logins.append(
        (f"volunteer of {trusted.title} (trusted)", TRUSTED_VOLUNTEER[0], TRUSTED_VOLUNTEER[1])
    )

    if not TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).exists():
        volunteer_change(moderated, volunteer)
    if not PublicSubmission.objects.exists():
        public_suggestion()
    if not AlertBanner.objects.exists():
        AlertBanner.objects.create(
            level=AlertBanner.Level.WARNING,
            title="High Street closed for resurfacing",
            message="Buses divert via Mill Lane until the end of the month.",
            starts_at=timezone.now(),
            ends_at=timezone.now() + datetime.timedelta(days=21),
        )
    return logins


def volunteer_change(group, volunteer):
    """A volunteer's edit of one of their group's events, waiting for a moderator."""
    event = EventPage.objects.live().child_of(group).order_by("start").last()
    if event is None:
        return
    event = event.get_latest_revision_as_object()
    event.summary = (event.summary + " Everyone welcome, bring a friend.")[:160]
    event.save_revision(user=volunteer)
    event.get_workflow().start(event, volunteer)


def public_suggestion():
    start = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=12)
    submission = create_event_submission(
        {
            "your_name": "Pat Jones",
            "your_email": "pat.jones@example.org",
            "group": None,
            "title": "Mill Lane street party",
            "summary": "Music, food and games for all the neighbours.",
            "start": start,
            "end": start + datetime.timedelta(hours=4),
            "where": "Mill Lane, between the bridge and the school",
            "cost": "",
            "description": "Bring a dish to share. The road is closed to traffic.",
        }
    )
    confirm(submission)


def print_logins(stdout, logins, moderated):
    style = color_style()
    stdout.write("")
    stdout.write(style.SUCCESS("Governance demo ready. More demo logins:"))
    width = max(len(role) for role, _username, _password in logins) + 2
    for role, username, password in logins:
        stdout.write(f'  {role + ":":{width}} username "{username}", password "{password}"')
    stdout.write("  Sign in as a moderator to see the queue on the dashboard; as the volunteer to")
    stdout.write(f"  edit {moderated.title}; as the trusted volunteer to publish directly.")
    stdout.write("")
