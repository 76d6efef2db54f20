"""What's on: events, their occurrences and the listing of them.

An EventPage holds the description and the schedule. Publishing it writes its
occurrences (see occurrences.py); every listing reads occurrences with one
indexed query and never expands a schedule per request.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from groups.models import GroupOwnedMixin, GroupPage, Venue
from home.listing import IndexPage, SitePage, paginate
from home.models import AccessFeature, Language, Topic

from . import recurrence as rec
from .enums import Audience, MonthlyWeek, Repeat, Status
from .feeds import google_calendar_url
from .filters import WHATS_ON
from .queries import OccurrenceQuerySet, by_day, group_by_day, public_group
from .schema import event_json_ld, json_ld

#: Limits that keep a schedule cheap to expand.
MAX_REPEAT_COUNT = 500
MAX_REPEAT_YEARS = 10


class EventIndexPage(RoutablePageMixin, IndexPage):
    """What's on: every upcoming occurrence on the site, by day; and, at
    past/<group-slug>/, a group's archive of past dates."""

    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("what's on page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = WHATS_ON.read(request.GET)
        found = WHATS_ON.apply(EventOccurrence.objects.upcoming(), filters)
        occurrences = paginate(request, found)
        context.update(
            filters=filters,
            facets=WHATS_ON.view(filters),
            occurrences=occurrences,
            days=by_day(occurrences.object_list, found),
            feed_query=filters.query_string,
        )
        return context

    @path("past/<slug:group_slug>/", name="group_archive")
    def group_archive(self, request, group_slug):
        """The dates a group's events happened (the occurrence history, a year back)."""
        group = public_group(group_slug)
        if group is None:
            raise Http404("No such group")
        occurrences = paginate(request, EventOccurrence.objects.past(group=group))
        context = Page.get_context(self, request)
        context.update(
            group=group,
            occurrences=occurrences,
            days=group_by_day(occurrences.object_list),
        )
        return TemplateResponse(request, "events/group_archive.html", context)


class EventPageForm(WagtailAdminPageForm):
    """Offers the repeat days as checkboxes; the model stores them as "MO,TH"."""

    repeat_days = forms.MultipleChoiceField(
        label=_("on these days"),
        required=False,
        choices=list(zip(rec.WEEKDAY_CODES, rec.WEEKDAY_NAMES, strict=True)),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For weekly or fortnightly events. Leave empty for the start's weekday."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = getattr(self.instance, "repeat_days", "")
        self.initial["repeat_days"] = days.split(",") if days else []

    def clean_repeat_days(self):
        return ",".join(
            code for code in rec.WEEKDAY_CODES if code in self.cleaned_data["repeat_days"]
        )


class EventPage(GroupOwnedMixin, SitePage):
    Repeat = Repeat
    MonthlyWeek = MonthlyWeek
    Status = Status
    Audience = Audience
    #: Read with the page when it is served (home/routing.py).
    SERVED_WITH = ("venue__area", "image", "group")

    summary = models.CharField(
        _("one-line summary"),
        max_length=160,
        help_text=_("What will happen, in one line. Shown in listings and calendars."),
    )
    start = models.DateTimeField(_("starts"), help_text=_("Date and time it starts, in UK time."))
    end = models.DateTimeField(
        _("ends"),
        help_text=_("Date and time it finishes. For a repeating event: the first session's end."),
    )
    repeat = models.CharField(
        _("repeats"), max_length=20, choices=Repeat.choices, default=Repeat.NONE, blank=True
    )
    repeat_days = models.CharField(_("on these days"), max_length=27, blank=True)
    monthly_week = models.SmallIntegerField(
        _("which week of the month"),
        choices=MonthlyWeek.choices,
        null=True,
        blank=True,
        help_text=_(
            "For “every month on the same weekday”: leave empty to use the start date's week."
        ),
    )
    repeat_until = models.DateField(
        _("until"), null=True, blank=True, help_text=_("The last date it may happen.")
    )
    repeat_count = models.PositiveSmallIntegerField(
        _("number of times"),
        null=True,
        blank=True,
        help_text=_("Or: how many times it happens in all. Leave both empty to repeat for good."),
    )
    excluded_dates = models.TextField(
        _("not on these dates"),
        blank=True,
        help_text=_("One date per line, e.g. 2026-08-01 or 01/08/2026 (holidays, breaks)."),
    )
    extra_dates = models.TextField(
        _("also on these dates"),
        blank=True,
        help_text=_("One date per line: extra one-off sessions at the same time of day."),
    )
    recurrence = models.TextField(
        _("recurrence (RFC 5545)"),
        blank=True,
        editable=False,
        help_text=_("RRULE, EXDATE and RDATE lines, written from the fields above on save."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.SCHEDULED,
        help_text=_(
            "Cancel or postpone the whole event. To cancel one date, use the changes below."
        ),
    )
    imported_uid = models.CharField(
        _("imported calendar UID"), max_length=255, blank=True, db_index=True, editable=False
    )
    imported_from = models.URLField(_("imported from"), max_length=500, blank=True, editable=False)
    imported_rule = models.TextField(
        _("imported recurrence"),
        blank=True,
        editable=False,
        help_text=_("RRULE/EXDATE/RDATE lines from the group's own calendar, used as they are."),
    )
    sequence = models.PositiveIntegerField(
        _("revision sequence"),
        default=0,
        editable=False,
        help_text=_("Raised on every publish so calendar apps pick up changes."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Where it happens. Leave empty for an online-only event."),
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("A link to join online (Zoom, Teams, a livestream), if people can."),
    )
    is_free = models.BooleanField(_("free"), default=True)
    price = models.CharField(
        _("price"),
        max_length=100,
        blank=True,
        help_text=_('If it is not free, what it costs, e.g. "£3, children free".'),
    )
    booking_url = models.URLField(
        _("booking link"), blank=True, help_text=_("Where to book, if people need to.")
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    audience = models.CharField(
        _("who it is for"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    languages = ParentalManyToManyField(Language, verbose_name=_("languages spoken"), blank=True)
    access_features = ParentalManyToManyField(
        AccessFeature, verbose_name=_("access features"), blank=True
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("What to expect, what to bring, who to ask."),
    )
    # The organising group: see GroupOwnedMixin.
    group = models.ForeignKey(
        GroupPage,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="events",
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.AutocompleteField("summary"),
        index.FilterField("is_free"),
        index.FilterField("start"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("venue", [index.SearchField("name"), index.SearchField("postcode")]),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("repeat"),
                FieldPanel("repeat_days"),
                FieldPanel("monthly_week"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                FieldRowPanel([FieldPanel("excluded_dates"), FieldPanel("extra_dates")]),
                FieldPanel("status"),
            ],
            heading=_("When"),
        ),
        InlinePanel(
            "occurrence_changes",
            label=_("Cancel or move one date"),
            help_text=_("Change a single date without touching the rest of the schedule."),
        ),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("online_url")], heading=_("Where")),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldPanel("price"), FieldPanel("booking_url")],
            heading=_("Cost and booking"),
        ),
        FieldPanel("description"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("access_features", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who it is for"),
        ),
    ]

    # The schedule is the same in every language: copied to translations, never
    # offered to translators (wagtail-localize would take these text fields).
    override_translatable_fields = [
        SynchronizedField("repeat_days"),
        SynchronizedField("excluded_dates"),
        SynchronizedField("extra_dates"),
    ]

    base_form_class = EventPageForm
    parent_page_types = ["groups.GroupPage", "events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if not self.is_free and not self.price:
            errors["price"] = _("Say what it costs, or tick “free”.")
        errors.update(self.recurrence_errors())
        if errors:
            raise ValidationError(errors)

    def recurrence_errors(self):
        errors = {}
        repeats = bool(self.repeat)
        if self.repeat_until and self.repeat_count:
            errors["repeat_count"] = _("Give an end date or a number of times, not both.")
        if repeats and self.start and self.repeat_until:
            if self.repeat_until < timezone.localtime(self.start).date():
                errors["repeat_until"] = _("The last date cannot be before the start.")
        if self.repeat_count is not None and not 1 <= self.repeat_count <= MAX_REPEAT_COUNT:
            errors["repeat_count"] = _("The number of times must be from 1 to %(max)s.") % {
                "max": MAX_REPEAT_COUNT
            }
        if repeats and self.start and self.repeat_until:
            if self.repeat_until > timezone.localtime(self.start).date() + datetime.timedelta(
                days=365 * MAX_REPEAT_YEARS
            ):
                errors["repeat_until"] = _(
                    "Choose a last date within %(years)s years of the start."
                ) % {"years": MAX_REPEAT_YEARS}
        if not repeats and (self.repeat_until or self.repeat_count or self.excluded_dates):
            errors["repeat"] = _(
                "Choose how it repeats, or clear the until date, number and excluded dates."
            )
        if self.repeat_days and self.repeat not in (rec.WEEKLY, rec.FORTNIGHTLY):
            errors["repeat_days"] = _("Days apply only to weekly or fortnightly events.")
        if self.monthly_week and self.repeat != rec.MONTHLY_WEEKDAY:
            errors["monthly_week"] = _(
                "The week of the month applies only to “every month on the same weekday”."
            )
        for name in ("excluded_dates", "extra_dates"):
            dates, bad = rec.parse_dates(getattr(self, name))
            if bad:
                errors[name] = _("These are not dates: %(lines)s. Write them like 2026-08-01.") % {
                    "lines": ", ".join(bad)
                }
            elif len(dates) > 200:
                errors[name] = _("List at most 200 dates.")
        if (
            self.start
            and self.end
            and self.end - self.start > datetime.timedelta(days=7)
            and repeats
        ):
            errors["end"] = _("A repeating event's session cannot last more than a week.")
        return errors

    def build_recurrence(self):
        """The RRULE/EXDATE/RDATE text for the current fields (or the imported rule)."""
        if not self.start:
            return ""
        if self.imported_rule and not self.repeat:
            return self.imported_rule
        rule = rec.build_rrule(
            repeat=self.repeat or rec.NONE,
            start=self.start,
            days=self.repeat_days.split(",") if self.repeat_days else (),
            monthly_week=self.monthly_week,
            until=self.repeat_until,
            count=self.repeat_count,
        )
        return rec.build_recurrence(
            start=self.start,
            rrule=rule,
            excluded=rec.parse_dates(self.excluded_dates)[0],
            extra=rec.parse_dates(self.extra_dates)[0],
        )

    def with_content_json(self, content):
        """A revision never takes SEQUENCE back: keep the live page's counter."""
        obj = super().with_content_json(content)
        obj.sequence = self.sequence
        return obj

    def save(self, *args, **kwargs):
        if self.start:
            self.recurrence = self.build_recurrence()
        return super().save(*args, **kwargs)

    def schedule(self, window_start=None, window_end=None):
        """The (start, end) pairs of this event's sessions overlapping the window."""
        return rec.expand(self.start, self.end, self.recurrence, window_start, window_end)

    @property
    def is_recurring(self):
        return bool(self.recurrence)

    @property
    def excluded(self):
        return rec.parse_dates(self.excluded_dates)[0] if self.repeat else []

    @property
    def extra(self):
        return rec.parse_dates(self.extra_dates)[0]

    def schedule_in_words(self):
        if self.imported_rule and not self.repeat:
            return _("Repeats, starting %(date)s (from the group's own calendar).") % {
                "date": rec.day_month(timezone.localdate(self.start))
            }
        return rec.describe(
            repeat=self.repeat or rec.NONE,
            start=self.start,
            end=self.end,
            days=self.repeat_days.split(",") if self.repeat_days else (),
            monthly_week=self.monthly_week,
            until=self.repeat_until,
            count=self.repeat_count,
            excluded=self.excluded,
            extra=self.extra,
        )

    @property
    def is_past(self):
        """True once the last session has ended (never, for a rule without an end)."""
        return not rec.has_session_ending_after(
            self.start, self.end, self.recurrence, timezone.now()
        )

    @property
    def is_cancelled(self):
        return self.status == Status.CANCELLED

    @property
    def is_postponed(self):
        return self.status == Status.POSTPONED

    @property
    def is_online(self):
        return bool(self.online_url)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        upcoming = list(self.occurrences.filter(end__gte=timezone.now()).order_by("start")[:10])
        context["next_occurrences"] = upcoming
        next_one = next((o for o in upcoming if not o.cancelled), None)
        context["json_ld"] = mark_safe(json_ld(event_json_ld(self, next_one, request)))  # noqa: S308
        context["ics_url"] = reverse("events:event_ics", args=[self.pk])
        context["group_feed_url"] = (
            reverse("events:group_feed", args=[self.group.slug]) if self.group_id else ""
        )
        if self.is_recurring or next_one is None:
            context["google_calendar_url"] = google_calendar_url(self, request=request)
        else:
            context["google_calendar_url"] = google_calendar_url(
                self, next_one.start, next_one.end, request=request
            )
        return context


class EventOccurrence(models.Model):
    """One date of an event: written on publish, removed on unpublish or delete."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    cancelled = models.BooleanField(default=False)
    #: For a moved session: when the schedule put it (its RECURRENCE-ID in feeds).
    original_start = models.DateTimeField(null=True, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["event", "start"], name="occurrence_event_start")]

    def __str__(self):
        return f"{self.event.title} at {timezone.localtime(self.start):%Y-%m-%d %H:%M}"


class OccurrenceChange(Orderable):
    """One date of a schedule cancelled or moved, leaving the rest as it is."""

    class Action(models.TextChoices):
        CANCEL = "cancel", _("Cancel this date")
        MOVE = "move", _("Move this date")

    page = ParentalKey(EventPage, related_name="occurrence_changes", on_delete=models.CASCADE)
    date = models.DateField(_("date"), help_text=_("The date in the schedule to change."))
    action = models.CharField(
        _("change"), max_length=10, choices=Action.choices, default=Action.CANCEL
    )
    new_start = models.DateTimeField(_("new start"), null=True, blank=True)
    new_end = models.DateTimeField(
        _("new end"), null=True, blank=True, help_text=_("Leave empty to keep the same length.")
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("E.g. “Hall closed for the election”.")
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("action")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("change to one date")
        verbose_name_plural = _("changes to one date")

    def __str__(self):
        return f"{self.get_action_display()}: {self.date}"

    def clean(self):
        super().clean()
        if self.action == self.Action.MOVE and not self.new_start:
            raise ValidationError({"new_start": _("Say when the moved session starts.")})
        if self.new_start and self.new_end and self.new_end <= self.new_start:
            raise ValidationError({"new_end": _("The end must be after the start.")})


class CalendarFeed(Orderable):
    """A calendar a group already keeps elsewhere, imported by import_calendars."""

    group = ParentalKey(GroupPage, related_name="calendar_feeds", on_delete=models.CASCADE)
    url = models.URLField(
        _("calendar address (iCalendar)"),
        max_length=500,
        help_text=_(
            "The public .ics address of your Google, Outlook or Meetup calendar. Its events "
            "are copied here every few hours, and changes go to the moderators unless your "
            "group is trusted. See “Calendar imports” for the last import."
        ),
    )

    panels = [FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("calendar to import")
        verbose_name_plural = _("calendars to import")

    def __str__(self):
        return self.url


class CalendarImport(models.Model):
    """How the last import of one group's calendar went. Kept apart from the
    page's inline (CalendarFeed) so publishing the group never rolls it back."""

    group = models.ForeignKey(
        GroupPage, verbose_name=_("group"), on_delete=models.CASCADE, related_name="+"
    )
    url = models.URLField(_("calendar address"), max_length=500)
    last_import_at = models.DateTimeField(_("last import"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last successful import"), null=True, blank=True)
    event_count = models.PositiveIntegerField(_("events in the calendar"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("calendar import")
        verbose_name_plural = _("calendar imports")
        constraints = [
            models.UniqueConstraint(fields=["group", "url"], name="calendar_import_group_url")
        ]

    def __str__(self):
        return f"{self.group.title}: {self.url}"
