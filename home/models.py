"""The base of the site: the home page, standard pages, the vocabularies every
app shares (topics, areas, access features, languages) and site-wide settings.

``home`` imports none of the other apps (docs/architecture.md): the home page
shows upcoming events and news through template tags those apps provide.
"""

import copy

from django.apps import apps
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from . import sitewide
from .blocks import BodyBlock
from .listing import SitePage, card_renditions
from .routing import page_below
from .sites import site_name


class Vocabulary(TranslatableMixin, index.Indexed, models.Model):
    """A short named term residents filter by; its slug is the same in every language."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Used in web addresses, e.g. ?topic=food")
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [FieldPanel("name"), FieldPanel("slug")]
    # Filters and feeds match terms across languages by slug (?topic=food on
    # /pl/ too), so translators translate the name and never the slug.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(Vocabulary):
    """What a group, event or news item is about: food, health, sport, …"""

    class Meta(Vocabulary.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Area(Vocabulary):
    """A neighbourhood of the town, with an approximate centre for "near me"."""

    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    panels = Vocabulary.panels + [FieldPanel("latitude"), FieldPanel("longitude")]

    class Meta(Vocabulary.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class AccessFeature(Vocabulary):
    """Something that makes a place or session accessible: step-free access, hearing loop, …"""

    class Meta(Vocabulary.Meta):
        verbose_name = _("access feature")
        verbose_name_plural = _("access features")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Language(models.Model):
    """A language people can be helped in, named in that language ("Polski")."""

    code = models.CharField(
        _("language code"),
        max_length=12,
        unique=True,
        help_text=_('The short code, e.g. "pl" for Polish or "bfi" for British Sign Language.'),
    )
    name = models.CharField(
        _("name"), max_length=60, help_text=_('The name as its speakers write it, e.g. "Polski".')
    )
    english_name = models.CharField(_("name in English"), max_length=60)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("english_name")]

    class Meta:
        ordering = ["english_name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        if self.name == self.english_name:
            return self.name
        return f"{self.name} ({self.english_name})"


class HomePage(SitePage):
    intro = models.CharField(
        _("welcome line"),
        max_length=250,
        help_text=_("One sentence that says what this site is for, shown large at the top."),
    )
    welcome = RichTextField(
        _("welcome text"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short paragraph under the welcome line."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("welcome"),
        InlinePanel(
            "featured_groups",
            label=_("Featured groups"),
            help_text=_("Up to six groups to show on the home page."),
            max_num=6,
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "groups.GroupIndexPage",
        "events.EventIndexPage",
        "news.NewsIndexPage",
        "home.StandardPage",
        # Have your say (the participation app), named by label: home imports no app.
        "participation.HaveYourSayIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Every address below the home page is found in two queries whatever
        its depth (home/routing.py), else routed by Wagtail."""
        page = page_below(self, path_components) if path_components else None
        if page is None:
            return super().route(request, path_components)
        return page.route(request, [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_groups"] = self.get_featured_groups()
        return context

    def get_featured_groups(self):
        """The featured groups, each in the visitor's language where it is
        translated, else in English (home/i18n.py)."""
        keys = [
            item.page.translation_key
            for item in self.featured_groups.select_related("page").only(
                "home_page", "sort_order", "page__translation_key"
            )
            if item.page_id
        ]
        # One query for the groups and their logos, whatever their language;
        # the model is named by label, as home imports no content app.
        groups = apps.get_model("groups", "GroupPage")
        found = (
            groups.objects.public()
            .filter(translation_key__in=keys)
            .localized()
            .select_related("logo")
            .only(*groups.CARD_FIELDS)
        )
        by_key = {page.translation_key: page for page in found}
        featured = [by_key[key] for key in keys if key in by_key]
        card_renditions([group.logo for group in featured], groups.CARD_LOGO_FILTER)
        return featured


class HomePageFeaturedGroup(Orderable):
    home_page = ParentalKey(HomePage, related_name="featured_groups", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("page", page_type="groups.GroupPage")]


class StandardPage(SitePage):
    """About, how to get listed, moderation policy: any page of words and pictures."""

    summary = models.CharField(
        _("summary"),
        max_length=250,
        blank=True,
        help_text=_("One or two sentences shown in search results and link previews."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site. Handing the site over changes these, not code."""

    @classmethod
    def for_site(cls, site):
        # Read once per version of the page cache for anonymous readers
        # (home/sitewide.py); each request gets its own copy, as Wagtail
        # marks the instance with the request it serves.
        read = super().for_site
        key = ("site_settings", getattr(site, "pk", None))
        found = sitewide.remembered(key, lambda: read(site))
        return copy.copy(found)

    operator_name = models.CharField(
        _("operating body"),
        max_length=150,
        default="",
        blank=True,
        help_text=_("The organisation that runs this site day to day."),
    )
    operator_url = models.URLField(_("operating body's website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    moderation_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("moderation policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("about this site page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("operator_name"),
                FieldPanel("operator_url"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Who runs this site"),
        ),
        FieldPanel("about_page"),
        FieldPanel("moderation_policy_page"),
    ]

    # Every page's header and footer read these: fetch them in one query.
    select_related = ["site", "about_page", "moderation_policy_page"]

    class Meta:
        verbose_name = _("site settings")

    @cached_property
    def site_name(self):
        return site_name(self.site)
