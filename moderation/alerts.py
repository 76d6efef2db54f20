"""Site-wide alerts: one cached query for every public page."""

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

CACHE_KEY = "moderation:alerts"
CACHE_SECONDS = 300
DISMISS_COOKIE = "dismissed_alerts"


def clear_alert_cache():
    cache.delete(CACHE_KEY)


def current_and_coming_alerts():
    """Alerts that have not ended, from the cache (one query when it is cold).

    Start and end are checked on every request, so an alert appears and
    disappears on time even while the list is cached.
    """
    alerts = cache.get(CACHE_KEY)
    if alerts is None:
        from .models import AlertBanner

        now = timezone.now()
        alerts = list(
            AlertBanner.objects.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now)).order_by(
                "starts_at"
            )
        )
        cache.set(CACHE_KEY, alerts, CACHE_SECONDS)
    return alerts


def dismissed_keys(request):
    return set(request.COOKIES.get(DISMISS_COOKIE, "").split("."))


def alerts_for(request):
    now = timezone.now()
    dismissed = dismissed_keys(request) if request is not None else set()
    severity = {"emergency": 0, "warning": 1, "information": 2}
    showing = [
        alert
        for alert in current_and_coming_alerts()
        if alert.is_showing(now) and alert.dismiss_key not in dismissed
    ]
    return sorted(showing, key=lambda alert: severity.get(alert.level, 3))
