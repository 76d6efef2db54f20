"""The benchmark behind docs/performance.md: `make bench` (or scripts/bench.py --help).

Builds the demo town at ``--scale`` into a database (an SQLite file, or
DATABASE_URL) unless it is there already, serves it with gunicorn and the
production settings, and measures each page three times: *cold*, built for
the request (a query parameter no page reads makes each address new to the
page cache; what every page shows of the site is built already, as on a busy
site), *cached*, the same address again, and *after a change*, the page built
with the page cache's version raised before every request, as a publish does
(so the site-wide parts are built again too; needs Redis). For each it prints the CPU
milliseconds the gunicorn workers spent per request (from /proc, so Linux
only), requests per second with one client per worker, the SQL-free 304 of the
site feed, and the response size, next to a *floor*: a bare Django view
returning 32 KB through the same middleware, measured in the same run. The
admin pages (the page explorer of the groups index, the dashboard, and
"Translations to do") are measured logged in as the demo administrator, so
never cached.

It uses Redis database 5 on 127.0.0.1:6379 as the shared cache when it
answers (set BENCH_REDIS_URL to choose another), otherwise each worker keeps
its own local-memory cache.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TICKS = os.sysconf("SC_CLK_TCK")

# (name, address); "{group}", "{event}" and "{news_item}" are filled in from
# the database (see SAMPLE).
PAGES = [
    ("home", "/"),
    ("what's on", "/whats-on/"),
    ("what's on, filtered", "/whats-on/?when=month&topic=food"),
    ("directory", "/groups/"),
    ("group", "{group}"),
    ("event (repeating)", "{event}"),
    ("search, a common word", "/search/?query=coffee"),
    ("search, two words", "/search/?query=food+bank"),
    ("news", "/news/"),
    ("news item", "{news_item}"),
    ("home, Urdu", "/ur/"),
    ("site .ics", "/calendar/whats-on.ics"),
    ("news feed", "/news/feed/"),
]
# Logged in as the demo administrator: built for every request.
ADMIN_PAGES = [
    ("admin: groups index explorer", "/admin/pages/{groups_index}/"),
    ("admin: dashboard", "/admin/"),
    ("admin: Translations to do", "/admin/translations/to-do/"),
]

ANALYZE = """
from django.db import connection
if connection.vendor == "postgresql":
    connection.cursor().execute("ANALYZE")
"""

# Prints the sample pages' addresses and a session of the demo administrator.
SAMPLE = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from events.models import EventPage
from groups.models import GroupIndexPage, GroupPage
from news.models import NewsPage
english = {"locale__language_code": settings.LANGUAGE_CODE}
group = GroupPage.objects.live().filter(**english).order_by("path")[3]
event = (EventPage.objects.live().filter(**english).exclude(repeat="").order_by("path").first()
         or EventPage.objects.live().filter(**english).order_by("path").first())
news_item = NewsPage.objects.live().filter(**english).order_by("path").first()
user = get_user_model().objects.get(username="admin")
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({
    "group": group.url, "event": event.url, "news_item": news_item.url,
    "groups_index": GroupIndexPage.objects.filter(**english).get().pk,
    "session": session.session_key,
}))
"""


def run(args, env, **kwargs):
    subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def redis_url():
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return url
    except OSError:
        return None


