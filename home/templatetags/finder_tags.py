"""The finder pattern's pieces shared by every listing with filters: the
chosen filters as tags, each a link that removes it."""

from django import template
from django.utils.formats import date_format, localize
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from home.listing import DateFacet, Toggle

register = template.Library()


@register.simple_tag
def facet_options(facet):
    """The options of a facet (includes/facet.html), written here rather
    than by a template loop: a listing's facets have up to a hundred options,
    and each costs Django's template engine about a tenth of a millisecond."""
    widget, lang = facet.widget, facet.facet.lang
    rows = []
    for value, label, count, selected in facet:
        counted = count is not None
        if widget == "select":
            rows.append(
                format_html(
                    '<option value="{}"{}{}>{}{}</option>',
                    value,
                    format_html(' lang="{}"', value) if lang else "",
                    " selected" if selected else "",
                    label,
                    format_html(" ({})", localize(count)) if counted else "",
                )
            )
        elif widget == "toggle":
            rows.append(
                format_html(
                    '<p class="facet__option">\n  <input type="checkbox" id="{}" name="{}"'
                    ' value="{}"{}>\n  <label for="{}">{}</label>\n</p>',
                    facet.id,
                    facet.name,
                    value,
                    " checked" if selected else "",
                    facet.id,
                    label,
                )
            )
        else:
            option_id = f"{facet.id}-{value}"
            rows.append(
                format_html(
                    '<p class="facet__option">\n    <input type="{}" id="{}" name="{}"'
                    ' value="{}"{}>\n    <label for="{}"{}>{}{}</label>\n  </p>',
                    widget,
                    option_id,
                    facet.name,
                    value,
                    " checked" if selected else "",
                    option_id,
                    format_html(' lang="{}"', value) if lang else "",
                    label,
                    format_html(' <span class="facet__count">({})</span>', localize(count))
                    if counted
                    else "",
                )
            )
    return format_html_join("\n", "{}", ((row,) for row in rows))


@register.inclusion_tag("includes/chosen_filters.html", takes_context=True)
def chosen_filters(context, selection, anchor="results", keep=()):
    """One tag per chosen value of a listing's Selection (home/listing.py): its
    label and the address of the same listing without that value (and back at
    page 1). ``keep`` names parameters that are not filters (e.g. the search
    query), as a sequence or, from a template, a space-separated string."""
    request = context["request"]
    if isinstance(keep, str):
        keep = keep.split()
    tags = list(_chosen(selection, request.GET, keep, request.path)) if selection else []
    return {
        "tags": tags,
        "clear_url": _url(request.path, {k: v for k, v in request.GET.lists() if k in keep}),
        "anchor": anchor,
    }


def _chosen(selection, params, keep, path):
    # The address each tag links to keeps the reader's other choices, but not
    # the values the listing ignored (they were reported once, above).
    params = {key: _recognised(selection, key, items) for key, items in params.lists()}
    for facet in selection.filters.facets:
        if facet.name in keep or not facet.narrows:
            continue
        choices = selection.choices.get(facet.name, {})
        for value in selection[facet.name]:
            remaining = {
                key: [raw for raw in items if not (key == facet.name and _same(facet, raw, value))]
                for key, items in params.items()
                if key != "page"
            }
            yield {
                "field": facet.label,
                "value": _value_label(facet, value, choices),
                "url": _url(path, remaining),
            }


def _recognised(selection, key, items):
    """The raw values of parameter ``key`` that the Selection took up; every
    value of a parameter that is not a filter (the search words, say)."""
    facet = next((facet for facet in selection.filters.facets if facet.name == key), None)
    if facet is None:
        return items
    chosen = selection[key]
    return [raw for raw in items if any(_same(facet, raw, value) for value in chosen)]


def _value_label(facet, value, choices):
    if isinstance(facet, Toggle):
        return ""  # the filter's label says it all ("Free only")
    if isinstance(facet, DateFacet):
        return date_format(value, "j E Y")
    label = choices.get(value, value)
    return str(label[0] if isinstance(label, tuple) else label)


def _same(facet, raw, value):
    """Whether a raw value of the address is the chosen ``value``."""
    return facet.clean(raw, {value: value})[0] == value


def _url(path, params):
    query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
    return f"{path}?{query}" if query else path
