"""Importing a group's own calendar, served by a local HTTP server."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import WorkflowState

from events.importer import import_feed
from events.models import CalendarFeed, CalendarImport, EventOccurrence, EventPage
from moderation.onboarding import onboard
from moderation.roles import MODERATORS, SITE_ADMINISTRATORS
from moderation.trust import set_trusted

from .factories import GroupPageFactory, UserFactory, publish
from .helpers import trusted_group

FEEDS = {}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = FEEDS.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setattr("events.importer.ALLOW_PRIVATE_ADDRESSES", True)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    FEEDS.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def stamp(days, hour):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return day.strftime("%Y%m%d") + f"T{hour:02d}0000"


def vcal(*events):
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        + "".join(events)
        + "END:VCALENDAR\r\n"
    ).encode()


def vevent(uid, summary, days=3, hour=10, extra=""):
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{summary}\r\n"
        f"DTSTART;TZID=Europe/London:{stamp(days, hour)}\r\n"
        f"DTEND;TZID=Europe/London:{stamp(days, hour + 2)}\r\n{extra}END:VEVENT\r\n"
    )


def imported(group):
    return {
        e.imported_uid: e for e in EventPage.objects.filter(group=group).exclude(imported_uid="")
    }


@pytest.mark.django_db
def test_trusted_group_import_publishes_and_keeps_in_step(site_tree, server):
    group = trusted_group()
    url = server + "/club.ics"
    FEEDS["/club.ics"] = vcal(
        vevent("a@x", "Coffee", extra="RRULE:FREQ=WEEKLY;COUNT=4\r\n"), vevent("b@x", "Quiz", 5)
    )
    outcome, error = import_feed(group, url)
    assert error == "" and outcome.created == 2
    events = imported(group)
    assert all(e.live for e in events.values())
    assert EventOccurrence.objects.filter(event=events["a@x"]).count() == 4
    assert timezone.localtime(events["a@x"].start).hour == 10

    # Changed at the source, then gone from it.
    FEEDS["/club.ics"] = vcal(
        vevent("a@x", "Coffee and cake", extra="RRULE:FREQ=WEEKLY;COUNT=4\r\n")
    )
    outcome, _ = import_feed(group, url)
    assert (outcome.updated, outcome.cancelled) == (1, 1)
    events = imported(group)
    assert events["a@x"].title == "Coffee and cake"
    assert events["b@x"].status == EventPage.Status.CANCELLED
    assert EventOccurrence.objects.get(event=events["b@x"]).cancelled
    outcome, _ = import_feed(group, url)
    assert (outcome.created, outcome.updated, outcome.cancelled, outcome.unchanged) == (0, 0, 0, 1)
    record = CalendarImport.objects.get(group=group, url=url)
    assert record.event_count == 1 and record.last_error == "" and record.last_import_at


@pytest.mark.django_db
def test_untrusted_group_import_waits_for_moderation(site_tree, server):
    group = GroupPageFactory()
    FEEDS["/g.ics"] = vcal(vevent("c@x", "Bake sale"))
    import_feed(group, server + "/g.ics")
    event = imported(group)["c@x"]
    assert not event.live
    assert not EventOccurrence.objects.filter(event=event).exists()
    assert event.get_workflow().name == "Community moderation"
    state = WorkflowState.objects.get(object_id=str(event.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def assert_waits_for_moderation(event):
    assert not event.live
    state = WorkflowState.objects.get(object_id=str(event.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_a_copy_of_a_trusted_group_is_not_trusted_until_onboarded(site_tree, server):
    # A copy carries every field of the page; trust is not one of them, so the
    # copy, which has no organisation, has its imports moderated.
    original = publish(trusted_group(title="Trusted original"))
    copy = original.copy(update_attrs={"title": "The copy", "slug": "the-copy"}, keep_live=True)
    assert original.is_trusted and not copy.is_trusted
    FEEDS["/copy.ics"] = vcal(vevent("u@x", "Jumble sale"))
    import_feed(copy, server + "/copy.ics")
    assert_waits_for_moderation(imported(copy)["u@x"])


@pytest.mark.django_db
def test_the_importer_follows_the_organisations_trust_as_it_changes(site_tree, server):
    group = publish(GroupPageFactory())
    organisation, _created = onboard(group, trusted=True)
    FEEDS["/trust.ics"] = vcal(vevent("t@x", "Litter pick"))
    import_feed(group, server + "/trust.ics")
    assert imported(group)["t@x"].live

    set_trusted(organisation, False)
    FEEDS["/trust.ics"] = vcal(vevent("t@x", "Litter pick"), vevent("v@x", "Seed swap", 3))
    import_feed(group, server + "/trust.ics")
    assert_waits_for_moderation(imported(group)["v@x"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, body, message",
    [
        ("/missing.ics", None, "answered 404"),
        ("/bad.ics", b"this is not a calendar", "not valid iCalendar"),
        ("/huge.ics", vcal(vevent("h@x", "x" * (3 * 1024 * 1024))), "larger than"),
    ],
)
def test_bad_feeds_are_recorded_not_raised(site_tree, server, path, body, message):
    group = trusted_group()
    if body is not None:
        FEEDS[path] = body
    outcome, error = import_feed(group, server + path)
    assert outcome is None and message in error
    assert message in CalendarImport.objects.get(group=group).last_error
    assert not imported(group)


@pytest.mark.django_db
def test_command_carries_on_after_a_bad_feed(site_tree, server):
    bad_group = trusted_group(title="Aardvarks")
    good_group = trusted_group(title="Zebras")
    CalendarFeed.objects.create(group=bad_group, url=server + "/broken.ics")
    CalendarFeed.objects.create(group=bad_group, url="file:///etc/passwd")
    CalendarFeed.objects.create(group=good_group, url=server + "/good.ics")
    FEEDS["/broken.ics"] = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\n"
    FEEDS["/good.ics"] = vcal(vevent("z@x", "Zebra crossing"))
    call_command("import_calendars", verbosity=0)
    assert list(imported(good_group)) == ["z@x"]
    errors = dict(CalendarImport.objects.filter(group=bad_group).values_list("url", "last_error"))
    assert all(errors.values()) and len(errors) == 2
    assert "Only http" in errors["file:///etc/passwd"]


@pytest.mark.django_db
def test_admin_lists_imports_for_administrators_only(site_tree, client, server):
    from django.contrib.auth import get_user_model

    group = trusted_group(title="Listed group")
    import_feed(group, server + "/nothing-here.ics")
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin)
    html = client.get("/admin/calendar_imports/").content.decode()
    assert "Listed group" in html and "answered 404" in html
    volunteer = get_user_model().objects.create_user("vol", "vol@example.org", "pw")
    client.force_login(volunteer)
    assert client.get("/admin/calendar_imports/").status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [MODERATORS, SITE_ADMINISTRATORS])
def test_moderators_and_site_administrators_see_imports_but_cannot_edit_them(
    site_tree, client, server, role
):
    group = trusted_group(title="Listed group")
    import_feed(group, server + "/nothing-here.ics")
    record = CalendarImport.objects.get(group=group)
    user = UserFactory(username="staff")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    html = client.get("/admin/calendar_imports/").content.decode()
    assert "Listed group" in html and "answered 404" in html
    # The record is the importer's: looked at, never edited by hand.
    assert client.get(f"/admin/calendar_imports/edit/{record.pk}/").status_code in (302, 403)
    assert client.get("/admin/calendar_imports/new/").status_code in (302, 403)


@pytest.mark.django_db
def test_private_addresses_are_refused_by_default(site_tree, server, monkeypatch):
    monkeypatch.setattr("events.importer.ALLOW_PRIVATE_ADDRESSES", False)
    group = trusted_group()
    FEEDS["/club.ics"] = vcal(vevent("a@x", "Coffee"))
    outcome, error = import_feed(group, server + "/club.ics")
    assert outcome is None and "private network" in error
    assert not imported(group)


@pytest.mark.django_db
def test_cancelled_and_moved_dates_come_through_and_our_feed_matches_the_source(
    site_tree, server, client
):
    import icalendar
    import recurring_ical_events

    group = trusted_group()
    series = vevent("s@x", "Choir", days=2, hour=19, extra="RRULE:FREQ=WEEKLY;COUNT=5\r\n")
    cancel = (
        f"BEGIN:VEVENT\r\nUID:s@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Choir\r\n"
        f"RECURRENCE-ID;TZID=Europe/London:{stamp(9, 19)}\r\n"
        f"DTSTART;TZID=Europe/London:{stamp(9, 19)}\r\n"
        f"DTEND;TZID=Europe/London:{stamp(9, 21)}\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
    )
    move = (
        f"BEGIN:VEVENT\r\nUID:s@x\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Choir\r\n"
        f"RECURRENCE-ID;TZID=Europe/London:{stamp(16, 19)}\r\n"
        f"DTSTART;TZID=Europe/London:{stamp(17, 18)}\r\n"
        f"DTEND;TZID=Europe/London:{stamp(17, 20)}\r\nEND:VEVENT\r\n"
    )
    FEEDS["/choir.ics"] = vcal(series, cancel, move)
    outcome, error = import_feed(group, server + "/choir.ics")
    assert error == "" and outcome.created == 1
    event = imported(group)["s@x"]
    rows = list(EventOccurrence.objects.filter(event=event).order_by("start"))
    assert [r.cancelled for r in rows] == [False, True, False, False, False]
    assert [timezone.localtime(r.start).hour for r in rows] == [19, 19, 18, 19, 19]

    now = timezone.now()
    window = (now, now + datetime.timedelta(days=60))

    def dates(body):
        calendar = icalendar.Calendar.from_ical(body)
        return sorted(
            (c.decoded("DTSTART"), str(c.get("STATUS", "CONFIRMED")))
            for c in recurring_ical_events.of(calendar).between(*window)
        )

    ours = client.get(f"/calendar/event/{event.pk}.ics").content
    assert dates(ours) == dates(FEEDS["/choir.ics"])
    assert len(dates(ours)) == 5

    # Unchanged on the next run; the cancellation lifted at the source is lifted here.
    assert import_feed(group, server + "/choir.ics")[0].unchanged == 1
    FEEDS["/choir.ics"] = vcal(series, move)
    assert import_feed(group, server + "/choir.ics")[0].updated == 1
    assert not EventOccurrence.objects.filter(event=event, cancelled=True).exists()


@pytest.mark.django_db
def test_rules_finer_than_daily_are_skipped_not_expanded(site_tree, server):
    group = trusted_group()
    FEEDS["/fast.ics"] = vcal(
        vevent("fast@x", "Every second", extra="RRULE:FREQ=SECONDLY\r\n"),
        vevent("ok@x", "Daily", extra="RRULE:FREQ=DAILY;COUNT=3\r\n"),
    )
    outcome, error = import_feed(group, server + "/fast.ics")
    assert outcome.created == 1 and list(imported(group)) == ["ok@x"]
    assert "more often than daily" in CalendarImport.objects.get(group=group).last_error
