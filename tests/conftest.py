import pytest
from django.core.cache import cache

from .factories import (
    EventIndexPageFactory,
    GroupIndexPageFactory,
    NewsIndexPageFactory,
    StandardPageFactory,
    home_page,
)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request to /ur/… leaves
    Urdu active in the thread (LocaleMiddleware activates it and nothing
    deactivates it), which would otherwise leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    return home_page()


@pytest.fixture
def site_tree(home):
    """The designed page tree with its three index pages and an about page."""
    return {
        "home": home,
        "groups": GroupIndexPageFactory(parent=home),
        "whats_on": EventIndexPageFactory(parent=home),
        "news": NewsIndexPageFactory(parent=home),
        "about": StandardPageFactory(parent=home, title="About this site", slug="about"),
    }
