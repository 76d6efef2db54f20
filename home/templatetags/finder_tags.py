"""The finder pattern's pieces shared by every listing with filters: the
chosen filters as tags, each a link that removes it."""

from django import forms, template
from django.utils.formats import date_format
from django.utils.http import urlencode

register = template.Library()


@register.inclusion_tag("includes/chosen_filters.html", takes_context=True)
def chosen_filters(context, form, anchor="results", keep=()):
    """One tag per chosen value of a bound, validated filter form: its label
    and the address of the same listing without that value (and back at page
    1). ``keep`` names parameters that are not filters (e.g. the search query)."""
    request = context["request"]
    tags = list(_chosen(form, request.GET, keep, request.path)) if form is not None else []
    return {
        "tags": tags,
        "clear_url": _url(request.path, {k: v for k, v in request.GET.lists() if k in keep}),
        "anchor": anchor,
    }


def _chosen(form, params, keep, path):
    data = getattr(form, "cleaned_data", None) or {}
    for name, field in form.fields.items():
        if name in keep or name not in params:
            continue
        values = data.get(name)
        if values in (None, "", [], False):
            continue
        for value in values if isinstance(values, list | tuple) else [values]:
            label = _value_label(field, value)
            remaining = {
                key: [v for v in items if not (key == name and _same(v, value))]
                for key, items in params.lists()
                if key != "page"
            }
            yield {
                "field": field.label,
                "value": label,
                "url": _url(path, remaining),
            }


def _value_label(field, value):
    if isinstance(field, forms.BooleanField):
        return ""  # the field's label says it all ("Free only")
    if isinstance(field, forms.DateField):
        return date_format(value, "j E Y")
    for choice, label in getattr(field, "choices", ()):
        if str(choice) == str(value):
            return label
    return str(value)


def _same(raw, value):
    if hasattr(value, "isoformat"):
        return raw == value.isoformat()
    return raw == str(value) or (value is True and raw)


def _url(path, params):
    query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
    return f"{path}?{query}" if query else path
