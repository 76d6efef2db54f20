"""A resident stays in their language from link to link, and can find and
finish the public forms (server-side: the same journeys in a real browser
are in test_browser_journeys.py)."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from home.models import SiteSettings
from translations.locales import translate_page

from .factories import EventPageFactory, GroupPageFactory, NewsPageFactory, publish

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    """Every <a href> of a page, with whether it is a language-switcher link
    (those name another language with hreflang, and must leave it)."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append((urldefrag(attrs["href"]).url, "hreflang" in attrs))


def own_links(html):
    parser = Links()
    parser.feed(html)
    for url, switches_language in parser.links:
        parts = urlsplit(url)
        if switches_language or parts.scheme or parts.netloc or not url.startswith("/"):
            continue
        if url.startswith(("/static/", "/media/", "/documents/", "/admin/")):
            continue
        yield url


@pytest.fixture
def urdu_site(site_tree):
    """A small site whose Urdu tree holds translated section pages and
    untranslated copies of everything else, as after sync_locales."""
    group = GroupPageFactory(title="Repair Cafe", summary="We fix broken things.")
    event = publish(EventPageFactory(parent=group, title="Fix-it Saturday"))
    publish(EventPageFactory(parent=site_tree["whats_on"], title="Town fun day"))
    NewsPageFactory(parent=group, title="Volunteers wanted")
    sections = [site_tree[name].pk for name in ["groups", "whats_on", "news"]]
    Page.objects.filter(pk__in=sections).update(show_in_menus=True)
    settings = SiteSettings.for_site(site_tree["home"].get_site())
    settings.about_page = site_tree["about"]
    settings.moderation_policy_page = site_tree["about"]
    settings.operator_name = "Ashby Moor CVS"
    settings.save()
    call_command("sync_locales", stdout=open("/dev/null", "w"))
    for name in ["home", "whats_on", "groups", "news"]:
        translate_page(site_tree[name], "ur", title=f"{name} (ur)")
    return {"group": group, "event": event, **site_tree}


def test_every_link_on_the_urdu_site_stays_in_urdu(urdu_site, client):
    expected = [
        "/ur" + urdu_site["event"].url,
        "/ur" + urdu_site["group"].url,
        "/ur" + reverse("moderation:suggest_event"),
    ]
    seen, queue, strays = set(), ["/ur/"], []
    while queue and len(seen) < 300:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for link in own_links(response.content.decode()):
            if not link.startswith("/ur/"):
                strays.append((url, link))
            elif "/feed" not in link and "/confirm/" not in link:
                queue.append(link)
    assert strays == []
    # The crawl reached events, groups and a view that is not a page.
    assert set(expected) <= seen


def test_whats_on_links_each_event_to_its_copy_in_the_readers_language(urdu_site, client):
    html = client.get("/ur/whats-on/").content.decode()
    event = urdu_site["event"]
    assert f'href="/ur{event.url}"' in html
    assert f'href="{event.url}"' not in html


def test_the_menu_of_a_view_that_is_not_a_page_is_in_the_readers_language(urdu_site, client):
    transparency = reverse("moderation:transparency")
    for url in ["/ur/search/?query=repair", "/ur" + transparency]:
        html = client.get(url).content.decode()
        assert 'href="/ur/whats-on/"' in html, url
        assert "whats_on (ur)" in html, url
        assert 'href="/whats-on/"' not in html, url


def test_an_events_organiser_link_stays_in_the_readers_language(urdu_site, client):
    event, group = urdu_site["event"].url, urdu_site["group"].url
    html = client.get("/ur" + event).content.decode()
    assert f'href="/ur{group}"' in html


def test_english_pages_link_to_english(urdu_site, client):
    html = client.get("/whats-on/").content.decode()
    assert f'href="{urdu_site["event"].url}"' in html
    assert [link for link in own_links(html) if link.startswith(("/ur/", "/cy/", "/pl/"))] == []


