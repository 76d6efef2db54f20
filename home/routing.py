"""Finding the page an address names in two queries, whatever its depth.

Wagtail routes an address one level at a time: at each level a query for the
child with the next slug and another for its specific page, so an event at
/groups/repair-cafe/fix-it-saturday/ took six queries before its own. Here
the home page (the root of each language's tree) asks once for every page
whose address is a prefix of the one asked for, and once for the last one's
specific page. The answer is Wagtail's: the page must be there at every level,
each page above it must route as Wagtail's ``Page.route`` does (a page type
with routes of its own, such as what's on's ``past/``, gets the address
below it), and the page found routes the rest (its own checks: live, its own
index route). Anything else is routed by Wagtail, level by level, and so is
an address deeper than ``MAX_LEVELS`` below the home page (the site's pages
are a few levels deep; the question for every prefix grows with the square
of an address's depth, and a made-up address can be thousands of levels
deep). A page
type may name the related rows its page shows (``SERVED_WITH``, for
``select_related``), read in the same query as the page.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

#: Levels below the home page found in two queries; deeper addresses (standard
#: pages nested far down, made-up addresses) are routed by Wagtail.
MAX_LEVELS = 8


def page_below(root, path_components):
    """The specific page at ``path_components`` below ``root``, or None when
    Wagtail's own routing must answer (see the module's docstring)."""
    if len(path_components) > MAX_LEVELS:
        return None
    addresses, address = [], root.url_path
    for component in path_components:
        address += f"{component}/"
        addresses.append(address)
    rows = sorted(
        Page.objects.filter(url_path__in=addresses, path__startswith=root.path)
        .exclude(pk=root.pk)
        .values_list("depth", "pk", "content_type_id")
    )
    if [depth for depth, _pk, _type in rows] != list(
        range(root.depth + 1, root.depth + 1 + len(addresses))
    ):
        return None
    models = [ContentType.objects.get_for_id(type_id).model_class() for *_, type_id in rows]
    if any(model is None or model.route is not Page.route for model in models[:-1]):
        return None
    page = models[-1].objects.filter(pk=rows[-1][1])
    # The rows the page's own template shows beside it (its logo, its venue
    # and the venue's area…), read with it rather than one query each.
    if served_with := getattr(models[-1], "SERVED_WITH", ()):
        page = page.select_related(*served_with)
    return page.first()
