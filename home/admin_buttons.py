"""The page explorer's "More options" menu of each row, rendered without a
template per button.

Wagtail renders each row's menu from templates: the dropdown, then each of
its ten or so buttons with a template of its own, each button's icon with
another. On a page of 50 rows that is over a thousand template renders and
about a third of the explorer's time. ``ListingDropdown`` writes the same
markup (Wagtail's ``wagtailadmin/shared/dropdown/dropdown.html`` and
``wagtailadmin/shared/button.html``, whitespace aside) with ``format_html``,
and the icons from a small cache; a button of any other kind (its own
template or ``render_html``) still renders itself. Which buttons a row has,
and their permission checks, are Wagtail's, unchanged.
``tests/test_admin_buttons.py`` checks the markup against Wagtail's templates.
"""

from functools import lru_cache

from django.utils.html import format_html, format_html_join
from wagtail.admin.widgets.button import BaseButton, ButtonWithDropdownFromHook


@lru_cache(maxsize=256)
def icon_html(name, classname="icon"):
    """``{% icon name=… classname=… %}``: an icon is a reference into the sprite."""
    return format_html(
        '<svg class="icon icon-{} {}" aria-hidden="true"><use href="#icon-{}"></use></svg>',
        name,
        classname,
        name,
    )


def _is_plain(button):
    return (
        type(button).render_html is BaseButton.render_html
        and type(button).get_context_data is BaseButton.get_context_data
        and button.template_name == BaseButton.template_name
    )


def button_html(button, parent_context=None):
    """A dropdown item as wagtailadmin/shared/button.html renders it."""
    if not _is_plain(button):
        return button.render_html(parent_context)
    return format_html(
        '<a href="{}" class="{}" {}>{} {}</a>',
        button.url or "",
        button.classname,
        button.base_attrs_string,
        icon_html(button.icon_name) if button.icon_name else "",
        button.label,
    )


class ListingDropdown(ButtonWithDropdownFromHook):
    """Wagtail's listing dropdown (the same hook, buttons and attributes),
    rendered without templates."""

    def render_html(self, parent_context=None):
        if self.template_name != ButtonWithDropdownFromHook.template_name:
            return super().render_html(parent_context)
        toggle_classes = " ".join(
            name.strip()
            for name in ["w-dropdown__toggle", "" if self.label else "w-dropdown__toggle--icon"]
            + [self.classname]
            if name
        )
        aria_label = self.aria_label
        return format_html(
            '<div data-controller="w-dropdown" class="w-dropdown" {}>'
            '<button type="button" class="{}" data-w-dropdown-target="toggle"{}>{} {}</button>'
            '<div data-w-dropdown-target="content" class="w-dropdown__content" hidden>{}</div>'
            "</div>",
            self.base_attrs_string,
            toggle_classes,
            format_html(' aria-label="{}"', aria_label) if aria_label else "",
            self.label,
            icon_html(self.icon_name or "arrow-down", "w-dropdown__toggle-icon"),
            format_html_join(
                "", "{}", ((button_html(b, parent_context),) for b in sorted(self.dropdown_buttons))
            ),
        )
