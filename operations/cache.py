"""A Redis cache that the site survives losing.

With Redis down or slow every cache read is a miss and every write is
dropped, so pages are built from the database instead of failing. The first
failure opens a breaker: for RETRY_SECONDS the cache is not tried at all (a
slow Redis would otherwise cost its timeout on every call), then one ping
decides whether it is back. Going down and coming back are each logged once
per process, not once per request.
"""

import logging
import sys
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from django_redis.cache import RedisCache
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted

logger = logging.getLogger(__name__)

RETRY_SECONDS = 30


def _without_password(location):
    parts = urlsplit(location)
    if parts.password:
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        parts = parts._replace(netloc=f"{parts.username or ''}:***@{host}")
    return urlunsplit(parts)


class _Breaker:
    """Whether a Redis server is usable, shared by every thread of the process."""

    def __init__(self, location):
        self.location = _without_password(location)
        self.down_until = 0.0
        self.down = False
        self.lock = threading.Lock()

    def trip(self, error):
        with self.lock:
            self.down_until = time.monotonic() + RETRY_SECONDS
            if self.down:
                return
            self.down = True
        logger.warning(
            "Cache %s unavailable (%s): serving without it, retrying every %ss",
            self.location,
            error,
            RETRY_SECONDS,
        )

    def recovered(self):
        with self.lock:
            was_down, self.down, self.down_until = self.down, False, 0.0
        if was_down:
            logger.warning("Cache %s reachable again", self.location)

    def open(self):
        return self.down and time.monotonic() < self.down_until


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location):
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker(location))


class ResilientClient(DefaultClient):
    """django-redis's client, refusing at once while the breaker is open."""

    def _breaker(self):
        return breaker_for(",".join(self._server))

    def _checked(self, client):
        breaker = self._breaker()
        if breaker.open():
            raise ConnectionInterrupted(connection=client)
        if breaker.down:
            # The retry interval is over: one ping decides.
            try:
                client.ping()
            except Exception as error:  # noqa: BLE001 - any failure keeps it down
                breaker.trip(error)
                raise ConnectionInterrupted(connection=client) from error
            breaker.recovered()
        return client

    def get_client(self, write=True, tried=None):
        return self._checked(super().get_client(write=write, tried=tried))

    def get_client_with_index(self, write=True, tried=None):
        client, index = super().get_client_with_index(write=write, tried=tried)
        return self._checked(client), index


class _OutageLog:
    """Stands in for django-redis's logger of ignored errors: instead of a
    traceback per call, it opens the breaker, which logs once."""

    def __init__(self, breaker):
        self.breaker = breaker

    def exception(self, *args, **kwargs):
        error = sys.exc_info()[1]
        cause = getattr(error, "__cause__", None) or error
        if cause is not None and not self.breaker.open():
            self.breaker.trip(f"{type(cause).__name__}: {cause}")


class ResilientRedisCache(RedisCache):
    """CACHES backend: django-redis whose failures are misses, logged once."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        options.setdefault("CLIENT_CLASS", "operations.cache.ResilientClient")
        options["IGNORE_EXCEPTIONS"] = True
        super().__init__(server, {**params, "OPTIONS": options})
        location = server if isinstance(server, str) else ",".join(server)
        self._log_ignored_exceptions = True
        self.logger = _OutageLog(breaker_for(location))
