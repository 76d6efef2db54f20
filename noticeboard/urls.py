import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import PasswordResetView
from wagtail.documents import urls as wagtaildocs_urls

from news.feeds import NewsFeed
from noticeboard import two_factor
from noticeboard.security import rate_limited_password_reset
from search import views as search_views
from translations import views as translation_views
from translations.sitemap import MultilingualSitemap

urlpatterns = [
    # wagtail-localize's submit and update views, moderated (translations/views.py):
    # listed before the admin so these addresses reach the moderated versions.
    path(
        "admin/localize/submit/page/<int:page_id>/",
        translation_views.ModeratedSubmitPageTranslationView.as_view(),
    ),
    path(
        "admin/localize/update/<int:translation_source_id>/",
        translation_views.ModeratedUpdateTranslationsView.as_view(),
    ),
    # Security: two-step sign-in, and password reset limited per address (docs/security.md).
    path("admin/two-factor/", two_factor.verify, name="two_factor_verify"),
    path("admin/two-factor/setup/", two_factor.setup, name="two_factor_setup"),
    path(
        "admin/password_reset/",
        rate_limited_password_reset(PasswordResetView.as_view()),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Not documents/: a document is served by /documents/…, which checks the
    # privacy of its collection; its file must not be reachable around that.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>(?!documents/).*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Public pages, with a language prefix for every language but the default one,
# so English addresses stay as they are.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/autocomplete/", search_views.autocomplete, name="search_autocomplete"),
    path("news/feed/", NewsFeed(), name="news_feed"),
    path("", include("moderation.urls")),
    path("", include("events.urls")),
    # Have your say: its forms, confirmation links and feeds.
    path("", include("participation.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
