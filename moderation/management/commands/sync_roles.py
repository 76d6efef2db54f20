"""Apply the site-wide roles as moderation/roles.py defines them.

    manage.py sync_roles

Gives "Site administrators" and "Moderators" exactly their permissions and
attaches the Community moderation workflow to every language's tree. The
migrations created the roles as they were then; run this after upgrading to a
version that changes them, or to repair a role edited by hand. Safe to repeat.
"""

from django.core.management.base import BaseCommand

from moderation.roles import MODERATORS, SITE_ADMINISTRATORS, ensure_site_roles


class Command(BaseCommand):
    help = "Give Site administrators and Moderators their permissions and the workflow."

    def handle(self, *args, **options):
        ensure_site_roles()
        self.stdout.write(f"Roles brought up to date: {SITE_ADMINISTRATORS}, {MODERATORS}.")
