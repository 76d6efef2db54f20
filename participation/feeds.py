"""The questions as an RSS feed and their closing dates as a calendar, per
language (/have-your-say/feed/, /pl/calendar/have-your-say.ics …)."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from .queries import public_questions

FEED_LENGTH = 20
# Closing dates from this long ago stay in the calendar.
CALENDAR_HISTORY = datetime.timedelta(days=90)
CALENDAR_LENGTH = 200


class QuestionFeed(Feed):
    """The newest questions, in the reader's language where translated."""

    description = gettext_lazy("Questions to the town: have your say.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Have your say")

    def link(self):
        from home.i18n import localized

        from .models import HaveYourSayIndexPage

        index = localized(HaveYourSayIndexPage.objects.live().public()).first()
        return (index.get_url(self.request) if index else None) or "/"

    def items(self):
        return public_questions().order_by("-opens_at", "pk")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.question

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.opens_at

    def item_guid(self, item):
        return item.get_full_url(self.request)

    item_guid_is_permalink = True


@require_safe
def closing_dates(request):
    """One all-day-free entry per question: its last moment to answer."""
    calendar = Calendar()
    calendar.add("prodid", "-//Noticeboard//Have your say//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Have your say: closing dates"))
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "noticeboard"
    since = timezone.now() - CALENDAR_HISTORY
    questions = public_questions().filter(closes_at__gte=since).order_by("closes_at", "pk")
    for question in questions[:CALENDAR_LENGTH]:
        entry = Event()
        entry.add("uid", f"question-{question.translation_key}@{domain}")
        entry.add("summary", _("Last day to answer: %(title)s") % {"title": question.title})
        entry.add("description", question.question)
        entry.add("dtstart", question.closes_at - datetime.timedelta(minutes=30))
        entry.add("dtend", question.closes_at)
        entry.add("dtstamp", question.last_published_at or question.closes_at)
        entry.add("url", question.get_full_url(request))
        calendar.add_component(entry)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="have-your-say.ics"'
    return response
