"""Compressed public responses: HTML, feeds and JSON, gzip where the client accepts it.

Only what anyone may read is compressed. A response that carries a secret
(a CSRF token in a form, anything for a logged-in user) is left as it is, so
the BREACH attack (guessing a secret from compressed sizes) has nothing to
measure. Static files are whitenoise's, compressed ahead of time.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = (
    "text/html",
    "text/calendar",
    "application/rss+xml",
    "application/xml",
    "application/json",
    "text/xml",
    "text/plain",
)


def carries_secrets(request, response):
    if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
        return True
    return "private" in response.get("Cache-Control", "")


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type not in COMPRESSED_TYPES or carries_secrets(request, response):
            return response
        return super().process_response(request, response)
