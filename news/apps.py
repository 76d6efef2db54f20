from django.apps import AppConfig


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"

    def ready(self):
        from home.pagecache import register_dependent_urls

        register_dependent_urls(feed_urls)


def feed_urls(page, base_url):
    """The news feed in every language, for the CDN purge of a published page."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    urls = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        with translation.override(code):
            urls.append(base_url + reverse("news_feed"))
    return urls
