"""The address of the person making a request, behind trusted proxies.

Each proxy in front of the application appends the address it received the
request from to ``X-Forwarded-For``. With ``TRUSTED_PROXY_COUNT`` proxies, the
entry that many places from the right is the one the first trusted proxy
saw: the client. Anything further left was written by the client and may be
forged, so it is never used. With no trusted proxy (the default), the header
is ignored and the socket's address is the client.

The login lockout (django-axes, ``AXES_CLIENT_IP_CALLABLE``), the rate limits
of the public forms and of password reset, and the logs all use this one
function, so they agree on who a visitor is.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address as a string ('' if there is none)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            # Fewer entries than proxies: the leftmost is the furthest hop we have.
            candidate = forwarded[-count] if len(forwarded) >= count else forwarded[0]
            address = _valid(candidate)
            if address:
                return address
    return _valid(remote) or remote


def ratelimit_key(group, request):
    """django-ratelimit's key function: one count per client address."""
    return client_ip(request)
