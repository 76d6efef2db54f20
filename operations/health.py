"""``/health/`` (the process answers) and ``/ready/`` (it can serve: database,
cache and storage reachable).

Answered by a middleware at the top of the stack, before host validation,
the HTTPS redirect, sessions and the page cache: a load balancer or container
engine probes the instance by its own address, over plain HTTP, and must get
an answer about this process, never a cached page or a redirect.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)

PROBE_KEY = "operations:ready-probe"


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    # django-redis (operations.cache) turns failures into misses, so a write
    # and a read-back is what tells whether the cache is really there.
    value = str(time.time())
    cache.set(PROBE_KEY, value, 30)
    if cache.get(PROBE_KEY) != value:
        raise ConnectionError("the cache did not keep a value")


def check_storage():
    # A lookup of a name that need not exist: a round trip to the bucket (or
    # the media folder) without writing anything.
    default_storage.exists("ready-probe")


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage}


def readiness():
    """({part: "ok" or what failed}, all ok?) for the parts in READY_CHECKS."""
    results = {}
    for name in settings.READY_CHECKS:
        try:
            CHECKS[name]()
        except Exception as error:  # noqa: BLE001 - any failure means not ready
            logger.warning("Readiness check %s failed: %s: %s", name, type(error).__name__, error)
            results[name] = f"failed: {type(error).__name__}"
        else:
            results[name] = "ok"
    return results, all(value == "ok" for value in results.values())


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/health/":
            return _no_store(JsonResponse({"status": "ok"}))
        if request.path == "/ready/":
            results, ready = readiness()
            if not ready:
                # The connection may be the broken part; do not keep it.
                connection.close_if_unusable_or_obsolete()
            return _no_store(
                JsonResponse(
                    {"status": "ok" if ready else "unavailable", "checks": results},
                    status=200 if ready else 503,
                )
            )
        return self.get_response(request)
