"""The group directory, group pages and the places groups meet."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.i18n import locale_code
from home.listing import IndexPage, SitePage, card_fields, paginate
from home.models import AccessFeature, Area, Language, Topic

from .enums import GroupKind
from .filters import DIRECTORY, distance_km, ordered, place

# The rendition of a logo on a group card (templates/groups/includes/group_card.html).
CARD_LOGO_FILTER = "fill-160x160"


class GroupOwnedMixin:
    """For page types that may sit under a GroupPage (events, news).

    The model declares a ``group`` foreign key; it is kept in step with the
    page's place in the tree so listings can show and filter by the organising
    group without walking the tree. Moves are handled in groups/signals.py.
    """

    def find_group(self):
        if not self.path:
            return None
        return GroupPage.objects.filter(path=self.path[: -self.steplen]).first()

    def save(self, *args, **kwargs):
        self.group = self.find_group()
        return super().save(*args, **kwargs)


class Venue(index.Indexed, models.Model):
    """A place where groups meet and events happen."""

    name = models.CharField(_("name"), max_length=150)
    address = models.TextField(_("address"), help_text=_("Street address, one line per row."))
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    access_features = models.ManyToManyField(
        AccessFeature, verbose_name=_("access features"), blank=True
    )
    access_notes = models.TextField(
        _("access notes"),
        blank=True,
        help_text=_("Anything else a visitor should know: the entrance, parking, the nearest bus."),
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("address"),
        index.SearchField("postcode"),
        index.AutocompleteField("name"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("area"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Map position")),
        FieldPanel("access_features", widget=forms.CheckboxSelectMultiple),
        FieldPanel("access_notes"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def map_url(self):
        """A link to the place on openstreetmap.org: by position, else by address."""
        if self.latitude is not None and self.longitude is not None:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=17/{self.latitude}/{self.longitude}"
            )
        query = ", ".join([*self.address_lines, self.postcode])
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})


class GroupIndexPage(IndexPage):
    """The directory of every group on the site."""

    subpage_types = ["groups.GroupPage"]

    class Meta:
        verbose_name = _("group directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = DIRECTORY.read(request.GET, locale_code(self.locale_id))
        found = place(filters, request.GET)
        # Every public group in the visitor's language (one query for view
        # restrictions), for the list and the counts alike.
        everyone = GroupPage.objects.public().localized()
        groups = paginate(request, for_cards(ordered(DIRECTORY.apply(everyone, filters), found)))
        for group in groups:
            group.distance_km = distance_km(group)
        context.update(
            groups=groups,
            filters=filters,
            place=found,
            facets=DIRECTORY.view(filters, DIRECTORY.counts(everyone, filters)),
        )
        return context


def for_cards(groups):
    """``groups`` with what a group card shows (``GroupPage.CARD_FIELDS``): their topics
    and areas as ``card_topics`` and ``card_areas``, and their logos'
    renditions, one query each for the page of groups.

    Each is prefetched into a list (``to_attr``): a prefetch into the related
    manager builds a queryset for every group and relation, about 0.15 ms
    each, and Wagtail reads an image's ``prefetched_renditions`` list as it
    would the manager's."""
    logo_renditions = Prefetch(
        "logo__renditions",
        queryset=get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec=CARD_LOGO_FILTER),
        to_attr="prefetched_renditions",
    )
    return (
        groups.select_related("logo")
        .prefetch_related(
            Prefetch("topics", to_attr="card_topics"),
            Prefetch("areas", to_attr="card_areas"),
            logo_renditions,
        )
        .only(*GroupPage.CARD_FIELDS)
    )


