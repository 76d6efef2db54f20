"""The RSS feed of the news, one per language (/news/feed/, /pl/news/feed/ …)."""

from django.contrib.syndication.views import Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from home.sites import site_name

from .models import NewsPage

FEED_LENGTH = 20


class NewsFeed(Feed):
    """The latest news in the visitor's language; untranslated items in English."""

    description = gettext_lazy("The latest news from community groups.")

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        name = site_name(Site.find_for_request(self.request))
        return _("News from %(site)s") % {"site": name}

    def link(self):
        return _home_url(self.request)

    def items(self):
        return NewsPage.objects.latest()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_guid(self, item):
        return item.get_full_url(self.request)

    item_guid_is_permalink = True


def _home_url(request):
    site = Site.find_for_request(request)
    if site is None:
        return "/"
    home = site.root_page.localized
    return home.get_url(request) or "/"
