"""Recurrence: from the organiser's form fields to RFC 5545 text, to dates, to words.

The admin offers plain fields (repeat every week on these days, until this
date, not on these dates …). ``build_recurrence`` turns them into RRULE, EXDATE
and RDATE lines, stored on the page. ``expand`` reads those lines back with
dateutil and lists the sessions in a window. Expansion happens in the site's
local wall-clock time, and each session is made aware afterwards, so a 10am
coffee morning stays at 10am on both sides of a daylight-saving change.
"""

import datetime

from dateutil.rrule import rruleset, rrulestr
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import Repeat

# RFC 5545 weekday codes, Monday first (datetime.weekday() order).
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
]
ORDINALS = {
    1: gettext_lazy("First"),
    2: gettext_lazy("Second"),
    3: gettext_lazy("Third"),
    4: gettext_lazy("Fourth"),
    -1: gettext_lazy("Last"),
}

NONE = Repeat.NONE
WEEKLY = Repeat.WEEKLY
FORTNIGHTLY = Repeat.FORTNIGHTLY
MONTHLY_DATE = Repeat.MONTHLY_DATE
MONTHLY_WEEKDAY = Repeat.MONTHLY_WEEKDAY

ICAL_DATETIME = "%Y%m%dT%H%M%S"


def local_naive(moment):
    """An aware datetime as naive wall-clock time in the site's zone."""
    return timezone.localtime(moment).replace(tzinfo=None)


def parse_dates(text):
    """Dates one per line (2026-08-01 or 01/08/2026). Returns (dates, bad lines)."""
    dates, bad = [], []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
            try:
                dates.append(datetime.datetime.strptime(line, pattern).date())
                break
            except ValueError:
                continue
        else:
            bad.append(line[:40])
    return sorted(set(dates)), bad


def nth_weekday_of(day):
    """1–4 for the first to fourth such weekday of its month, -1 for a fifth (last)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth > 4 else nth


def build_rrule(*, repeat, start, days=(), monthly_week=None, until=None, count=None):
    """The RRULE value (without "RRULE:") for the organiser's choices, or ""."""
    if repeat == NONE:
        return ""
    local_start = local_naive(start)
    parts = []
    if repeat in (WEEKLY, FORTNIGHTLY):
        parts.append("FREQ=WEEKLY")
        if repeat == FORTNIGHTLY:
            parts.append("INTERVAL=2")
        codes = [code for code in WEEKDAY_CODES if code in days] or [
            WEEKDAY_CODES[local_start.weekday()]
        ]
        parts.append("BYDAY=" + ",".join(codes))
    elif repeat == MONTHLY_DATE:
        parts.append(f"FREQ=MONTHLY;BYMONTHDAY={local_start.day}")
    elif repeat == MONTHLY_WEEKDAY:
        nth = monthly_week or nth_weekday_of(local_start)
        parts.append(f"FREQ=MONTHLY;BYDAY={nth}{WEEKDAY_CODES[local_start.weekday()]}")
    else:
        raise ValueError(f"Unknown repeat: {repeat!r}")
    if until:
        # Until the end of that day, in floating local time like DTSTART.
        parts.append(
            "UNTIL="
            + datetime.datetime.combine(until, datetime.time(23, 59, 59)).strftime(ICAL_DATETIME)
        )
    elif count:
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def build_recurrence(*, start, rrule="", excluded=(), extra=()):
    """RRULE/EXDATE/RDATE lines, in floating local time at the start's time of day."""
    at = local_naive(start).time()
    lines = []
    if rrule:
        lines.append("RRULE:" + rrule)
    if excluded and rrule:
        stamps = ",".join(
            datetime.datetime.combine(d, at).strftime(ICAL_DATETIME) for d in excluded
        )
        lines.append("EXDATE:" + stamps)
    if extra:
        stamps = ",".join(datetime.datetime.combine(d, at).strftime(ICAL_DATETIME) for d in extra)
        lines.append("RDATE:" + stamps)
    return "\n".join(lines)


def parse_recurrence(text):
    """The one reader of stored RRULE/EXDATE/RDATE text (as build_recurrence
    and the importer write it): (the RRULE value or "", [EXDATE], [RDATE]),
    the dates as naive datetimes in the site's local time."""
    rule, exdates, rdates = "", [], []

    def stamps(value):
        return [datetime.datetime.strptime(stamp, ICAL_DATETIME) for stamp in value.split(",")]

    for line in (text or "").splitlines():
        name, _colon, value = line.strip().partition(":")
        if name == "RRULE":
            rule = value
        elif name == "EXDATE" and value:
            exdates = stamps(value)
        elif name == "RDATE" and value:
            rdates = stamps(value)
    return rule, exdates, rdates


