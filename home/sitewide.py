"""What every public page shows about the site as a whole (the site and its
settings, the navigation, the sections' addresses, the language home pages,
which sections are private, the vocabularies' names), built once per process
for each version of the page cache instead of once per page.

A page built for an anonymous request asks the database about itself; the
rest it takes from here. The page cache's version (home/pagecache.py) is the
key: every change that can alter these (publishing, unpublishing, moving or
deleting a page, a view restriction, a site, a locale, the settings) raises
it on every server, so the next request builds them again, in the same
moment as the cached pages themselves go. What changes with the clock alone
(a page reaching its expiry time) is kept ``SECONDS`` at most, within the
page cache's own lifetime.

Only requests for which the page cache read the version use it: anonymous
readers' GETs. Editors, previews, commands and the task worker build
everything afresh, as before.
"""

import time

from asgiref.local import Local
from django.core.signals import request_finished, request_started

#: The longest anything is kept without a change (seconds).
SECONDS = 60
#: At most this many values are kept (a few per language are needed).
MAX_VALUES = 1000

_this_request = Local()
_remembered = {}
_remembered_version = [None]


def start_request(request, version):
    """Called by the page cache with the version it read for this request;
    also finds the request's site (Wagtail keeps it on the request)."""
    _this_request.version = version
    if version is not None:
        from wagtail.models import Site

        # get_host() refuses a host the site does not answer to (a 400), so
        # the public cannot fill this with made-up names.
        host = (request.get_host(), request.get_port())
        request._wagtail_site = remembered(("site", host), lambda: Site._find_for_request(request))


def _forget_version(**kwargs):
    _this_request.version = None


# Cleared at both ends, so a request the page cache did not read the version
# for (an editor's) never inherits the previous request's.
request_started.connect(_forget_version, dispatch_uid="sitewide_start_request")
request_finished.connect(_forget_version, dispatch_uid="sitewide_end_request")


def remembered(key, build):
    """``build()``, or what it returned for ``key`` under this request's version
    of the page cache. Values are shared between requests: never change them."""
    version = getattr(_this_request, "version", None)
    if version is None:
        return build()
    if _remembered_version[0] != version:
        _remembered.clear()
        _remembered_version[0] = version
    now = time.monotonic()
    found = _remembered.get(key)
    if found is not None and found[0] > now:
        return found[1]
    value = build()
    if len(_remembered) >= MAX_VALUES:
        _remembered.clear()
    _remembered[key] = (now + SECONDS, value)
    return value


def forget():
    """Drop everything (tests start each from nothing)."""
    _remembered.clear()
    _remembered_version[0] = None
