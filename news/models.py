"""News: site-wide hub news and each group's own news."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from groups.models import GroupOwnedMixin, GroupPage
from home.blocks import BodyBlock
from home.listing import IndexPage, SitePage, paginate
from home.models import Topic

from .queries import NewsQuerySet, with_card_images


class NewsIndexPage(IndexPage):
    """All news on the site, newest first."""

    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_items"] = with_card_images(
            paginate(request, NewsPage.objects.latest().for_cards())
        )
        return context


class NewsPage(GroupOwnedMixin, SitePage):
    #: Read with the page when it is served (home/routing.py).
    SERVED_WITH = ("image", "group")

    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("The date the news is from.")
    )
    summary = models.CharField(
        _("summary"),
        max_length=250,
        help_text=_("One or two sentences shown in listings and link previews."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    # The group whose news this is: see GroupOwnedMixin.
    group = models.ForeignKey(
        GroupPage,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="news",
    )

    objects = PageManager.from_queryset(NewsQuerySet)()

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
        index.FilterField("date"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]

    parent_page_types = ["groups.GroupPage", "news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
