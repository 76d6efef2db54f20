"""What the logs and error reports say: a request id on every line, one line
per request, JSON when LOG_FORMAT=json, and no e-mail address of anyone.

Residents give their e-mail address on the public forms; it must not end up
in a log file or an error report, whoever writes the line (Wagtail logs the
recipient of a failed notification, for instance), so addresses are masked
by a filter on every handler rather than by care at each call.
"""

import contextvars
import logging
import re
import time
import uuid

from noticeboard.client_address import client_ip

request_id_var = contextvars.ContextVar("request_id", default="-")

# Accepted from the proxy in front, so one id follows a request through both
# logs; anything else is replaced by our own.
_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
MASK = "[e-mail]"

request_logger = logging.getLogger("noticeboard.request")


def mask_emails(text):
    return EMAIL.sub(MASK, text) if "@" in text else text


class MaskEmailsFilter(logging.Filter):
    """Rewrites each record with e-mail addresses masked (message, arguments, traceback)."""

    def filter(self, record):
        message = record.getMessage()
        masked = mask_emails(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and "@" in (text := self._exception_text(record)):
            record.exc_text = mask_emails(text)
        return True

    @staticmethod
    def _exception_text(record):
        if not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        return record.exc_text


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request)."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class RequestIdMiddleware:
    """Gives each request an id (the proxy's X-Request-ID if it sent a sane
    one), returns it in X-Request-ID, and logs one line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "client_ip": client_ip(request),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


def init_sentry(dsn, environment="", release="", traces_sample_rate=0.0):
    """Error reports to Sentry, without personal data (no addresses, cookies, bodies)."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    def scrub(event, hint):
        return _mask_deep(event)

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=scrub,
        before_breadcrumb=lambda crumb, hint: _mask_deep(crumb),
    )


def _mask_deep(value):
    if isinstance(value, str):
        return mask_emails(value)
    if isinstance(value, dict):
        return {key: _mask_deep(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_mask_deep(item) for item in value]
    return value
