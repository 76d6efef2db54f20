"""What's on: events, their occurrences and the listing of them.

An EventPage holds the description and the schedule. Publishing it writes its
occurrences (see occurrences.py); every listing reads occurrences with one
indexed query and never expands a schedule per request.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from groups.models import GroupOwnedMixin, GroupPage, Venue, paginate
from home.models import AccessFeature, Language, Topic


class EventIndexPage(Page):
    """What's on: every upcoming occurrence on the site, by day."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("what's on page")

    def get_context(self, request, *args, **kwargs):
        from .queries import group_by_day, upcoming_occurrences

        context = super().get_context(request, *args, **kwargs)
        occurrences = paginate(request, upcoming_occurrences())
        context["occurrences"] = occurrences
        context["days"] = group_by_day(occurrences.object_list)
        return context


class EventPage(GroupOwnedMixin, Page):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        FAMILIES = "families", _("Families")
        CHILDREN = "children", _("Children (under 12)")
        YOUNG_PEOPLE = "young-people", _("Young people (12 to 18)")
        ADULTS = "adults", _("Adults")
        OLDER_PEOPLE = "older-people", _("Older people")

    summary = models.CharField(
        _("one-line summary"),
        max_length=160,
        help_text=_("What will happen, in one line. Shown in listings and calendars."),
    )
    start = models.DateTimeField(_("starts"), help_text=_("Date and time it starts, in UK time."))
    end = models.DateTimeField(_("ends"), help_text=_("Date and time it finishes."))
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
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])], heading=_("When")
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
        if errors:
            raise ValidationError(errors)

    def schedule(self):
        """The (start, end) pairs of this event. One for now; recurrence extends it."""
        return [(self.start, self.end)]

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def is_online(self):
        return bool(self.online_url)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["next_occurrences"] = list(
            self.occurrences.filter(end__gte=timezone.now()).order_by("start")[:10]
        )
        return context


class EventOccurrence(models.Model):
    """One date of an event: written on publish, removed on unpublish or delete."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["event", "start"], name="occurrence_event_start")]

    def __str__(self):
        return f"{self.event.title} at {timezone.localtime(self.start):%Y-%m-%d %H:%M}"
