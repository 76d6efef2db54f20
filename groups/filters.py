"""The group directory's filters, order and "near me", declared once
(home/listing.py) and read from the address, so a filtered list can be
bookmarked and shared and works with no JavaScript:

    ?topic=food&topic=sport   any of these topics
    ?area=westfield           serves any of these areas
    ?language=pl              helps people in any of these languages
    ?access=step-free         has every one of these access features
    ?kind=informal            any of these kinds of group
    ?volunteers=1             looking for volunteers
    ?online=1                 meets online
    ?order=az|updated|near    A-Z (default), recently updated, nearest first
    ?near=westfield           "near": from the centre of an area, or else
    ?lat=52.70&lng=-1.40      from a position the browser shared (3 decimals kept)

Distance is computed in SQL from the usual meeting place's coordinates (an
equirectangular approximation, good to a few metres across a town), so a page
costs the same number of queries however many groups there are. This module
never imports groups.models (the models import it).
"""

import math
from dataclasses import dataclass

from django.db.models import F, FloatField, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from home import sitewide
from home.listing import Facet, Filters, Toggle, vocabulary
from home.models import AccessFeature, Area, Language, Topic

from .enums import GroupKind

ORDERS = {
    "az": _("A to Z"),
    "updated": _("Recently updated"),
    "near": _("Nearest first"),
}
KM_PER_DEGREE = 111.195


def _languages(language):
    return sitewide.remembered(
        ("directory_languages",),
        lambda: {language.code: str(language) for language in Language.objects.all()},
    )


_areas = vocabulary(Area, "latitude", "longitude")  # for "near" too
ACCESS = "access_features__slug"

DIRECTORY = Filters(
    Facet("topic", _("Topic"), choices=Topic, lookup="topics__slug", many=True, counted=True),
    Facet("area", _("Area served"), choices=_areas, lookup="areas__slug", many=True, counted=True),
    Facet(
        "kind",
        _("Kind of group"),
        choices=GroupKind.choices,
        lookup="kind",
        counted=True,
        sort=False,
    ),
    Toggle("volunteers", _("Looking for volunteers"), lookup="looking_for_volunteers"),
    Toggle("online", _("Meets online"), lookup="meets_online"),
    Facet(
        "language",
        _("Language spoken"),
        choices=_languages,
        lookup="languages__code",
        many=True,
        lang=True,
        sort=False,
    ),
    Facet(
        "access",
        _("Access (all of those ticked)"),
        choices=AccessFeature,
        lookup=ACCESS,
        every=True,
    ),
    # How the list is ordered, and where "nearest first" measures from:
    # chosen in the same form, but they narrow nothing (see ``place``).
    Facet(
        "order",
        _("Order"),
        choices=ORDERS,
        widget="radio",
        sort=False,
        narrows=False,
        default="az",
    ),
    Facet(
        "near",
        _("Near"),
        choices=_areas,
        widget="select",
        blank=_("Choose an area"),
        narrows=False,
        multiple=False,
    ),
    id_prefix="dir",
)


@dataclass
class Place:
    """Where "nearest first" measures from, and the order the list is in."""

    order: str = "az"
    origin: tuple | None = None  # (latitude, longitude)
    label: str = ""
    position: tuple | None = None  # the browser's position, when given
    needs_origin: bool = False  # "nearest first" was asked for without a place


def _coordinate(value, limit):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or abs(number) > limit:
        return None
    return round(number, 3)  # about 100 m: no need to keep more of a visitor's position


def place(selection, params):
    """The order asked for and where to measure from: an area chosen in the
    form wins over a position the browser gave earlier."""
    found = Place(order=selection.get("order", "az"))
    near = selection.get("near")
    if near:
        _name, latitude, longitude = selection.choices["near"][near]
        if latitude is not None and longitude is not None:
            found.origin = (float(latitude), float(longitude))
            found.label = _name
    lat, lng = params.get("lat", ""), params.get("lng", "")
    if found.origin is None and (lat or lng):
        latitude, longitude = _coordinate(lat, 90), _coordinate(lng, 180)
        if latitude is None or longitude is None:
            selection.ignored.append((_("Your position"), f"{lat[:20]}, {lng[:20]}"))
        else:
            found.origin = found.position = (latitude, longitude)
            found.label = _("your position")
    if found.order == "near" and found.origin is None:
        # Nowhere to measure from: A to Z, and the form asks for a place.
        found.order = "az"
        found.needs_origin = True
    return found


def ordered(groups, found):
    """``groups`` in the order of ``found`` (a Place)."""
    if found.order == "updated":
        return groups.order_by(F("last_published_at").desc(nulls_last=True), "title", "pk")
    if found.order == "near":
        latitude, longitude = found.origin
        scale = math.cos(math.radians(latitude))
        lat = Cast("venue__latitude", FloatField()) - Value(latitude)
        lng = (Cast("venue__longitude", FloatField()) - Value(longitude)) * Value(scale)
        return groups.annotate(distance_sq=lat * lat + lng * lng).order_by(
            F("distance_sq").asc(nulls_last=True), "title", "pk"
        )
    return groups.order_by("title", "pk")


def distance_km(group):
    """The distance annotated by ``ordered`` for "near", in kilometres, or None."""
    value = getattr(group, "distance_sq", None)
    if value is None:
        return None
    return math.sqrt(value) * KM_PER_DEGREE