class GroupPage(SitePage):
    Kind = GroupKind
    #: What a group card shows (templates/groups/includes/group_card.html), for
    #: the directory (``for_cards``) and other apps' lists of groups.
    CARD_FIELDS = card_fields("summary", "kind", "looking_for_volunteers", "logo")
    CARD_LOGO_FILTER = CARD_LOGO_FILTER
    #: Read with the page when it is served (home/routing.py).
    SERVED_WITH = ("logo", "venue__area")

    summary = models.CharField(
        _("one-line summary"),
        max_length=160,
        help_text=_('What your group does, in one line, e.g. "We fix broken things for free".'),
    )
    description = RichTextField(
        _("about the group"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Who you are, what you do, who can come, and how to join."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo or photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(
        _("kind of group"), max_length=20, choices=Kind.choices, default=Kind.COMMUNITY
    )
    charity_number = models.CharField(
        _("charity number"),
        max_length=20,
        blank=True,
        help_text=_("Only for registered charities: the Charity Commission number."),
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    areas = ParentalManyToManyField(
        Area,
        verbose_name=_("areas served"),
        blank=True,
        help_text=_("The neighbourhoods your group serves."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("usual meeting place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="groups",
    )
    meeting_times = models.CharField(
        _("when you meet"),
        max_length=200,
        blank=True,
        help_text=_('In words, e.g. "Every Tuesday, 10am to 12pm".'),
    )
    meets_online = models.BooleanField(_("meets online"), default=False)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = ParentalManyToManyField(
        Language,
        verbose_name=_("languages spoken"),
        blank=True,
        help_text=_("Languages people can be welcomed and helped in."),
    )
    access_features = ParentalManyToManyField(
        AccessFeature, verbose_name=_("access features"), blank=True
    )
    access_information = models.TextField(
        _("access information"),
        blank=True,
        help_text=_("Anything that helps someone decide if they can come: steps, toilets, quiet."),
    )
    looking_for_volunteers = models.BooleanField(_("looking for volunteers"), default=False)
    volunteering = models.TextField(
        _("volunteering"),
        blank=True,
        help_text=_("What volunteers would do and how to offer help."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("meeting_times"),
        index.AutocompleteField("summary"),
        index.FilterField("kind"),
        index.FilterField("looking_for_volunteers"),
        index.FilterField("meets_online"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("areas", [index.SearchField("name")]),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("charity_number")], heading=_("Kind of group")
        ),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Topics and areas"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("meeting_times"), FieldPanel("meets_online")],
            heading=_("When and where you meet"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("website"),
                InlinePanel("links", label=_("Social media and messaging")),
            ],
            heading=_("How to get in touch"),
        ),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("access_features", widget=forms.CheckboxSelectMultiple),
                FieldPanel("access_information"),
            ],
            heading=_("Access"),
        ),
        MultiFieldPanel(
            [FieldPanel("looking_for_volunteers"), FieldPanel("volunteering")],
            heading=_("Volunteering"),
        ),
        # CalendarFeed is an events model (events depends on groups, not the reverse).
        InlinePanel("calendar_feeds", label=_("Import events from your own calendar")),
    ]

    parent_page_types = ["groups.GroupIndexPage"]
    subpage_types = ["events.EventPage", "news.NewsPage"]

    class Meta:
        verbose_name = _("group page")

    def clean(self):
        super().clean()
        if self.kind == self.Kind.CHARITY and not self.charity_number:
            raise ValidationError(
                {"charity_number": _("A registered charity needs its charity number.")}
            )

    @property
    def is_trusted(self):
        """Whether the group's editors publish without waiting for a moderator.

        Stored once, on the moderation app's Organisation of this page or of
        any of its translations (``Organisation.trusted``, written only by
        moderation/trust.py), and read here through that model's link to the
        page, so this app imports nothing of moderation. Never trusted when
        nobody has onboarded the group."""
        return GroupPage.objects.filter(
            translation_key=self.translation_key, organisation__trusted=True
        ).exists()

    # The page's upcoming events and latest news are shown by the inclusion tags
    # of the events and news apps (templates/groups/group_page.html), so this app
    # does not import them: events and news depend on groups, not the reverse.


class GroupLink(Orderable):
    class Kind(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        X = "x", "X (Twitter)"
        MASTODON = "mastodon", "Mastodon"
        BLUESKY = "bluesky", "Bluesky"
        WHATSAPP = "whatsapp", _("WhatsApp community")
        TELEGRAM = "telegram", _("Telegram group")
        YOUTUBE = "youtube", "YouTube"
        TIKTOK = "tiktok", "TikTok"
        OTHER = "other", _("Other")

    group = ParentalKey(GroupPage, related_name="links", on_delete=models.CASCADE)
    kind = models.CharField(_("where"), max_length=20, choices=Kind.choices)
    url = models.URLField(_("link"))

    panels = [FieldPanel("kind"), FieldPanel("url")]

    def __str__(self):
        return self.get_kind_display()
