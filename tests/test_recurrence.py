"""Recurrence: the organiser's fields become RFC 5545 text, sessions and words."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import EventOccurrence, EventPage, OccurrenceChange
from events.occurrences import write_occurrences
from events.recurrence import expand

from .factories import EventPageFactory, UserFactory, publish
from .helpers import edit_and_publish


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


def at(year, month, day, hour=10, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def local_starts(event, **window):
    return [timezone.localtime(s) for s, _e in event.schedule(**window)]


@pytest.mark.django_db
def test_weekly_on_chosen_days_is_stored_as_rrule(site_tree):
    event = EventPageFactory(
        start=at(2026, 3, 3),
        end=at(2026, 3, 3, 12),
        repeat="weekly",
        repeat_days="TU,TH",
        repeat_until=datetime.date(2026, 3, 19),
    )
    assert event.recurrence == "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260319T235959"
    assert [d.date() for d in local_starts(event)] == [
        datetime.date(2026, 3, day) for day in (3, 5, 10, 12, 17, 19)
    ]


def test_wall_clock_time_is_kept_across_daylight_saving(settings):
    settings.TIME_ZONE = "Europe/London"
    # Clocks go forward on 29 March 2026 and back on 25 October 2026.
    start = at(2026, 3, 24)
    pairs = expand(start, start + datetime.timedelta(hours=2), "RRULE:FREQ=WEEKLY;COUNT=3")
    assert [timezone.localtime(s).hour for s, _e in pairs] == [10, 10, 10]
    utc_hours = [s.astimezone(datetime.UTC).hour for s, _e in pairs]
    assert utc_hours == [10, 9, 9]
    assert all(e - s == datetime.timedelta(hours=2) for s, e in pairs)


@pytest.mark.django_db
def test_fortnightly(site_tree):
    event = EventPageFactory(
        start=at(2026, 1, 6), end=at(2026, 1, 6, 11), repeat="fortnightly", repeat_count=3
    )
    assert "INTERVAL=2" in event.recurrence
    assert [d.date() for d in local_starts(event)] == [
        datetime.date(2026, 1, 6),
        datetime.date(2026, 1, 20),
        datetime.date(2026, 2, 3),
    ]
    assert event.schedule_in_words().startswith("Every other Tuesday, 10 a.m. to 11 a.m.")


@pytest.mark.django_db
def test_first_saturday_except_in_august(site_tree):
    event = EventPageFactory(
        start=at(2026, 6, 6),
        end=at(2026, 6, 6, 13),
        repeat="monthly-weekday",
        monthly_week=1,
        repeat_until=datetime.date(2026, 10, 31),
        excluded_dates="2026-08-01",
    )
    assert "BYDAY=1SA" in event.recurrence
    assert "EXDATE:20260801T100000" in event.recurrence
    assert [d.date() for d in local_starts(event)] == [
        datetime.date(2026, 6, 6),
        datetime.date(2026, 7, 4),
        datetime.date(2026, 9, 5),
        datetime.date(2026, 10, 3),
    ]
    words = event.schedule_in_words()
    assert words.startswith("First Saturday of the month, 10 a.m. to 1 p.m., until 31 October")
    assert "Not on 1 August" in words


@pytest.mark.django_db
def test_last_friday_and_monthly_date_and_extra_dates(site_tree):
    event = EventPageFactory(
        start=at(2026, 1, 30, 19),
        end=at(2026, 1, 30, 21),
        repeat="monthly-weekday",
        monthly_week=-1,
        repeat_count=3,
        extra_dates="14/02/2026",
    )
    assert [d.date() for d in local_starts(event)] == [
        datetime.date(2026, 1, 30),
        datetime.date(2026, 2, 14),
        datetime.date(2026, 2, 27),
        datetime.date(2026, 3, 27),
    ]
    assert event.schedule_in_words().startswith("Last Friday of the month")
    assert "Also on 14 February" in event.schedule_in_words()
    monthly = EventPageFactory(
        start=at(2026, 1, 14), end=at(2026, 1, 14, 11), repeat="monthly-date", repeat_count=2
    )
    assert [d.date() for d in local_starts(monthly)] == [
        datetime.date(2026, 1, 14),
        datetime.date(2026, 2, 14),
    ]


@pytest.mark.django_db
def test_schedule_in_words_example_from_the_issue(site_tree):
    event = EventPageFactory(
        start=at(2020, 1, 7),
        end=at(2020, 1, 7, 12),
        repeat="weekly",
        repeat_until=datetime.date(2020, 6, 30),
    )
    assert event.schedule_in_words() == "Every Tuesday, 10 a.m. to noon, until 30 June 2020."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, field",
    [
        ({"repeat": "weekly", "repeat_until": datetime.date(2026, 1, 1)}, "repeat_until"),
        (
            {"repeat": "weekly", "repeat_until": datetime.date(2026, 9, 1), "repeat_count": 3},
            "repeat_count",
        ),
        ({"repeat": "", "repeat_count": 3}, "repeat"),
        ({"repeat": "weekly", "excluded_dates": "next tuesday"}, "excluded_dates"),
        ({"repeat": "monthly-date", "repeat_days": "MO"}, "repeat_days"),
        ({"repeat": "weekly", "monthly_week": 1}, "monthly_week"),
        ({"repeat": "weekly", "repeat_count": 501}, "repeat_count"),
        ({"repeat": "weekly", "repeat_count": 0}, "repeat_count"),
        ({"repeat": "weekly", "repeat_until": datetime.date(2046, 3, 3)}, "repeat_until"),
    ],
)
def test_nonsense_schedules_are_refused(site_tree, fields, field):
    event = EventPageFactory.build(start=at(2026, 3, 3), end=at(2026, 3, 3, 12), **fields)
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_publishing_writes_twelve_months_and_rewrites_on_change(site_tree):
    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time(10)))
    event = publish(
        EventPageFactory(start=start, end=start + datetime.timedelta(hours=1), repeat="weekly")
    )
    rows = EventOccurrence.objects.filter(event=event)
    assert rows.count() in (52, 53)
    last = rows.order_by("start").last().start
    assert last <= timezone.now() + datetime.timedelta(days=365)
    assert last >= timezone.now() + datetime.timedelta(days=358)
    event.repeat_count = 4
    publish(event)
    assert EventOccurrence.objects.filter(event=event).count() == 4


@pytest.mark.django_db
def test_extend_occurrences_rolls_the_horizon(site_tree):
    from django.core.management import call_command

    today = timezone.localdate()
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time(10)))
    event = publish(
        EventPageFactory(start=start, end=start + datetime.timedelta(hours=1), repeat="weekly")
    )
    write_occurrences(event, now=timezone.now() - datetime.timedelta(days=60))
    before = EventOccurrence.objects.filter(event=event).order_by("start").last().start
    call_command("extend_occurrences", verbosity=0)
    after = EventOccurrence.objects.filter(event=event).order_by("start").last().start
    assert after - before >= datetime.timedelta(days=56)


@pytest.mark.django_db
def test_the_horizon_is_the_setting(site_tree, settings):
    settings.NOTICEBOARD_OCCURRENCE_HORIZON_DAYS = 30
    start = timezone.now() + datetime.timedelta(days=1)
    event = publish(
        EventPageFactory(start=start, end=start + datetime.timedelta(hours=1), repeat="weekly")
    )
    last = EventOccurrence.objects.filter(event=event).order_by("start").last().start
    assert timezone.now() + datetime.timedelta(days=23) < last
    assert last <= timezone.now() + datetime.timedelta(days=30)


@pytest.mark.django_db
def test_one_date_can_be_cancelled_or_moved(site_tree):
    first = timezone.localdate() + datetime.timedelta(days=7)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time(10)))
    event = EventPageFactory(
        start=start, end=start + datetime.timedelta(hours=2), repeat="weekly", repeat_count=3
    )
    second, third = first + datetime.timedelta(days=7), first + datetime.timedelta(days=14)
    moved_to = timezone.make_aware(datetime.datetime.combine(third, datetime.time(14)))
    event.occurrence_changes = [
        OccurrenceChange(date=second, action="cancel"),
        OccurrenceChange(date=third, action="move", new_start=moved_to),
    ]
    publish(event)
    rows = list(EventOccurrence.objects.filter(event=event).order_by("start"))
    assert [r.cancelled for r in rows] == [False, True, False]
    assert rows[2].start == moved_to
    assert rows[2].end == moved_to + datetime.timedelta(hours=2)
    assert timezone.localtime(rows[2].original_start).date() == third


@pytest.mark.django_db
def test_cancelling_the_whole_event_keeps_its_dates_marked(site_tree):
    event = publish(EventPageFactory(repeat="weekly", repeat_count=2))
    event.status = EventPage.Status.CANCELLED
    publish(event)
    assert list(
        EventOccurrence.objects.filter(event=event).values_list("cancelled", flat=True)
    ) == [True, True]


@pytest.mark.django_db
def test_sequence_goes_up_on_every_publish(site_tree):
    event = publish(EventPageFactory())
    assert event.sequence == 1
    event.title = "Changed"
    publish(event)
    event.refresh_from_db()
    assert event.sequence == 2
    assert EventPage.objects.get(pk=event.pk).sequence == 2


@pytest.mark.django_db
def test_past_is_the_last_session_not_the_first(site_tree):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    forever = EventPageFactory(
        start=long_ago, end=long_ago + datetime.timedelta(hours=1), repeat="weekly"
    )
    ended = EventPageFactory(
        start=long_ago, end=long_ago + datetime.timedelta(hours=1), repeat="weekly", repeat_count=2
    )
    assert not forever.is_past
    assert ended.is_past


@pytest.mark.django_db
def test_admin_form_offers_days_as_checkboxes_and_stores_codes(site_tree):
    form_class = EventPage.get_edit_handler().get_form_class()
    event = EventPageFactory(repeat="weekly", repeat_days="MO,TH")
    form = form_class(instance=event, for_user=None)
    assert form.initial["repeat_days"] == ["MO", "TH"]
    field = form.fields["repeat_days"]
    assert field.clean(["TH", "MO"]) == ["TH", "MO"]
    form.cleaned_data = {"repeat_days": ["TH", "MO"]}
    assert form.clean_repeat_days() == "MO,TH"
    with pytest.raises(ValidationError):
        field.clean(["XX"])


@pytest.mark.django_db
def test_event_page_shows_the_schedule_in_words_and_cancelled_dates(site_tree, client):
    first = timezone.localdate() + datetime.timedelta(days=3)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time(10)))
    event = EventPageFactory(
        start=start, end=start + datetime.timedelta(hours=2), repeat="weekly", repeat_count=3
    )
    event.occurrence_changes = [
        OccurrenceChange(date=first + datetime.timedelta(days=7), action="cancel")
    ]
    publish(event)
    html = client.get(event.url).content.decode()
    assert event.schedule_in_words() in html
    assert html.count("badge--cancelled") == 1
    assert "This event has passed" not in html


def first_saturday(year, month):
    day = datetime.date(year, month, 1)
    return day + datetime.timedelta(days=(5 - day.weekday()) % 7)


@pytest.mark.django_db
def test_organiser_sets_up_first_saturday_except_august_in_the_admin(
    client, administrator, site_tree
):
    today = timezone.localdate()
    month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    start = first_saturday(month.year, month.month)
    august = first_saturday(start.year if start.month < 8 else start.year + 1, 8)
    event = publish(EventPageFactory(title="Repair café"))
    client.force_login(administrator)

    response = edit_and_publish(
        client,
        event,
        start=f"{start:%Y-%m-%d} 10:00",
        end=f"{start:%Y-%m-%d} 13:00",
        repeat="monthly-weekday",
        monthly_week="1",
        excluded_dates=august.isoformat(),
        is_free="on",
    )

    assert response.status_code == 302, (
        response.context["form"].errors,
        {k: f.errors for k, f in response.context["form"].formsets.items()},
    )
    event = EventPage.objects.get(pk=event.pk)
    assert event.recurrence.startswith("RRULE:FREQ=MONTHLY;BYDAY=1SA")
    html = client.get(event.url).content.decode()
    assert "First Saturday of the month, 10 a.m. to 1 p.m." in html
    assert "Not on " + august.strftime("%-d %B") in html
    starts = [timezone.localtime(o.start) for o in event.occurrences.all()]
    assert 10 <= len(starts) <= 11  # the first Saturdays within a year, less August
    assert all(s.month != 8 and s.weekday() == 5 and s.day <= 7 and s.hour == 10 for s in starts)


@pytest.mark.django_db
def test_admin_refuses_a_count_and_an_until_date_together(client, administrator, site_tree):
    event = publish(EventPageFactory())
    client.force_login(administrator)
    response = edit_and_publish(
        client, event, repeat="weekly", repeat_count="4", repeat_until="2030-01-01"
    )
    assert response.status_code == 200
    assert "Give an end date or a number of times, not both." in response.content.decode()
    assert EventPage.objects.get(pk=event.pk).recurrence == ""


def test_the_schedule_is_synchronised_not_translated():
    from wagtail_localize.fields import SynchronizedField, get_translatable_fields

    kinds = {f.field_name: type(f) for f in get_translatable_fields(EventPage)}
    for name in ("start", "end", "repeat", "repeat_days", "excluded_dates", "extra_dates"):
        assert kinds[name] is SynchronizedField, name
