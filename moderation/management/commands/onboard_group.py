"""Onboard a community organisation from the command line (for bulk use).

    manage.py onboard_group "Repair Cafe" --invite ann@example.org --invite bo@example.org
    manage.py onboard_group "Knit and Natter" --create --summary "Knitting and a cuppa"
    manage.py onboard_group repair-cafe --trusted

The group is found by its page title or slug (in the default language). It
does what the admin's "Onboard a group" screen does, and is safe to repeat.
"""

from django.core.management.base import BaseCommand, CommandError

from moderation.onboarding import find_group_page, onboard_organisation
from moderation.roles import find_user


class Command(BaseCommand):
    help = "Create a group's editors group and collection, and invite its volunteers."

    def add_arguments(self, parser):
        parser.add_argument("group", help="Title or slug of the group's page.")
        parser.add_argument(
            "--create", action="store_true", help="Create a draft group page if none exists."
        )
        parser.add_argument("--summary", default="", help="One-line summary for --create.")
        parser.add_argument("--invite", action="append", default=[], metavar="EMAIL")
        trust = parser.add_mutually_exclusive_group()
        trust.add_argument("--trusted", dest="trusted", action="store_true", default=None)
        trust.add_argument("--not-trusted", dest="trusted", action="store_false")
        parser.add_argument("--by", help="Username recorded in the audit log.")

    def handle(self, group, create, summary, invite, trusted, by, **options):
        page = find_group_page(group)
        if page is None and not create:
            raise CommandError(f"No group page called {group!r}. Use --create to make one.")
        if page is None and not summary:
            raise CommandError("--create needs --summary.")
        user = find_user(by) if by else None
        organisation, created, invited = onboard_organisation(
            group_page=page,
            title=group,
            summary=summary,
            trusted=trusted,
            emails=invite,
            user=user,
        )
        verb = "Onboarded" if created else "Already onboarded, brought up to date:"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {organisation.group_page.title} — group “{organisation.editors.name}”, "
                f"collection “{organisation.collection.name}”, "
                f"{'trusted' if organisation.trusted else 'moderated'}; "
                f"{len(invited)} invitation(s) sent."
            )
        )
