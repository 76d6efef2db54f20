"""Response times of what's on, an event page and a feed (not a test).

Build a large demo first, into a scratch database:

    export DATABASE_URL=sqlite:////tmp/bench.sqlite3
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py demo_content --scale 40 --skip-index
    .venv/bin/python scripts/benchmark_whats_on.py --runs 30

Requests go through Django's test client (no network, no web server), with
the cache cleared before each request so every one is built from the
database: the figures are the cost of the page itself. Reports p50 and p95
in milliseconds and the SQL queries per request.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noticeboard.settings.dev")


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from events.models import EventIndexPage, EventOccurrence, EventPage
    from groups.models import GroupPage

    settings.ALLOWED_HOSTS = ["*"]
    whats_on = EventIndexPage.objects.live().first()
    event = (
        EventPage.objects.live().exclude(recurrence="").order_by("pk").first()
        or EventPage.objects.live().first()
    )
    group = GroupPage.objects.live().filter(events__isnull=False).first()
    urls = {
        "what's on": whats_on.url,
        "what's on, filtered": whats_on.url
        + "?when=month&topic=food&free=on&access=step-free&mode=in-person",
        "what's on, page 5": whats_on.url + "?page=5",
        "event page": event.url,
        "group feed": f"/calendar/group/{group.slug}.ics",
        "site feed": "/calendar/whats-on.ics",
    }
    client = Client()
    print(
        f"{GroupPage.objects.count()} groups, {EventPage.objects.live().count()} live events, "
        f"{EventOccurrence.objects.count()} occurrences; {connection.vendor}; "
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {arguments.runs} runs each, cache cleared each time"
    )
    print(f"{'page':24} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'bytes':>10}")
    for name, url in urls.items():
        timings = []
        for _ in range(arguments.runs):
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        print(
            f"{name:24} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f} "
            f"{len(queries):8d} {len(response.content):10d}"
        )


if __name__ == "__main__":
    main()
