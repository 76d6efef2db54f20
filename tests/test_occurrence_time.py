"""The time of a date in a list of events (``occurrence_time``): what the
template filters gave, in every language, for a date that ends the same day
and one that ends the next."""

import datetime

import pytest
from django.template import engines
from django.utils import timezone, translation

from events.templatetags.event_tags import occurrence_time

# What templates/events/includes/occurrence.html showed with date filters.
FILTERS = engines["django"].from_string(
    "{% load i18n %}"
    '<p class="occurrence__time">'
    "<time datetime=\"{{ o.start|date:'c' }}\">{{ o.start|time }}</time> "
    '<span class="nowrap">{% translate "to" %} '
    "<time datetime=\"{{ o.end|date:'c' }}\">"
    '{% if o.start|date:"Ymd" != o.end|date:"Ymd" %}{{ o.end|date:"D j M" }}, {% endif %}'
    "{{ o.end|time }}</time></span></p>"
)


class Occurrence:
    def __init__(self, start, hours):
        self.start = start
        self.end = start + datetime.timedelta(hours=hours)


def at(month, day, hour, minute=0):
    zone = timezone.get_current_timezone()
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=zone)


@pytest.mark.parametrize("language", ["en", "cy", "pl", "ur"])
@pytest.mark.parametrize(
    "occurrence",
    [
        Occurrence(at(6, 14, 10), 2),  # summer time
        Occurrence(at(12, 5, 19, 30), 6),  # ends after midnight
        Occurrence(at(3, 28, 23, 15), 3),  # across the change to summer time
    ],
    ids=["same day", "overnight", "clocks change"],
)
def test_the_tag_writes_what_the_filters_wrote(language, occurrence):
    with translation.override(language):
        expected = FILTERS.render({"o": occurrence})
        assert str(occurrence_time(occurrence)) == expected


def test_the_end_day_is_shown_only_when_it_is_another_day():
    with translation.override("en"):
        same = str(occurrence_time(Occurrence(at(6, 14, 10), 3)))
        overnight = str(occurrence_time(Occurrence(at(12, 5, 19, 30), 6)))
    assert '<time datetime="2026-06-14T13:00:00+01:00">1 p.m.</time>' in same
    assert '<time datetime="2026-12-06T01:30:00+00:00">Sun 6 Dec, 1:30 a.m.</time>' in overnight
