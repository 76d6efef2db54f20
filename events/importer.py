"""Import a group's own iCalendar feed (Google, Outlook, Meetup …) as EventPages.

``import_feed`` fetches one feed (HTTP(S) only, with a timeout and a size
limit), then creates or updates one EventPage per VEVENT UID under the group,
and cancels the imported events whose UID has gone from the feed. Each change
is saved as a revision: a trusted group's is published, anyone else's enters
the Community moderation workflow like any edit. Errors are recorded on the
CalendarImport row and never stop the run (see import_calendars).
"""

import datetime
import hashlib
import ipaddress
import logging
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from icalendar import Calendar

from .enums import Status
from .models import CalendarImport, EventPage, OccurrenceChange
from .recurrence import ICAL_DATETIME

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 15
MAX_BYTES = 2 * 1024 * 1024
MAX_EVENTS = 500
USER_AGENT = "Noticeboard calendar import"
#: Repeats finer than a day would make millions of occurrences.
ALLOWED_FREQUENCIES = [["DAILY"], ["WEEKLY"], ["MONTHLY"], ["YEARLY"]]
#: Volunteers type these addresses, so by default the importer refuses ones that
#: resolve to this machine or a private network (tests switch this on).
ALLOW_PRIVATE_ADDRESSES = False


class ImportError_(Exception):
    """A feed that cannot be imported: the message is shown to the admin."""


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    cancelled: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)

    @property
    def changed(self):
        return self.created + self.updated + self.cancelled


def check_address(url):
    """Refuse non-HTTP(S) addresses and, unless allowed, private or local hosts."""
    if not url.lower().startswith(("http://", "https://")):
        raise ImportError_("Only http and https addresses can be imported.")
    if ALLOW_PRIVATE_ADDRESSES:
        return
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError) as error:
        raise ImportError_(f"The calendar's host could not be found: {host}") from error
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise ImportError_("That address is on a private network and cannot be imported.")


class CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url, timeout=TIMEOUT_SECONDS, max_bytes=MAX_BYTES):
    check_address(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    opener = urllib.request.build_opener(CheckedRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise ImportError_(f"The calendar is larger than {max_bytes // 1024} KB.")
            body = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise ImportError_(f"The calendar address answered {error.code}.") from error
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        raise ImportError_(f"The calendar could not be fetched: {error}") from error
    if len(body) > max_bytes:
        raise ImportError_(f"The calendar is larger than {max_bytes // 1024} KB.")
    return body


def parse(body):
    try:
        calendar = Calendar.from_ical(body)
    except Exception as error:  # icalendar raises ValueError and others on bad input
        raise ImportError_(f"The calendar is not valid iCalendar: {error}") from error
    if calendar.name != "VCALENDAR":
        raise ImportError_("The file is not an iCalendar calendar.")
    return calendar


def _aware(value):
    """A DTSTART/DTEND value (date, naive, or aware datetime) as aware local time."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return timezone.make_aware(value)
        return timezone.localtime(value)
    if isinstance(value, datetime.date):
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))
    raise ValueError("not a date")


def _floating(value):
    return timezone.localtime(_aware(value)).replace(tzinfo=None).strftime(ICAL_DATETIME)


def imported_rule(component):
    """RRULE/EXDATE/RDATE lines in floating local time, as EventPage.recurrence stores."""
    lines = []
    rule = component.get("RRULE")
    if rule:
        rule = rule[0] if isinstance(rule, list) else rule
        rule = rule.copy()
        if [str(freq).upper() for freq in rule.get("FREQ", [])] not in ALLOWED_FREQUENCIES:
            raise ValueError("it repeats more often than daily, which is not supported")
        if "UNTIL" in rule:
            rule["UNTIL"] = [_aware(rule["UNTIL"][0]).replace(tzinfo=None)]
        lines.append("RRULE:" + rule.to_ical().decode())
    for name in ("EXDATE", "RDATE"):
        values = component.get(name)
        if not values or not rule and name == "EXDATE":
            continue
        stamps = []
        for item in values if isinstance(values, list) else [values]:
            stamps.extend(_floating(part.dt) for part in item.dts)
        if stamps:
            lines.append(f"{name}:" + ",".join(sorted(set(stamps))))
    return "\n".join(lines)


def event_fields(component):
    """The EventPage fields one VEVENT gives."""
    start = _aware(component.decoded("DTSTART"))
    if "DTEND" in component:
        end = _aware(component.decoded("DTEND"))
    elif "DURATION" in component:
        end = start + component.decoded("DURATION")
    else:
        end = start + datetime.timedelta(hours=1)
    if end <= start:
        end = start + datetime.timedelta(hours=1)
    title = str(component.get("SUMMARY", "")).strip()[:255] or "Event"
    text = str(component.get("DESCRIPTION", "")).strip()
    location = str(component.get("LOCATION", "")).strip()
    description = linebreaks(escape(text[:5000]))
    if location:
        description += "<p>" + escape(location[:500]) + "</p>"
    status = str(component.get("STATUS", "")).upper()
    return {
        "title": title,
        "summary": (text.splitlines()[0] if text else title)[:160],
        "description": description,
        "start": start,
        "end": end,
        "imported_rule": imported_rule(component),
        "status": Status.CANCELLED if status == "CANCELLED" else Status.SCHEDULED,
    }


def date_changes(components):
    """OccurrenceChange field dicts for the overrides (RECURRENCE-ID) of one event."""
    changes = []
    for component in components:
        original = _aware(component.decoded("RECURRENCE-ID"))
        change = {"date": timezone.localdate(original)}
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            change["action"] = OccurrenceChange.Action.CANCEL
        else:
            start = _aware(component.decoded("DTSTART"))
            if "DTEND" in component:
                end = _aware(component.decoded("DTEND"))
            else:
                end = None
            if start == original and end is None:
                continue
            change.update(action=OccurrenceChange.Action.MOVE, new_start=start, new_end=end)
        changes.append(change)
    return sorted(changes, key=lambda change: change["date"])


def change_keys(changes):
    def key(change):
        get = change.get if isinstance(change, dict) else lambda name: getattr(change, name, None)
        return (get("date"), str(get("action")), get("new_start"), get("new_end"))

    return sorted(key(change) for change in changes)


def save_change(page, group, is_new):
    """Publish (trusted group) or submit for moderation (anyone else)."""
    revision = page.save_revision(log_action=True)
    if group.is_trusted:
        revision.publish()
        return
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, user=None)


def unique_slug(group, title, uid):
    digest = hashlib.sha1(uid.encode()).hexdigest()[:6]
    return f"{slugify(title)[:40] or 'event'}-{digest}"


def sync(group, url, calendar):
    """Create, update or cancel the group's imported events to match the calendar."""
    outcome = Outcome()
    masters = {}
    overrides = {}
    for component in calendar.walk("VEVENT"):
        uid = str(component.get("UID", "")).strip()[:255]
        if not uid:
            outcome.skipped.append("an event without a UID")
        elif "RECURRENCE-ID" in component:
            overrides.setdefault(uid, []).append(component)
        else:
            masters[uid] = component
    if len(masters) > MAX_EVENTS:
        raise ImportError_(f"The calendar has more than {MAX_EVENTS} events.")
    existing = {
        event.imported_uid: event
        for event in EventPage.objects.filter(group=group, imported_from=url).exclude(
            imported_uid=""
        )
    }
    for uid, component in masters.items():
        try:
            fields = event_fields(component)
            changes = date_changes(overrides.get(uid, []))
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            outcome.skipped.append(f"{uid[:60]}: {error}")
            continue
        event = existing.get(uid)
        if event is None:
            event = EventPage(
                slug=unique_slug(group, fields["title"], uid),
                imported_uid=uid,
                imported_from=url,
                live=False,
                **fields,
            )
            event.occurrence_changes = [OccurrenceChange(**change) for change in changes]
            with transaction.atomic():
                group.add_child(instance=event)
                save_change(event, group, is_new=True)
            outcome.created += 1
            continue
        latest = event.get_latest_revision_as_object()
        if all(getattr(latest, name) == value for name, value in fields.items()) and change_keys(
            latest.occurrence_changes.all()
        ) == change_keys(changes):
            outcome.unchanged += 1
            continue
        for name, value in fields.items():
            setattr(latest, name, value)
        latest.occurrence_changes = [OccurrenceChange(**change) for change in changes]
        with transaction.atomic():
            save_change(latest, group, is_new=False)
        outcome.updated += 1
    for uid, event in existing.items():
        if uid in masters:
            continue
        latest = event.get_latest_revision_as_object()
        if latest.status == Status.CANCELLED:
            continue
        latest.status = Status.CANCELLED
        with transaction.atomic():
            save_change(latest, group, is_new=False)
        outcome.cancelled += 1
    return outcome, len(masters)


def import_feed(group, url, **fetch_options):
    """Import one feed; record and return (outcome or None, error message)."""
    record, _created = CalendarImport.objects.get_or_create(group=group, url=url)
    record.last_import_at = timezone.now()
    try:
        calendar = parse(fetch(url, **fetch_options))
        outcome, count = sync(group, url, calendar)
    except ImportError_ as error:
        record.last_error = str(error)[:2000]
        record.save()
        return None, record.last_error
    except Exception as error:  # one bad feed must never stop the others
        logger.exception("Importing %s for %s failed", url, group)
        record.last_error = f"Unexpected error: {error.__class__.__name__}: {error}"[:2000]
        record.save()
        return None, record.last_error
    record.last_success_at = record.last_import_at
    record.event_count = count
    record.last_error = "; ".join(outcome.skipped)[:2000]
    record.save()
    return outcome, ""
