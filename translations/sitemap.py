"""The sitemap: every locale's pages, each with its translations as alternates."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q, Subquery
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.i18n import locale_code
from home.listing import pages


class MultilingualSitemap(Sitemap):
    """Public pages (home/listing.py) of every locale tree of the site. Untranslated
    copies (aliases) are left out: they repeat the English page. Each URL lists
    the page's versions in other languages as ``xhtml:link`` alternates."""

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(
            translation_key=Subquery(Page.objects.filter(pk=root.pk).values("translation_key")[:1])
        )
        in_a_tree = Q()
        for path in homes.values_list("path", flat=True):
            in_a_tree |= Q(path__startswith=path)
        return (
            pages()
            .public()
            .filter(in_a_tree, alias_of__isnull=True)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        # Every language version of this sitemap page's pages, in one query.
        versions = defaultdict(list)
        for other in (
            pages()
            .public()
            .filter(
                translation_key__in={item.translation_key for item in items},
                alias_of__isnull=True,
            )
            .order_by("path")
        ):
            versions[other.translation_key].append(
                {
                    "lang_code": locale_code(other.locale_id),
                    "location": other.get_full_url(self.request),
                }
            )
        urls = []
        last_mods = set()
        for item in items:
            alternates = versions.get(item.translation_key, [])
            for url_info in item.get_sitemap_urls(self.request):
                if len(alternates) > 1:
                    url_info["alternates"] = alternates + [
                        {"lang_code": "x-default", "location": a["location"]}
                        for a in alternates
                        if a["lang_code"] == settings.LANGUAGE_CODE
                    ]
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