def rule_set(start, recurrence):
    """A dateutil rruleset in naive local time, or None for a one-off event."""
    if not recurrence:
        return None
    rule, exdates, rdates = parse_recurrence(recurrence)
    rules = rruleset()
    if rule:
        rules.rrule(rrulestr(rule, dtstart=local_naive(start)))
    for moment in exdates:
        rules.exdate(moment)
    for moment in rdates:
        rules.rdate(moment)
    return rules


def expand(start, end, recurrence, window_start=None, window_end=None):
    """The aware (start, end) pairs of the schedule overlapping the window.

    The first session (``start``) is always included unless excluded; the
    duration of each session is the first session's wall-clock length.
    """
    local_start, local_end = local_naive(start), local_naive(end)
    duration = local_end - local_start
    rules = rule_set(start, recurrence)
    if rules is None:
        starts = [local_start]
    else:
        rules.rdate(local_start)
        if window_start is None or window_end is None:
            starts = list(rules)
        else:
            after = local_naive(window_start) - duration
            before = local_naive(window_end)
            starts = rules.between(after, before, inc=True)
    pairs = []
    for naive in starts:
        session_start = timezone.make_aware(naive)
        session_end = timezone.make_aware(naive + duration)
        if window_start is not None and session_end < window_start:
            continue
        if window_end is not None and session_start > window_end:
            continue
        pairs.append((session_start, session_end))
    return pairs


def has_session_ending_after(start, end, recurrence, moment):
    """Whether any session of the schedule ends at or after ``moment``."""
    if end >= moment:
        return True
    rules = rule_set(start, recurrence)
    if rules is None:
        return False
    duration = local_naive(end) - local_naive(start)
    return rules.after(local_naive(moment) - duration, inc=True) is not None


# --- In words -------------------------------------------------------------


def clock(moment):
    """A time of day as residents read it: "10 a.m.", "12:30 p.m.", "noon"."""
    return formats.time_format(moment, "P")


def day_month(day, today=None):
    today = today or timezone.localdate()
    if day.year == today.year:
        return formats.date_format(day, "j F")
    return formats.date_format(day, "j F Y")


def join_words(words):
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def describe(
    *,
    repeat,
    start,
    end,
    days=(),
    monthly_week=None,
    until=None,
    count=None,
    excluded=(),
    extra=(),
):
    """The schedule in words: "Every Tuesday, 10 a.m. to noon, until 30 June"."""
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    times = _("%(start)s to %(end)s") % {"start": clock(local_start), "end": clock(local_end)}
    weekday = local_start.weekday()
    if repeat == NONE:
        sentence = _("%(day)s, %(times)s") % {
            "day": formats.date_format(local_start, "l j F Y"),
            "times": times,
        }
    else:
        if repeat in (WEEKLY, FORTNIGHTLY):
            indexes = [i for i, code in enumerate(WEEKDAY_CODES) if code in days] or [weekday]
            names = join_words(WEEKDAY_NAMES[i] for i in indexes)
            if repeat == WEEKLY:
                pattern = _("Every %(days)s")
            else:
                pattern = _("Every other %(days)s")
            when = pattern % {"days": names}
        elif repeat == MONTHLY_DATE:
            when = _("On day %(day)s of every month") % {"day": local_start.day}
        else:
            nth = monthly_week or nth_weekday_of(local_start)
            when = _("%(nth)s %(weekday)s of the month") % {
                "nth": ORDINALS[nth],
                "weekday": WEEKDAY_NAMES[weekday],
            }
        sentence = f"{when}, {times}"
        if until:
            sentence += ", " + _("until %(date)s") % {"date": day_month(until)}
        elif count:
            sentence += ", " + _("%(count)s times from %(date)s") % {
                "count": count,
                "date": day_month(local_start.date()),
            }
        if not count and local_start.date() > timezone.localdate():
            sentence += ", " + _("starting %(date)s") % {"date": day_month(local_start.date())}
    parts = [sentence + "."]
    if excluded and repeat != NONE:
        parts.append(_("Not on %(dates)s.") % {"dates": join_words(day_month(d) for d in excluded)})
    if extra:
        parts.append(_("Also on %(dates)s.") % {"dates": join_words(day_month(d) for d in extra)})
    return " ".join(parts)
