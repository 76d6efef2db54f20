"""What's on's filters, declared once (home/listing.py): the page and its
iCalendar feed read the same parameters, so a resident can share or subscribe
to exactly the search they made. Values that make no sense are left out and
listed back; they never cause a server error. This module never imports
events.models (the models import it): every lookup starts at an occurrence."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import GroupPage
from home import sitewide
from home.listing import DateFacet, Facet, Filters, TextFacet, Toggle
from home.models import AccessFeature, Area, Language, Topic

WHEN_CHOICES = {
    "today": _("Today"),
    "tomorrow": _("Tomorrow"),
    "weekend": _("This weekend"),
    "week": _("Next 7 days"),
    "month": _("This month"),
}

MODE_CHOICES = {"in-person": _("In person"), "online": _("Online")}


def date_range(data, now=None):
    """The (from, to) aware datetimes the when/start/end choices mean, or Nones."""
    now = now or timezone.now()
    today = timezone.localdate(now)

    def midnight(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

    one_day = datetime.timedelta(days=1)
    when = data.get("when")
    if when == "today":
        return now, midnight(today + one_day)
    if when == "tomorrow":
        return midnight(today + one_day), midnight(today + 2 * one_day)
    if when == "weekend":
        saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:  # Sunday: this weekend is today
            saturday = today - one_day
        return max(now, midnight(saturday)), midnight(saturday + 2 * one_day)
    if when == "week":
        return now, midnight(today + 8 * one_day)
    if when == "month":
        next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        return now, midnight(next_month)
    start, end = data.get("start"), data.get("end")
    return (
        max(now, midnight(start)) if start else None,
        midnight(end + one_day) if end else None,
    )


def _between(name):
    """Narrow occurrences to the range that ``name``'s value means."""

    def apply(occurrences, values):
        start, end = date_range({name: values[-1]})
        if start:
            occurrences = occurrences.filter(end__gte=start)
        if end:
            occurrences = occurrences.filter(start__lt=end)
        return occurrences

    return apply


def _of_group(occurrences, values):
    """Events of the group with this slug, or whose name contains the words
    typed, in any language; a group that is not public has no public events,
    so nothing is revealed about it."""
    text = values[-1]
    groups = GroupPage.objects.filter(Q(slug=text) | Q(title__icontains=text))
    return occurrences.filter(event__group__translation_key__in=groups.values("translation_key"))


def _mode(occurrences, values):
    if values[-1] == "online":
        return occurrences.exclude(event__online_url="")
    return occurrences.filter(event__venue__isnull=False)


def _languages(language):
    return sitewide.remembered(
        ("whats_on_languages",),
        lambda: dict(Language.objects.order_by("english_name").values_list("code", "name")),
    )


def _dates_in_order(selection):
    start, end = selection.get("start"), selection.get("end")
    if start and end and end < start:
        selection.ignore("end")


TOPIC = "event__topics__slug"
ACCESS = "event__access_features__slug"

# The group filter is a field for a name, never a list of every group, so
# the page stays the same size however many groups the site lists.
WHATS_ON = Filters(
    Facet(
        "when",
        _("When"),
        choices=WHEN_CHOICES,
        widget="radio",
        sort=False,
        blank=_("Any time"),
        apply=_between("when"),
    ),
    DateFacet(
        "start",
        _("From"),
        help_text=_("Or choose dates, e.g. 2026-07-01."),
        apply=_between("start"),
        group=_("Or between dates"),
    ),
    DateFacet("end", _("To"), apply=_between("end"), group=_("Or between dates")),
    Facet("topic", _("Topic"), choices=Topic, widget="select", lookup=TOPIC, many=True),
    Facet("area", _("Area"), choices=Area, widget="select", lookup="event__venue__area__slug"),
    TextFacet("group", _("Group"), help_text=_("Its name, or part of it."), apply=_of_group),
    Facet(
        "language",
        _("Language spoken"),
        choices=_languages,
        widget="select",
        sort=False,
        lang=True,
        lookup="event__languages__code",
        many=True,
    ),
    Facet("access", _("Access"), choices=AccessFeature, lookup=ACCESS, every=True),
    Facet(
        "mode",
        _("In person or online"),
        choices=MODE_CHOICES,
        widget="radio",
        sort=False,
        blank=_("Either"),
        apply=_mode,
    ),
    Toggle("free", _("Free only"), on="on", lookup="event__is_free"),
    clean=_dates_in_order,
    id_prefix="whats-on",
)
