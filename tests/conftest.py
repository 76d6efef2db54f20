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
