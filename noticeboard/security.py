"""Response headers a security reviewer expects, and the password-reset limit.

Two Content-Security-Policies: the public site's is strict (scripts only
from this host or carrying the response's nonce: the JSON-LD block takes
``request.csp_nonce``), and nothing is loaded from another host but uploaded
media when it lives on object storage. The Wagtail admin's own templates
carry inline scripts (date pickers, inline panels, wagtail-localize's
editor), so it gets a second policy that allows them but still loads
nothing from other hosts and cannot be framed by another site.

Every response also gets a Permissions-Policy and a
Cross-Origin-Resource-Policy; Django's SecurityMiddleware adds
X-Content-Type-Options, Referrer-Policy, Cross-Origin-Opener-Policy and HSTS
(settings). docs/security.md lists them and the test that measures them.
"""

from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.datastructures import MultiValueDictKeyError
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import get_usage

from .client_address import ratelimit_key


def media_origins():
    """Other hosts uploaded media is served from (object storage, a CDN)."""
    origins = []
    for address in (
        settings.MEDIA_URL,
        getattr(settings, "AWS_S3_CUSTOM_DOMAIN", None)
        and f"https://{settings.AWS_S3_CUSTOM_DOMAIN}",
        getattr(settings, "AWS_S3_ENDPOINT_URL", None),
    ):
        if address and "://" in address:
            parts = urlsplit(address)
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins


def public_policy():
    media = media_origins()
    return {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        # Styles may be inline (style attributes in a few templates); scripts never.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", *media],
        "media-src": [SELF, *media],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }


def admin_policy():
    media = media_origins()
    return {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *media],
        "media-src": [SELF, *media],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }


def is_admin(request):
    return request.path_info.startswith("/admin/")


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware choosing the public or the admin policy, plus
    the headers django-csp and Django do not set."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None:
            parts.config = admin_policy() if is_admin(request) else public_policy()
        return PolicyParts(parts.config, parts.update, parts.replace, parts.nonce)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


# Request bodies are read as UTF-8 (or its ASCII subset, or Latin-1 from old
# clients); anything else, UTF-7 above all, could smuggle markup past escaping.
ACCEPTED_CHARSETS = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1"}


class HostileRequestMiddleware:
    """A clear 4xx, not a 500, for requests no form of ours sends: a body in
    another character set (415), or a form with fields missing that Wagtail
    reads without checking, such as a StreamField POST without its keys (400)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        charset = request.content_params.get("charset") if request.content_type else None
        if charset and charset.strip().lower() not in ACCEPTED_CHARSETS:
            return HttpResponse(
                "Unsupported character set: send the form as UTF-8.",
                status=415,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method == "POST" and isinstance(exception, MultiValueDictKeyError):
            return HttpResponseBadRequest(
                "The form was incomplete: some of its fields are missing. Reload it and try again.",
                content_type="text/plain; charset=utf-8",
            )
        return None


def password_reset_limited(request):
    """True when this address has asked for too many password resets."""
    usage = get_usage(
        request,
        group="noticeboard.password_reset",
        key=ratelimit_key,
        rate=settings.NOTICEBOARD_PASSWORD_RESET_RATE,
        increment=request.method == "POST",
    )
    return bool(usage and usage["should_limit"])


def rate_limited_password_reset(view):
    """Wagtail's password-reset view, answering 429 once an address has
    asked too often (each request may send an e-mail to someone)."""

    @require_http_methods(["GET", "POST"])
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and password_reset_limited(request):
            return render(request, "security/too_many_requests.html", status=429)
        return view(request, *args, **kwargs)

    return wrapped
