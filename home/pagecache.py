"""The anonymous page cache: public pages, listings and feeds built once and
served from the shared cache (Redis in production) to every reader without an
account, until the next change.

What is cached: a GET or HEAD answered 200 by a public address (not the admin,
documents or search results) to a request that carries no session and no
flash messages, when the response sets no cookie (so a page whose form used a
CSRF token is never cached: Django sets the token's cookie on it) and does not
say ``private``, ``no-cache`` or ``no-store``. The key is the canonical
address (path and sorted query string) and the language; the language is in
the path prefix, and a reader's hidden alerts (a cookie) make a key of their
own.

Purge is one counter in the shared cache, the version, which is part of every
key: a change raises it and every server's next request misses, in the same
moment. A request reads the version before it builds its page and stores the
page under that version, so a page built from data older than a change is
never stored under the version that follows it. The counter is raised when
the change happens and again when its transaction commits.

Responses say how a CDN or proxy may keep them (``Cache-Control`` with
``s-maxage`` and ``stale-while-revalidate``); configured CDNs are purged through
wagtail.contrib.frontend_cache (``purge_frontend``). Anonymous public
responses vary on nothing but the address: the language is in the path.
"""

import base64
import hashlib
import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language_from_path

from . import sitewide

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
#: How long a page stays in the shared cache without a change (seconds).
PAGE_CACHE_SECONDS = getattr(settings, "NOTICEBOARD_PAGE_CACHE_SECONDS", 300)
#: How long a CDN or proxy may keep a page, and serve it stale while it fetches a new one.
SHARED_MAX_AGE = getattr(settings, "NOTICEBOARD_CDN_MAX_AGE", 300)
STALE_WHILE_REVALIDATE = getattr(settings, "NOTICEBOARD_CDN_STALE_SECONDS", 60)

#: Addresses never cached: the admin, documents (their privacy rules), search
#: results (each search is recorded for the search report).
UNCACHED_PREFIXES = ("/admin/", "/documents/", "/django-admin/")
UNCACHED_PATHS = ("/search/",)
#: Headers kept with a cached page; the rest are added again on every request.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Content-Security-Policy",
    "Content-Security-Policy-Report-Only",
    "Link",
    "X-Robots-Tag",
)
#: Cookies that make a request personal: a session (logged in, a passed
#: page password) or flash messages waiting to be shown.
PERSONAL_COOKIES = ("messages",)
#: A cookie that changes the page but not who the reader is: hidden alerts.
DISMISSED_ALERTS_COOKIE = "dismissed_alerts"
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")


def _fresh_version():
    """A counter's first value: above any value a lost (evicted) counter had."""
    return int(time.time() * 1000)