def test_the_public_forms_are_linked_where_people_look_for_them(urdu_site, client):
    suggest = reverse("moderation:suggest_event")
    get_listed = reverse("moderation:get_listed")
    group = urdu_site["group"].url
    assert f'href="{get_listed}"' in client.get("/").content.decode()
    assert f'href="{suggest}"' in client.get("/whats-on/").content.decode()
    assert f'href="{get_listed}"' in client.get("/groups/").content.decode()
    assert f'href="{suggest}"' in client.get(group).content.decode()


def test_a_form_with_errors_says_so_first_and_links_to_each_field(site_tree, client):
    response = client.post(reverse("moderation:suggest_event"), {"your_name": "Pat"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Suggest an event" in html
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</div>", start)]
    assert "autofocus" in summary.split(">")[0]
    assert 'href="#id_your_email"' in summary
    assert 'href="#id_title"' in summary
    # Each field names its own error, which its input points to.
    assert 'id="id_title_error"' in html
    assert 'aria-describedby="id_title_error"' in html
    assert 'aria-invalid="true"' in html


def test_a_form_without_errors_has_no_summary(site_tree, client):
    html = client.get(reverse("moderation:get_listed")).content.decode()
    assert "error-summary" not in html
    assert "<title>Error:" not in html


def test_the_honeypot_is_hidden_without_moving_it_off_screen(site_tree, client):
    """An element pushed 10,000 px to one side scrolls the page sideways in a
    right-to-left language; the trap is taken out of the layout instead."""
    html = client.get("/ur" + reverse("moderation:suggest_event")).content.decode()
    trap = html[html.index('class="honeypot"') - 12 : html.index('name="fax_number"')]
    assert "-10000px" not in trap and "style=" not in trap
    css = open("noticeboard/static/css/site.css", encoding="utf-8").read()
    rule = css[css.index(".honeypot {") : css.index("}", css.index(".honeypot {"))]
    assert "display: none" in rule


def test_whats_on_folds_its_filters_and_shows_the_chosen_ones_as_tags(site_tree, client):
    from .factories import TopicFactory

    TopicFactory(name="Food")
    whats_on = site_tree["whats_on"].url
    html = client.get(whats_on + "?free=on&topic=food&when=week").content.decode()
    # The filters sit behind one button that needs no script, and send the
    # reader back to the results, which come first.
    assert '<details class="finder__filters">' in html
    assert f'action="{whats_on}#results"' in html
    results = html.index('id="results"')
    assert results < html.index('class="results-count"')
    # Each chosen filter is a tag whose link removes just that filter.
    tags = html[html.index('class="chosen-filters"') : html.index("</ul>", results)]
    assert f'href="{whats_on}?topic=food&amp;when=week#results"' in tags  # without "free"
    assert f'href="{whats_on}?free=on&amp;when=week#results"' in tags  # without the topic
    assert "Topic: Food" in tags and "Free only" in tags
    assert f'href="{whats_on}#results">Clear all filters' in tags


def test_whats_on_without_filters_shows_no_tags(site_tree, client):
    html = client.get(site_tree["whats_on"].url).content.decode()
    assert "chosen-filters" not in html


def test_the_directory_shows_the_chosen_filters_as_tags(site_tree, client):
    from .factories import TopicFactory

    TopicFactory(name="Food")
    directory = site_tree["groups"].url
    html = client.get(directory + "?topic=food&volunteers=1").content.decode()
    results = html.index('id="directory-results"')
    tags = html[html.index('class="chosen-filters"') : results]
    assert f'href="{directory}?volunteers=1#directory-results"' in tags  # without the topic
    assert f'href="{directory}?topic=food#directory-results"' in tags  # without volunteers
    assert "Topic: Food" in tags and "Looking for volunteers" in tags
    assert f'href="{directory}#directory-results">Clear all filters' in tags
    assert html.count("Clear all filters") == 1
    assert "chosen-filters" not in client.get(directory).content.decode()
