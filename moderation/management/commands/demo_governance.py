"""Add governance to the demo town: moderators, volunteers of two groups (one
trusted), a change and a public suggestion waiting for a moderator, and an
alert banner. Run after ``demo_content`` (``make demo`` does); idempotent.

The demo logins are for trying the site on your own computer only.
"""

import datetime

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale, TaskState

from events.models import EventPage
from groups.models import GroupPage
from moderation.models import AlertBanner, PublicSubmission
from moderation.roles import MODERATORS, get_or_invite_user, onboard
from moderation.submissions import confirm, create_event_submission

# username, password, first name, role
MODERATOR_LOGINS = [
    ("moderator", "moderator", "Maya", "moderator"),
    ("moderator2", "moderator2", "Tom", "second moderator"),
]
VOLUNTEER = ("volunteer", "volunteer", "Val")
TRUSTED_VOLUNTEER = ("trusted", "trusted", "Terry")


def demo_user(username, password, first_name):
    user, created = get_or_invite_user(f"{username}@example.org", first_name=first_name)
    if created:
        user.username = username
        user.set_password(password)
        user.save()
    return user


class Command(BaseCommand):
    help = "Add demo moderators, volunteers, a moderation queue and an alert (idempotent)."

    def handle(self, *args, **options):
        groups = list(
            GroupPage.objects.live()
            .filter(locale=Locale.get_default())
            .exclude(events__isnull=True)
            .distinct()
            .order_by("title")[:2]
        )
        if len(groups) < 2:
            self.stdout.write("No demo groups yet: run `manage.py demo_content` first.")
            return
        # The demo never e-mails anyone.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            with transaction.atomic():
                moderated, trusted = groups
                logins = self.build(moderated, trusted)
        self.print_logins(logins, moderated, trusted)
        # Have your say, until the demo app builds its sections itself.
        from demo.have_your_say import build_have_your_say

        build_have_your_say(self.stdout)

    def build(self, moderated, trusted):
        moderators = Group.objects.get(name=MODERATORS)
        logins = []
        for username, password, first_name, role in MODERATOR_LOGINS:
            demo_user(username, password, first_name).groups.add(moderators)
            logins.append((role, username, password))

        organisation, _ = onboard(moderated, trusted=False)
        volunteer = demo_user(*VOLUNTEER)
        volunteer.groups.add(organisation.editors)
        logins.append((f"volunteer of {moderated.title}", VOLUNTEER[0], VOLUNTEER[1]))

        organisation, _ = onboard(trusted, trusted=True)
        trusted_volunteer = demo_user(*TRUSTED_VOLUNTEER)
        trusted_volunteer.groups.add(organisation.editors)
        logins.append(
            (f"volunteer of {trusted.title} (trusted)", TRUSTED_VOLUNTEER[0], TRUSTED_VOLUNTEER[1])
        )

        if not TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).exists():
            self.volunteer_change(moderated, volunteer)
        if not PublicSubmission.objects.exists():
            self.public_suggestion()
        if not AlertBanner.objects.exists():
            AlertBanner.objects.create(
                level=AlertBanner.Level.WARNING,
                title="High Street closed for resurfacing",
                message="Buses divert via Mill Lane until the end of the month.",
                starts_at=timezone.now(),
                ends_at=timezone.now() + datetime.timedelta(days=21),
            )
        return logins

    def volunteer_change(self, group, volunteer):
        """A volunteer's edit of one of their group's events, waiting for a moderator."""
        event = EventPage.objects.live().child_of(group).order_by("start").last()
        if event is None:
            return
        event = event.get_latest_revision_as_object()
        event.summary = (event.summary + " Everyone welcome, bring a friend.")[:160]
        event.save_revision(user=volunteer)
        event.get_workflow().start(event, volunteer)

    def public_suggestion(self):
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

    def print_logins(self, logins, moderated, trusted):
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Governance demo ready. More demo logins:"))
        for role, username, password in logins:
            self.stdout.write(f'  {role + ":":48} username "{username}", password "{password}"')
        self.stdout.write(
            "  Sign in as a moderator to see the queue on the dashboard; as the volunteer to"
        )
        self.stdout.write(
            f"  edit {moderated.title}; as the trusted volunteer to publish directly."
        )
        self.stdout.write("")
