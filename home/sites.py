"""The site and its trees, looked up in one place each.

* ``default_site()``: the Wagtail Site marked default (the one the admin,
  e-mails and commands mean when no request says otherwise);
* ``locale_root(locale)`` and ``locale_roots()``: the home page at the top of
  each language's tree (depth 2, under Wagtail's root);
* ``site_name(site)``: the site's name as pages, feeds and e-mails show it:
  the Site's own name as set in the admin, else the ``SITE_NAME`` setting.
"""

from django.conf import settings
from wagtail.models import Page, Site

# Wagtail's root is depth 1; each locale's home page sits directly under it.
LOCALE_ROOT_DEPTH = 2


def default_site():
    """The default Site with its root page, or None on a database without one."""
    return Site.objects.select_related("root_page").filter(is_default_site=True).first()


def locale_roots():
    """The root page of every locale's tree (the home pages), in tree order."""
    return Page.objects.filter(depth=LOCALE_ROOT_DEPTH).order_by("path")


def locale_root(locale):
    """The root page of ``locale``'s tree (its home page), or None."""
    return locale_roots().filter(locale=locale).first()


def site_name(site=None):
    """What the site is called: ``site``'s name (the default site's when None)
    as set in the admin, else the ``SITE_NAME`` setting."""
    if site is None:
        site = default_site()
    return (site.site_name if site is not None else "") or settings.WAGTAIL_SITE_NAME
