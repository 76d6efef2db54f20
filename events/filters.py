"""The what's on filters: a GET form whose whole state lives in the URL.

The same parameters filter the what's on page and its iCalendar feed, so a
resident can share or subscribe to exactly the search they made. Parameters
that do not make sense are dropped, and the page says which ones it ignored;
they never cause a server error.
"""

import datetime
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import GroupPage
from home.i18n import localized, term_names
from home.models import AccessFeature, Area, Language, Topic

from .models import EventPage

#: Longer parameter values are dropped unread.
MAX_VALUE_LENGTH = 100
#: At most this many values of a repeated parameter are read.
MAX_VALUES = 20
#: From/to dates further than this from today are refused.
MAX_YEARS = 5

WHEN_CHOICES = [
    ("", _("Any time")),
    ("today", _("Today")),
    ("tomorrow", _("Tomorrow")),
    ("weekend", _("This weekend")),
    ("week", _("Next 7 days")),
    ("month", _("This month")),
]

MODE_CHOICES = [
    ("", _("Either")),
    ("in-person", _("In person")),
    ("online", _("Online")),
]


def vocabulary_choices(model):
    """(slug, name) for every term, named in the active language where translated."""
    return sorted(term_names(model).items(), key=lambda item: item[1].casefold())


class LanguageSelect(forms.Select):
    """Each language is named in itself, so its option says which language that is."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"), choices=WHEN_CHOICES, required=False, widget=forms.RadioSelect
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Or choose dates, e.g. 2026-07-01."),
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    group = forms.ChoiceField(label=_("Group"), required=False)
    free = forms.BooleanField(label=_("Free only"), required=False)
    access = forms.MultipleChoiceField(
        label=_("Access"), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language spoken"), required=False, widget=LanguageSelect)
    mode = forms.ChoiceField(
        label=_("In person or online"),
        choices=MODE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, params, *args, **kwargs):
        self.ignored = []
        super().__init__(self.safe_data(params), *args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["topic"].choices = anything + vocabulary_choices(Topic)
        self.fields["area"].choices = anything + vocabulary_choices(Area)
        self.fields["access"].choices = vocabulary_choices(AccessFeature)
        self.fields["language"].choices = anything + list(
            Language.objects.order_by("english_name").values_list("code", "name")
        )
        self.fields["group"].choices = anything + list(
            localized(GroupPage.objects.live().public())
            .order_by("title")
            .values_list("slug", "title")
            .distinct()
        )

    def safe_data(self, params):
        """Only known parameters, of a sane length; the rest noted as ignored."""
        data = {}
        for name in params:
            if name not in self.base_fields:
                continue
            values = params.getlist(name) if hasattr(params, "getlist") else [params[name]]
            values = values[:MAX_VALUES]
            if any(len(value) > MAX_VALUE_LENGTH for value in values):
                self.ignored.append(name)
                continue
            if isinstance(self.base_fields[name], forms.MultipleChoiceField):
                data[name] = [value for value in values if value]
            else:
                data[name] = values[-1]
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for name, value in data.items():
            if isinstance(value, list):
                query.setlist(name, value)
            else:
                query[name] = value
        return query

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        limit = datetime.timedelta(days=365 * MAX_YEARS)
        for name in ("start", "end"):
            day = data.get(name)
            if day and abs(day - today) > limit:
                self.add_error(name, _("Choose a date within five years of today."))
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date is before the start date."))
        return data

    @property
    def valid_data(self):
        """The parameters that validated; the rest are left out (and listed in ignored)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def ignored_fields(self):
        self.is_valid()
        names = list(dict.fromkeys(self.ignored + list(self.errors)))
        return [str(self.fields[name].label) for name in names if name in self.fields]

    @property
    def query_string(self):
        """The valid filters as a canonical query string (for feed links), or ""."""
        pairs = []
        for name, value in self.valid_data.items():
            if isinstance(value, list):
                pairs.extend((name, item) for item in value)
            elif isinstance(value, bool):
                pairs.append((name, "on"))
            elif isinstance(value, datetime.date):
                pairs.append((name, value.isoformat()))
            else:
                pairs.append((name, value))
        return urlencode(pairs)

    @property
    def is_filtered(self):
        return bool(self.valid_data)


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


def filter_occurrences(occurrences, data, now=None):
    """Narrow an occurrence queryset by the valid filter values."""
    start, end = date_range(data, now)
    if start:
        occurrences = occurrences.filter(end__gte=start)
    if end:
        occurrences = occurrences.filter(start__lt=end)
    through = EventPage.topics.through
    if data.get("topic"):
        occurrences = occurrences.filter(
            event_id__in=through.objects.filter(topic__slug=data["topic"]).values("eventpage_id")
        )
    if data.get("area"):
        occurrences = occurrences.filter(event__venue__area__slug=data["area"])
    if data.get("group"):
        occurrences = occurrences.filter(event__group__slug=data["group"])
    if data.get("free"):
        occurrences = occurrences.filter(event__is_free=True)
    through = EventPage.access_features.through
    for slug in data.get("access", []):
        occurrences = occurrences.filter(
            event_id__in=through.objects.filter(accessfeature__slug=slug).values("eventpage_id")
        )
    if data.get("language"):
        through = EventPage.languages.through
        occurrences = occurrences.filter(
            event_id__in=through.objects.filter(language__code=data["language"]).values(
                "eventpage_id"
            )
        )
    if data.get("mode") == "online":
        occurrences = occurrences.exclude(event__online_url="")
    elif data.get("mode") == "in-person":
        occurrences = occurrences.filter(event__venue__isnull=False)
    return occurrences
