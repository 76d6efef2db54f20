"""The group directory's filters, order and "near me", read from the address.

Every filter lives in the query string so a filtered list can be bookmarked
and shared, and the page works with no JavaScript:

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

Values that are not recognised are ignored and listed back to the visitor.
Distance is computed in SQL from the usual meeting place's coordinates
(an equirectangular approximation, good to a few metres across a town), so a
page costs the same number of queries however many groups there are.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Count, F, FloatField, Q, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from home.i18n import term_names
from home.models import AccessFeature, Area, Language, Topic

ORDERS = {
    "az": _("A to Z"),
    "updated": _("Recently updated"),
    "near": _("Nearest first"),
}
KM_PER_DEGREE = 111.195
MAX_VALUES = 20  # of one filter, in one address


@dataclass
class Directory:
    """What the visitor asked for, cleaned."""

    topic: set = field(default_factory=set)
    area: set = field(default_factory=set)
    language: set = field(default_factory=set)
    access: set = field(default_factory=set)
    kind: set = field(default_factory=set)
    volunteers: bool = False
    online: bool = False
    order: str = "az"
    origin: tuple | None = None  # (latitude, longitude) for "near"
    origin_label: str = ""
    near: str = ""  # the area slug measured from
    position: tuple | None = None  # the browser's position, when given
    needs_origin: bool = False  # "nearest first" was asked for without a place
    ignored: list = field(default_factory=list)
    options: dict = field(default_factory=dict)

    @property
    def filtered(self):
        return bool(
            self.topic
            or self.area
            or self.language
            or self.access
            or self.kind
            or self.volunteers
            or self.online
        )


def options(locale, kinds):
    """The choices of each filter, named in ``locale``'s language where
    translated, else in English: one query per vocabulary."""
    language = locale.language_code
    return {
        "topic": term_names(Topic, language=language),
        "area": term_names(Area, "latitude", "longitude", language=language),
        "language": {code: str(language) for code, language in _languages()},
        "access": term_names(AccessFeature, language=language),
        "kind": dict(kinds),
    }


def _languages():
    return [(language.code, language) for language in Language.objects.all()]


def _coordinate(value, limit):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number) or abs(number) > limit:
        return None
    return round(number, 3)  # about 100 m: no need to keep more of a visitor's position


def read(params, locale, kinds):
    """A Directory from ``params`` (a QueryDict)."""
    choices = options(locale, kinds)
    directory = Directory(options=choices)
    for name in ("topic", "area", "language", "access", "kind"):
        chosen = getattr(directory, name)
        for value in params.getlist(name)[:MAX_VALUES]:
            if value in choices[name]:
                chosen.add(value)
            elif value:
                directory.ignored.append(value[:50])
    directory.volunteers = params.get("volunteers") == "1"
    directory.online = params.get("online") == "1"

    order = params.get("order") or "az"
    if order not in ORDERS:
        directory.ignored.append(order[:50])
        order = "az"
    directory.order = order

    # An area chosen in the form wins over a position the browser gave earlier.
    near = params.get("near", "")
    if near:
        area = choices["area"].get(near)
        if area is None:
            directory.ignored.append(near[:50])
        elif area[1] is not None and area[2] is not None:
            directory.origin = (float(area[1]), float(area[2]))
            directory.origin_label = area[0]
            directory.near = near
    lat, lng = params.get("lat", ""), params.get("lng", "")
    if directory.origin is None and (lat or lng):
        latitude, longitude = _coordinate(lat, 90), _coordinate(lng, 180)
        if latitude is None or longitude is None:
            directory.ignored.append(f"{lat[:20]}, {lng[:20]}")
        else:
            directory.origin = directory.position = (latitude, longitude)
            directory.origin_label = _("your position")
    if directory.order == "near" and directory.origin is None:
        # Nowhere to measure from: A to Z, and the form asks for a place.
        directory.order = "az"
        directory.needs_origin = True
    return directory


def _filter_q(directory, skip=None):
    q = Q()
    if skip != "topic" and directory.topic:
        q &= Q(topics__slug__in=directory.topic)
    if skip != "area" and directory.area:
        q &= Q(areas__slug__in=directory.area)
    if directory.language:
        q &= Q(languages__code__in=directory.language)
    if skip != "kind" and directory.kind:
        q &= Q(kind__in=directory.kind)
    if directory.volunteers:
        q &= Q(looking_for_volunteers=True)
    if directory.online:
        q &= Q(meets_online=True)
    return q


def _apply(groups, directory, skip=None):
    """``groups`` narrowed by every filter but ``skip``. Multi-valued filters
    go through subqueries, so no group is listed twice."""
    model = groups.model
    q = _filter_q(directory, skip)
    if q:
        groups = groups.filter(pk__in=model.objects.filter(q).values("pk"))
    for slug in sorted(directory.access):
        groups = groups.filter(pk__in=model.objects.filter(access_features__slug=slug).values("pk"))
    return groups


def apply(groups, directory):
    """The groups the visitor asked for, in the order asked for."""
    groups = _apply(groups, directory)
    if directory.order == "updated":
        return groups.order_by(F("last_published_at").desc(nulls_last=True), "title", "pk")
    if directory.order == "near":
        latitude, longitude = directory.origin
        scale = math.cos(math.radians(latitude))
        lat = Cast("venue__latitude", FloatField()) - Value(latitude)
        lng = (Cast("venue__longitude", FloatField()) - Value(longitude)) * Value(scale)
        return groups.annotate(distance_sq=lat * lat + lng * lng).order_by(
            F("distance_sq").asc(nulls_last=True), "title", "pk"
        )
    return groups.order_by("title", "pk")


def distance_km(group):
    """The distance annotated by ``apply`` for "near", in kilometres, or None."""
    value = getattr(group, "distance_sq", None)
    if value is None:
        return None
    return math.sqrt(value) * KM_PER_DEGREE


def counts(groups, directory):
    """How many groups each topic, area and kind would give, with the other
    filters as they are: one query each."""
    result = {}
    for name, lookup in [("topic", "topics__slug"), ("area", "areas__slug"), ("kind", "kind")]:
        rows = (
            _apply(groups, directory, skip=name)
            .order_by()
            .values(lookup)
            .annotate(n=Count("pk", distinct=True))
            .values_list(lookup, "n")
        )
        result[name] = {value: n for value, n in rows if value}
    return result


def facets(directory, counts):
    """{name: [(value, label, count or None, selected), …]} for the filter form."""
    result = {}
    for name in ("topic", "area", "kind", "language", "access"):
        chosen = getattr(directory, name)
        known = counts.get(name)
        result[name] = [
            (
                value,
                label[0] if isinstance(label, tuple) else label,
                None if known is None else known.get(value, 0),
                value in chosen,
            )
            for value, label in directory.options[name].items()
        ]
    return result
