"""Report, export and hand over the governance of the site.

    manage.py governance report
    manage.py governance export --output governance-2026-11.json
    manage.py governance handover \\
        --operator-name "Ashby Moor CVS" --operator-url https://cvs.example.org \\
        --contact-email hello@cvs.example.org --contact-phone "01234 567890" \\
        --admin chair@cvs.example.org --moderator mod1@cvs.example.org \\
        --moderator mod2@cvs.example.org [--keep] [--by outgoing-admin]

See docs/governance.md for the handover procedure.
"""

import json
import unicodedata

from django.core.management.base import BaseCommand, CommandError

from moderation import governance
from moderation.roles import find_user

# Embeddings, overrides and isolates: they reorder what a terminal shows.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(value):
    """``value`` with control characters (terminal escape sequences, NUL,
    carriage returns) and bidirectional overrides removed from every string
    in it; joiners that Urdu and other scripts need are kept."""
    if isinstance(value, str):
        return "".join(
            ch for ch in value if unicodedata.category(ch) != "Cc" and ch not in BIDI_CONTROLS
        )
    if isinstance(value, dict):
        return {key: printable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable(item) for item in value]
    return value


class Command(BaseCommand):
    help = "Who holds which role, an export for the records, and handing over to a new body."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        report = sub.add_parser("report", help="Roles, trusted groups, the queue, decision time.")
        report.add_argument("--json", action="store_true", help="Print the report as JSON.")
        export = sub.add_parser("export", help="Roles, permissions, workflows and the log as JSON.")
        export.add_argument("--output", "-o", help="Write to this file instead of the screen.")
        handover = sub.add_parser("handover", help="Move the site to a new operating body.")
        handover.add_argument(
            "--admin",
            action="append",
            default=[],
            required=True,
            help="E-mail (or username) of an incoming site administrator; repeat for several.",
        )
        handover.add_argument(
            "--moderator",
            action="append",
            default=[],
            help="E-mail (or username) of an incoming moderator; repeat for several.",
        )
        handover.add_argument("--operator-name")
        handover.add_argument("--operator-url")
        handover.add_argument("--contact-email")
        handover.add_argument("--contact-phone")
        handover.add_argument(
            "--keep",
            action="store_true",
            help="Keep the outgoing administrators' and moderators' rights (for a transition).",
        )
        handover.add_argument("--by", help="Username recorded in the audit log as doing it.")

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(**options)

    def do_report(self, json=False, **options):
        data = governance.report()
        if json:
            self.stdout.write(dumps(data))
            return
        data = printable(data)  # names and titles are typed by people: no terminal escapes
        operator = data["operator"]
        self.stdout.write(self.style.MIGRATE_HEADING("Who runs the site"))
        self.stdout.write(f"  {operator['name'] or '(not set)'}  {operator['url'] or ''}")
        self.stdout.write(
            f"  contact: {operator['contact_email'] or '-'}  {operator['contact_phone'] or ''}"
        )
        self.stdout.write(
            f"  moderation policy: {operator['moderation_policy_page'] or '(not set)'}"
        )
        self.stdout.write(self.style.MIGRATE_HEADING("Roles"))
        for role, users in data["roles"].items():
            names = ", ".join(f"{u['username']} <{u['email']}>" for u in users) or "(nobody)"
            self.stdout.write(f"  {role}: {names}")
        self.stdout.write(self.style.MIGRATE_HEADING("Groups"))
        for organisation in data["organisations"]:
            trusted = "trusted, publishes directly" if organisation["trusted"] else "moderated"
            editors = ", ".join(organisation["editors"]) or "no editors yet"
            self.stdout.write(f"  {organisation['group']} ({trusted}): {editors}")
        if not data["organisations"]:
            self.stdout.write("  (no group onboarded yet)")
        self.stdout.write(self.style.MIGRATE_HEADING("Waiting for a moderator"))
        for item in data["awaiting_moderation"]:
            self.stdout.write(f"  since {item['waiting_since'][:16]}: {item['title']}")
        if not data["awaiting_moderation"]:
            self.stdout.write("  (nothing)")
        median = data["median_hours_to_decision_90_days"]
        self.stdout.write(self.style.MIGRATE_HEADING("Median time to a decision, last 90 days"))
        self.stdout.write(f"  {median} hours" if median is not None else "  (no decisions yet)")

    def do_export(self, output=None, **options):
        text = dumps(governance.export())
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
        else:
            self.stdout.write(text)

    def do_handover(self, admin, moderator, keep, by, **options):
        by_user = None
        if by:
            by_user = find_user(by)
            if by_user is None:
                raise CommandError(f"No user called {by!r}.")
        summary = governance.handover(
            administrators=admin,
            moderators_=moderator,
            operator_name=options["operator_name"],
            operator_url=options["operator_url"],
            contact_email=options["contact_email"],
            contact_phone=options["contact_phone"],
            keep=keep,
            by=by_user,
        )
        self.stdout.write(self.style.SUCCESS("Handover done and recorded in the audit log."))
        self.stdout.write(f"  administrators: {', '.join(summary['administrators'])}")
        self.stdout.write(f"  moderators: {', '.join(summary['moderators']) or '(none)'}")
        self.stdout.write(f"  invited by e-mail: {', '.join(summary['invited']) or '(none)'}")
        if keep:
            self.stdout.write(
                "  outgoing rights kept (--keep): run again without it to remove them"
            )
        else:
            self.stdout.write(
                f"  rights removed: {', '.join(summary['rights_removed']) or '(none)'}"
            )
        self.stdout.write(f"  operating body: {summary['operator_after']['operator_name']}")


def dumps(data):
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)
