"""The visitor's own address, behind the proxies the site trusts.

Behind a load balancer REMOTE_ADDR is the balancer, so every visitor would
share one rate limit and one line in the logs. Each trusted proxy appends the
address it received the request from to X-Forwarded-For; with
TRUSTED_PROXY_COUNT proxies in front, the visitor is the address that many
places from the right. Anything further left was written by the client and
can be forged, so it is never used.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address as a string (REMOTE_ADDR with no trusted proxy)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    # The proxy nearest to us appended its own peer, so with N proxies the
    # visitor is the N-th hop from the right.
    if len(hops) < count:
        # Fewer hops than trusted proxies: the request did not come through
        # all of them, so no hop can be trusted; the direct peer is all we know.
        return remote
    return _valid(hops[-count]) or remote
