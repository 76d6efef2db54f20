#!/usr/bin/env python
"""Time the search page and the group directory against the configured database.

Not a test: it reports how long pages take on the data you point it at, so the
figures in docs/performance.md can be reproduced. Build a benchmark town first:

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py demo_content --scale 40
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python scripts/benchmark_search.py

(and the same with a postgres:// DATABASE_URL). Each address is requested
once to warm caches (and make image renditions), then ``--runs`` times, in
process through Django's test client: the whole middleware, view and
template stack, without the network. Prints p50 and p95 in milliseconds and
the SQL queries of one warm request (a new search also records itself: a
few more queries the first time per day).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "noticeboard.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from groups.models import GroupPage  # noqa: E402

SEARCHES = [
    "/search/?query=repair",
    "/search/?query=coffee",
    "/search/?query=English",
    "/search/?query=Westfield",
    "/search/?query=warm+space",
    "/search/?query=food+bank",
    "/search/?query=something+for+my+mum+who+is+lonely",
    "/search/?query=food&type=event&upcoming=1",
    "/search/?query=food&topic=food&area=town-centre",
    "/search/?query=coffee&page=2",
    "/search/autocomplete/?q=rep",
]
DIRECTORY = [
    "",
    "?page=2",
    "?order=updated",
    "?kind=informal&volunteers=1",
    "?kind=informal&volunteers=1&order=near&near=westfield",
    "?topic=food&area=town-centre",
    "?order=near&lat=52.704&lng=-1.418",
    "?access=step-free&language=pl&online=1",
]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def measure(client, url, runs):
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    response = client.get(url)  # warm up: renditions, site root paths, caches
    assert response.status_code == 200, (url, response.status_code)
    with connection.execute_wrapper(count):
        client.get(url)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return timings, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="requests per address")
    args = parser.parse_args()

    client = Client()
    index = GroupPage.objects.live().first().get_parent()
    directory = [index.url + params for params in DIRECTORY]
    vendor = connection.vendor
    print(f"Database: {vendor}; groups: {GroupPage.objects.live().count()}; runs: {args.runs}")
    print()
    print("| page | address | p50 ms | p95 ms | queries |")
    print("| --- | --- | ---: | ---: | ---: |")
    summary = {}
    for label, urls in [("search", SEARCHES), ("directory", directory)]:
        everything = []
        for url in urls:
            timings, queries = measure(client, url, args.runs)
            everything.extend(timings)
            print(
                f"| {label} | `{url}` | {statistics.median(timings):.0f} "
                f"| {percentile(timings, 0.95):.0f} | {queries} |"
            )
        summary[label] = everything
    print()
    for label, timings in summary.items():
        print(
            f"{label}, all addresses: p50 {statistics.median(timings):.0f} ms, "
            f"p95 {percentile(timings, 0.95):.0f} ms ({len(timings)} requests)"
        )


if __name__ == "__main__":
    main()