def build(env, scale, languages):
    """Migrate and build the demo unless the database has it already."""
    run([PY, "manage.py", "migrate", "--no-input", "-v0"], env)
    probe = subprocess.run(
        [PY, "manage.py", "shell", "-c", "from groups.models import GroupPage; "
         "print(GroupPage.objects.count())"],  # fmt: skip
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    if int((probe.stdout.split() or ["0"])[-1]) == 0:
        started = time.monotonic()
        run([PY, "manage.py", "demo_content", "--scale", str(scale), "-v0"], env)
        if languages:
            run([PY, "manage.py", "sync_locales"], env, stdout=subprocess.DEVNULL)
        print(f"built the demo at scale {scale} in {time.monotonic() - started:.0f} s")
        # As autovacuum would soon after: PostgreSQL plans with statistics.
        run([PY, "manage.py", "shell", "-c", ANALYZE], env)


def children(pid):
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def fetch(base, path, headers=None):
    request = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            # Sent elsewhere (the admin's login page): not the page asked for.
            moved = urllib.parse.urlsplit(response.url).path != urllib.parse.urlsplit(path).path
            return 302 if moved else response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def measure(base, server, path, count, unique, headers=None, before_each=None):
    """(CPU ms per request, requests per second, bytes, status, failed requests);
    ``before_each()`` runs (in this process) before every request."""
    workers = children(server.pid)
    # Warm every worker, not one: a worker's first request for a screen
    # compiles its templates and fills Wagtail's per-site caches, a one-off
    # cost that would otherwise land in the figure for whichever worker missed
    # the warm-up. Sync workers take one request each at a time, so as many
    # requests at once as there are workers reach every worker.
    warm = [None] * len(workers)

    def warm_up(n):
        warm[n] = fetch(base, path, headers)

    warmers = [threading.Thread(target=warm_up, args=(n,)) for n in range(len(workers))]
    for thread in warmers:
        thread.start()
    for thread in warmers:
        thread.join()
    status, body, _headers = warm[0]
    counter = iter(range(10**9))
    lock = threading.Lock()

    def address():
        if not unique:
            return path
        with lock:
            n = next(counter)
        return f"{path}{'&' if '?' in path else '?'}_bench={time.time_ns()}-{n}"

    failures = []

    def client(n):
        for _ in range(n):
            if before_each is not None:
                before_each()
            code = fetch(base, address(), headers)[0]
            if code >= 400:
                failures.append(code)

    per_client = max(1, count // len(workers))
    before = cpu_seconds(workers)
    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(per_client,)) for _ in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    used = cpu_seconds(workers) - before
    if sorted(children(server.pid)) != sorted(workers):
        failures.append("a worker was restarted")  # its CPU time is lost: the figure is wrong
    done = per_client * len(workers)
    return used * 1000 / done, done / elapsed, len(body), status, len(failures)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10, help="demo scale (40: 1,000 groups)")
    parser.add_argument("--requests", type=int, default=40, help="requests per measurement")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument(
        "--only", default="", help="measure only the pages whose name has one of these (a,b,…)"
    )
    parser.add_argument("--build-only", action="store_true", help="build the demo, measure nothing")
    parser.add_argument("--languages", action="store_true", help="also sync_locales (slow)")
    options = parser.parse_args()
    wanted = options.only.split(",")

    def chosen(name):
        return any(part in name for part in wanted)

    database = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{tempfile.gettempdir()}/noticeboard-bench-{options.scale}.sqlite3"
    )
    static_root = tempfile.mkdtemp(prefix="noticeboard-bench-static-")
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_SETTINGS_MODULE": "noticeboard.settings.production",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "STATIC_ROOT": static_root,
        # The demo administrator has no authenticator app.
        "REQUIRE_2FA": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'scripts'}",
    }
    cache = redis_url()
    if cache:
        env["REDIS_URL"] = cache
        import redis

        # What a publish does to the page cache (home/pagecache.py): the next
        # page every worker builds is the first after a change.
        shared = redis.Redis.from_url(cache)

        def a_change():
            shared.incr(":1:pagecache:version")
    else:
        a_change = None
    build(env, options.scale, options.languages)
    if options.build_only:
        return
    run([PY, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    if cache:
        run([PY, "-c", f"import redis; redis.Redis.from_url({cache!r}).flushdb()"], env)
    sample = subprocess.run(
        [PY, "manage.py", "shell", "-c", SAMPLE],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    sample = json.loads(sample.stdout.strip().splitlines()[-1])
    admin_headers = {"Cookie": f"sessionid={sample.pop('session')}"}

    env["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "noticeboard.wsgi", "--bind", f"127.0.0.1:{options.port}",
         "--workers", str(options.workers), "--log-level", "warning",
         # gunicorn.conf.py recycles a worker after about 2,000 requests: one
         # recycled while measured would lose its CPU time and a request.
         "--timeout", "300", "--max-requests", "0"],  # fmt: skip
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{options.port}"
    try:
        for _ in range(100):
            try:
                fetch(base, "/__floor__/")
                break
            except OSError:
                time.sleep(0.2)
        workers = children(server.pid)
        rows = []
        floor = measure(base, server, "/__floor__/", options.requests * 4, unique=False)
        rows.append(("floor (bare Django view, 32 KB)", floor, None, None))
        for name, path in PAGES:
            if not chosen(name):
                continue
            path = path.format(**sample)
            cold = measure(base, server, path, options.requests, unique=True)
            cached = measure(base, server, path, options.requests * 4, unique=False)
            changed = a_change and measure(
                base, server, path, options.requests, unique=False, before_each=a_change
            )
            rows.append((name, cold, cached, changed))
        if chosen("site .ics, unchanged (304)"):
            status, _body, headers = fetch(base, "/calendar/whats-on.ics")
            etag = headers.get("ETag", "")
            poll = measure(
                base, server, "/calendar/whats-on.ics", options.requests * 4, unique=False,
                headers={"If-None-Match": etag},
            )  # fmt: skip
            rows.append(("site .ics, unchanged (304)", poll, None, None))
        for name, path in ADMIN_PAGES:
            if not chosen(name):
                continue
            path = path.format(**sample)
            count = max(len(workers), options.requests // 4)
            rows.append(
                (name, measure(base, server, path, count, False, admin_headers), None, None)
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)

    engine = "PostgreSQL" if database.startswith("postgres") else "SQLite"
    print()
    print(
        f"{datetime.date.today().isoformat()}, {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} CPUs, {platform.python_implementation()} {platform.python_version()}, "
        f"{engine}, scale {options.scale}, {options.workers} gunicorn workers, "
        f"cache {'Redis' if cache else 'local memory per worker'}"
    )
    print()
    print("| page | cold: CPU ms/request | cold: req/s | cached: CPU ms/request | cached: req/s "
          "| after a change: CPU ms/request | KB | status | errors |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, cold, cached, changed in rows:
        cells = [f"{cold[0]:.1f}", f"{cold[1]:.0f}"]
        cells += [f"{cached[0]:.1f}", f"{cached[1]:.0f}"] if cached else ["", ""]
        cells += [f"{changed[0]:.1f}"] if changed else [""]
        errors = cold[4] + (cached[4] if cached else 0) + (changed[4] if changed else 0)
        cells += [f"{cold[2] / 1024:.0f}", str(cold[3]), str(errors)]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