def current_version():
    """The purge counter, created at 1; None if the cache cannot be reached."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, _fresh_version(), timeout=None)
            version = cache.get(VERSION_KEY)
        return version
    except Exception:  # a cache outage degrades to no page cache
        logger.warning("Page cache unreachable; serving without it", exc_info=True)
        return None


def _raise_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        # No counter yet, or it was evicted.
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)
    except Exception:
        logger.error("Page cache purge failed: the cache could not be reached", exc_info=True)


def purge_pages():
    """Every cached page is out of date now, on every server sharing the cache."""
    _raise_version()
    # Raised again after the change commits: a page built between the first
    # raise and the commit read the old data under the new version.
    transaction.on_commit(_raise_version)


def _is_personal(request):
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(name in cookies for name in PERSONAL_COOKIES):
        return True
    return "HTTP_AUTHORIZATION" in request.META


def _is_cacheable_address(request):
    path = request.path_info
    if path.startswith(UNCACHED_PREFIXES):
        return False
    language = get_language_from_path(path)
    unprefixed = path[len(language) + 1 :] if language else path
    return not unprefixed.startswith(UNCACHED_PATHS)


def cache_key(request, version):
    query = sorted(request.GET.lists())
    hidden = request.COOKIES.get(DISMISSED_ALERTS_COOKIE, "")
    hidden = ".".join(sorted(filter(None, hidden.split("."))))
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    address = f"{request.get_host()}|{request.path_info}|{query!r}|{language}|{hidden}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"pagecache:{version}:{digest}"


def _cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(directive in control for directive in UNCACHEABLE_DIRECTIVES)


def _public_headers(response, hidden_alerts):
    """What a CDN or proxy needs: how long to keep it, and that it varies on nothing."""
    if "Vary" in response:
        del response["Vary"]
    if hidden_alerts:
        # Personal to this reader's hidden alerts: browsers only.
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=SHARED_MAX_AGE,
            stale_while_revalidate=STALE_WHILE_REVALIDATE,
        )


def _not_modified(request, etag, last_modified):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return etag in tags or "*" in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and int(last_modified) <= since


def _fresh_csp_nonce():
    # As django-csp makes them: 16 random bytes, base64.
    return base64.b64encode(secrets.token_bytes(16)).decode("ascii")


def _replay(request, entry):
    from django.http import HttpResponse, HttpResponseNotModified

    if _not_modified(request, entry["etag"], entry["last_modified"]):
        response = HttpResponseNotModified()
    else:
        content = entry["content"]
        if entry.get("csp_nonce"):
            # A nonce is only worth having if no one can know it in advance:
            # each replay gets a fresh one, in the page and (via django-csp,
            # on the way out) in the Content-Security-Policy that names it.
            fresh = _fresh_csp_nonce()
            content = content.replace(
                f'nonce="{entry["csp_nonce"]}"'.encode(), f'nonce="{fresh}"'.encode()
            )
            request._csp_nonce = fresh
        response = HttpResponse(content, status=200)
        for name, value in entry["headers"].items():
            response[name] = value
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    response["X-Page-Cache"] = "hit"
    _public_headers(response, request.COOKIES.get(DISMISSED_ALERTS_COOKIE))
    return response


class PageCacheMiddleware:
    """Serve and store anonymous public responses; mark the others private.

    Listed before the session, CSRF and locale middleware, so that on the way
    out it sees the cookies and ``Vary`` headers they add."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path_info.startswith(UNCACHED_PREFIXES):
            return self.get_response(request)
        if _is_personal(request):
            response = self.get_response(request)
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        version = current_version()
        if version is None:
            return self.get_response(request)
        if not _is_cacheable_address(request):
            return self._build(request, version)
        key = cache_key(request, version)
        try:
            entry = cache.get(key)
        except Exception:
            entry = None
        if entry is not None:
            return _replay(request, entry)
        response = self._build(request, version)
        if not _cacheable_response(response):
            return response
        entry = {
            "content": response.content,
            "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
            "etag": f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"',
            "last_modified": int(time.time()),
            # django-csp keeps the nonce a page used here (None if it used none).
            "csp_nonce": getattr(request, "_csp_nonce", None),
        }
        if request.method == "GET":
            try:
                cache.set(key, entry, PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Page cache unreachable; page not stored", exc_info=True)
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["last_modified"])
        response["X-Page-Cache"] = "miss"
        _public_headers(response, request.COOKIES.get(DISMISSED_ALERTS_COOKIE))
        if _not_modified(request, entry["etag"], entry["last_modified"]):
            from django.http import HttpResponseNotModified

            not_modified = HttpResponseNotModified()
            for name in ("ETag", "Last-Modified", "Cache-Control", "X-Page-Cache"):
                not_modified[name] = response[name]
            return not_modified
        return response

    def _build(self, request, version):
        # What every page shows of the site is built once per version too
        # (home/sitewide.py), for cached addresses and search results alike.
        sitewide.start_request(request, version)
        return self.get_response(request)


# --- CDN purge ---------------------------------------------------------------

#: Functions page -> [absolute URLs] that also show a page (feeds), registered
#: by the apps that serve them (register_dependent_urls).
_dependent_url_providers = []


def register_dependent_urls(provider):
    """``provider(page, base_url)`` returns more URLs that show ``page`` (e.g. its feeds)."""
    if provider not in _dependent_url_providers:
        _dependent_url_providers.append(provider)


def frontend_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def frontend_urls(pages):
    """Every address a CDN may hold that shows one of ``pages``: the page in
    every language (translations and untranslated copies), the pages above it
    (its group, the section, the home page), the section pages of every
    language (what's on, news, the directory list it) and its feeds."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    batch = PurgeBatch()
    keys = {page.translation_key for page in pages}
    copies = list(Page.objects.live().filter(translation_key__in=keys))
    copies += list(Page.objects.live().filter(alias_of__in=copies))
    related = set()
    for page in copies:
        related.update(page.get_ancestors().filter(depth__gte=2).live())
    related.update(Page.objects.live().filter(depth=3))
    batch.add_pages(copies)
    batch.add_pages(related)
    for page in pages:
        base = page.get_site().root_url if page.get_site() else ""
        for provider in _dependent_url_providers:
            batch.add_urls(provider(page, base))
    return batch.urls


def purge_frontend(pages):
    """Ask the configured CDN to drop what shows ``pages`` (a background task)."""
    if not frontend_cache_configured() or not pages:
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(sorted(frontend_urls(pages)))
    except Exception:
        logger.error("CDN purge could not be queued", exc_info=True)


def purge_everything(pages=()):
    """A change that shows on public pages: the shared cache now, the CDN for ``pages``."""
    purge_pages()
    purge_frontend([page for page in pages if page is not None])
