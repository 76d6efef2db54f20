"""The page explorer's "More options" menus (home/admin_buttons.py) are the
markup Wagtail's templates make, whitespace aside, with Wagtail's buttons."""

import re

import pytest
import wagtail.admin.wagtail_hooks as admin_hooks
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.widgets.button import Button, ButtonWithDropdownFromHook

from home.admin_buttons import ListingDropdown, button_html, icon_html

from .factories import EventPageFactory, GroupPageFactory, UserFactory, publish

pytestmark = pytest.mark.django_db


def normalised(html):
    """Whitespace between and inside tags' text does not change the page."""
    html = re.sub(r"\s+", " ", str(html))
    return re.sub(r"\s*([<>])\s*", r"\1", html).strip()


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def rows(site_tree):
    live = publish(GroupPageFactory(title="Repair Café & Co"))
    publish(EventPageFactory(parent=live, title="Fix-it day"))
    draft = GroupPageFactory(title="Not yet <b>open</b>", live=False)
    changed = publish(GroupPageFactory(title="Walking group"))
    changed.title = "Walking group (new times)"
    changed.save_revision()
    return [live, draft, changed, site_tree["groups"], site_tree["about"]]


def test_the_menu_is_wagtails_markup(rows, administrator):
    request = RequestFactory().get("/admin/pages/")
    request.user = administrator
    context = {"request": request}
    for page in rows:
        (menu,) = admin_hooks.page_listing_buttons(page, administrator, next_url="/admin/x/")
        assert type(menu) is ButtonWithDropdownFromHook
        theirs = menu.render_html(context)
        menu.__class__ = ListingDropdown
        ours = menu.render_html(context)
        assert normalised(ours) == normalised(theirs), page
        assert "Edit" in ours and reverse("wagtailadmin_pages:edit", args=[page.pk]) in ours


def test_an_item_and_an_icon_are_wagtails_templates():
    item = Button("Move & copy", "/admin/pages/1/move/?a=1&b=2", icon_name="arrow-right-full")
    item.attrs["rel"] = "noreferrer"
    theirs = render_to_string(item.template_name, {"button": item})
    assert normalised(button_html(item)) == normalised(theirs)
    assert normalised(icon_html("bin", "w-dropdown__toggle-icon")) == normalised(
        render_to_string(
            "wagtailadmin/shared/icon.html",
            {"name": "bin", "classname": "w-dropdown__toggle-icon"},
        )
    )


def test_an_item_with_its_own_rendering_renders_itself():
    class Custom(Button):
        def render_html(self, parent_context=None):
            return "<b>mine</b>"

    assert button_html(Custom("x", "/x/")) == "<b>mine</b>"


def test_the_explorer_shows_every_rows_menu(client, rows, administrator, site_tree):
    client.force_login(administrator)
    response = client.get(reverse("wagtailadmin_explore", args=[site_tree["groups"].pk]))
    html = response.content.decode()
    children = type(site_tree["groups"]).objects.get(pk=site_tree["groups"].pk).get_children()
    assert len(children) == 3
    assert html.count("More options for") == len(children)
    for page in children:
        assert reverse("wagtailadmin_pages:delete", args=[page.pk]) in html
        assert reverse("wagtailadmin_pages:history", args=[page.pk]) in html
