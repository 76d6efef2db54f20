"""The topology test: the site as it runs on several servers, as processes.

    .venv/bin/python scripts/topology_test.py        (from .ci/run)

Starts, all on loopback:
  - a PostgreSQL database of its own (TOPOLOGY_DATABASE, on the local server);
  - a private Redis server (so that it can be stopped without harming others);
  - moto in server mode as the S3-compatible media store;
  - two gunicorn instances, A and B, with the production settings;
  - the background worker (db_worker) and two schedulers (run_scheduler);
  - later, a small SMTP server (scripts/smtp_sink.py), and a third gunicorn
    whose database is unreachable.

and checks what several servers must get right:
  1. two schedulers started together publish a scheduled page once;
  2. a session opened on A works on B;
  3. a page published through A's admin is at once on B: the page, the news
     listing, the feed; search and suggestions as soon as the worker has
     indexed it (a few seconds at most); made private by another process,
     B lists it no more at once, and again once it is public;
  4. an image uploaded through A is shown by B, from the shared store;
  5. a suggestion sent while mail is down is answered at once, and its
     e-mail is delivered, once, after mail comes back;
  6. the visitor's address behind a proxy reaches the logs (TRUSTED_PROXY_COUNT);
  7. with Redis stopped, pages still answer 200 and /ready/ names the cache;
  8. /ready/ names the database when it cannot be reached (a third instance
     pointed at a closed port: stopping the shared PostgreSQL server is not an
     option on a shared machine, and it is the same failure seen from the app).

Everything it starts is stopped at the end, and its database dropped, whatever
happened; every wait is bounded. Ports: TOPOLOGY_PORTS (default 8140-8146).
"""

import contextlib
import email
import http.cookiejar
import io
import json
import os
import re
import secrets
import shutil
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG = os.environ.get("TOPOLOGY_PG", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("TOPOLOGY_DATABASE", "nb_topology")
FIRST_PORT = int(os.environ.get("TOPOLOGY_PORTS", "8140"))
PORT_A, PORT_B, PORT_S3, PORT_SMTP, PORT_REDIS, PORT_C, PORT_CLOSED = range(
    FIRST_PORT, FIRST_PORT + 7
)
BUCKET = "noticeboard-topology"
ADMIN = ("topology", secrets.token_urlsafe(12))
# A word no other page has, letters only (so every search backend sees one word).
WORD = "Zephyrine" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(6))

TMP = Path(tempfile.mkdtemp(prefix="nb-topology-"))
PROCESSES = {}
STARTED = time.monotonic()


def say(message):
    print(f"[{time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)
    say(f"ok: {message}")


def wait_for(what, probe, timeout=30.0, every=0.25):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = probe()
        except Exception as error:  # noqa: BLE001 - retried until the deadline
            result, last = None, error
        else:
            last = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout:.0f}s waiting for {what} ({last})")
        time.sleep(every)


# --- processes ---------------------------------------------------------------


def start(name, argv, env=None):
    log = open(TMP / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop()
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    PROCESSES[name] = (process, log)
    say(f"started {name} (pid {process.pid})")
    return process


def stop(name):
    process, log = PROCESSES.pop(name)
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    log.close()
    say(f"stopped {name}")


def log_of(name):
    return (TMP / f"{name}.log").read_text(errors="replace")


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def require_free(*ports):
    busy = [port for port in ports if port_open(port)]
    if busy:
        raise Failure(f"ports in use: {busy} (set TOPOLOGY_PORTS to another range)")


def manage(env, *args, input=None):
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode:
        raise Failure(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


# --- the database ------------------------------------------------------------


def sql(query, *params, database=DATABASE):
    import psycopg

    with psycopg.connect(f"{PG}/{database}", autocommit=True, connect_timeout=5) as conn:
        cursor = conn.execute(query, params)
        return cursor.fetchall() if cursor.description else None


def recreate_database():
    sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)', database="postgres")
    sql(f'CREATE DATABASE "{DATABASE}"', database="postgres")


def drop_database():
    with contextlib.suppress(Exception):
        sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)', database="postgres")


# --- HTTP --------------------------------------------------------------------


class Browser:
    """One visitor: cookies kept, redirects not followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect
        )

    def request(self, url, data=None, headers=None, content_type=None):
        headers = dict(headers or {})
        if isinstance(data, dict):
            data = urllib.parse.urlencode(data, doseq=True).encode()
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def get(self, url, **kwargs):
        return self.request(url, **kwargs)

    def csrf(self, url):
        status, _, body = self.get(url)
        if status != 200:
            raise Failure(f"GET {url}: {status}")
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if not match:
            raise Failure(f"no CSRF token in {url}")
        return match.group(1).decode(), body.decode()


def text(base, path, browser=None):
    status, _, body = (browser or Browser()).get(base + path)
    return status, body.decode(errors="replace")


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(f"{value}\r\n".encode())
    for name, (filename, content, mimetype) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {mimetype}\r\n\r\n'.encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


# --- the topology ------------------------------------------------------------

SETUP = """
import datetime, json
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site
from events.models import EventIndexPage
from home.models import StandardPage
from news.models import NewsIndexPage, NewsPage

home = Site.objects.get(is_default_site=True).root_page.specific
news = home.add_child(instance=NewsIndexPage(title="News", slug="news"))
news.save_revision().publish()
whats_on = home.add_child(instance=EventIndexPage(title="What's on", slug="whats-on"))
whats_on.save_revision().publish()
get_user_model().objects.create_superuser("{user}", "{user}@example.org", "{password}")

draft = news.add_child(instance=NewsPage(
    title="{word} fair on the green", slug="{slug}",
    summary="Stalls, music and {word} cake.", live=False))
draft.save_revision()

# Scheduled, and already due: the schedulers race for it when they start.
later = home.add_child(instance=StandardPage(title="Scheduled page", slug="scheduled", live=False))
later.go_live_at = timezone.now() + datetime.timedelta(hours=1)
revision = later.save_revision()
revision.publish()
past = timezone.now() - datetime.timedelta(seconds=1)
revision.content["go_live_at"] = past.isoformat()
revision.approved_go_live_at = past
revision.save()
print(json.dumps({{"draft": draft.pk, "scheduled": later.pk}}))
"""


def environment():
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(TMP),
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "noticeboard.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{PORT_A}",
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "REDIS_URL": f"redis://127.0.0.1:{PORT_REDIS}/4",
        "CACHE_KEY_PREFIX": "topology",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{PORT_S3}",
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "topology",
        "AWS_SECRET_ACCESS_KEY": "topology",
        "TASKS_BACKEND": "database",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(PORT_SMTP),
        "EMAIL_TIMEOUT": "5",
        "DEFAULT_FROM_EMAIL": "Noticeboard <noreply@topology.example>",
        "MAIL_RETRY_SECONDS": "2",
        "TRUSTED_PROXY_COUNT": "1",
        "LOG_FORMAT": "json",
        "STATIC_ROOT": str(TMP / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "WEB_CONCURRENCY": "2",
        # Two-factor sign-in is the security tests' subject; here the admin
        # login only opens a session to carry from A to B.
        "REQUIRE_2FA": "false",
    }


def start_redis():
    start(
        "redis",
        ["redis-server", "--port", str(PORT_REDIS), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(TMP)],
    )
    wait_for("Redis", lambda: port_open(PORT_REDIS), 15)


def start_s3():
    start("s3", [PY, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(PORT_S3)])
    wait_for("the S3 server", lambda: port_open(PORT_S3), 30)
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{PORT_S3}",
        region_name="us-east-1",
        aws_access_key_id="topology",
        aws_secret_access_key="topology",
    )
    s3.create_bucket(Bucket=BUCKET)
    # Images readable by anyone; documents not (docs/operations.md).
    public = [f"arn:aws:s3:::{BUCKET}/images/*", f"arn:aws:s3:::{BUCKET}/original_images/*"]
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": public}
        ],
    }
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))
    return s3


def gunicorn(name, port, env):
    start(name, [PY, "-m", "gunicorn", "noticeboard.wsgi", "--bind", f"127.0.0.1:{port}"], env)


def healthy(port):
    status, _, _ = Browser().get(f"http://127.0.0.1:{port}/health/")
    return status == 200


def ready(port):
    status, _, body = Browser().get(f"http://127.0.0.1:{port}/ready/")
    return status, json.loads(body)


def login(browser, base):
    token, _ = browser.csrf(base + "/admin/login/")
    status, headers, body = browser.request(
        base + "/admin/login/",
        {"csrfmiddlewaretoken": token, "username": ADMIN[0], "password": ADMIN[1], "next": ""},
    )
    if status != 302:
        raise Failure(f"login on {base} answered {status}: {body[:500]!r}")


def run():
    require_free(PORT_A, PORT_B, PORT_S3, PORT_SMTP, PORT_REDIS, PORT_C, PORT_CLOSED)
    env = environment()
    A, B = f"http://127.0.0.1:{PORT_A}", f"http://127.0.0.1:{PORT_B}"

    start_redis()
    s3 = start_s3()
    recreate_database()
    say("migrating and collecting static files")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "sync_locales")
    # Setup runs its tasks at once, so the worker starts with an empty queue.
    setup = SETUP.format(user=ADMIN[0], password=ADMIN[1], word=WORD, slug=WORD.lower())
    ids = json.loads(
        manage({**env, "TASKS_BACKEND": "immediate"}, "shell", "-c", setup).splitlines()[-1]
    )

    gunicorn("app-a", PORT_A, env)
    gunicorn("app-b", PORT_B, env)
    start("worker", [PY, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"], env)
    for name in ("scheduler-1", "scheduler-2"):
        start(name, [PY, "manage.py", "run_scheduler", "--interval", "1"], env)
    wait_for("A and B to answer /health/", lambda: healthy(PORT_A) and healthy(PORT_B), 60)
    check(
        ready(PORT_A)
        == (200, {"status": "ok", "checks": {"database": "ok", "cache": "ok", "storage": "ok"}}),
        "/ready/ on A: all parts ok",
    )

    # 1. Two schedulers, one publish.
    def scheduled_live():
        return sql("SELECT live FROM wagtailcore_page WHERE id = %s", ids["scheduled"])[0][0]

    wait_for("the scheduled page to go live", scheduled_live, 60)
    time.sleep(3)  # give the second scheduler every chance to do it again
    publishes = sql(
        "SELECT count(*) FROM wagtailcore_pagelogentry WHERE page_id = %s AND action = %s",
        ids["scheduled"],
        "wagtail.publish.scheduled",
    )[0][0]
    check(publishes == 1, f"two schedulers published the scheduled page once ({publishes})")
    check(text(B, "/scheduled/")[0] == 200, "the scheduled page is served by B")

    # 2. A session opened on A works on B.
    editor = Browser()
    login(editor, A)
    status, _, body = editor.get(B + "/admin/")
    check(status == 200 and b"Dashboard" in body, "logged in on A, the admin opens on B")

    # 3. Published through A, seen at once on B. B has shown the listing and
    # the feed before, so anything it kept from then must have been let go.
    title = f"{WORD} fair on the green"
    for path in ("/news/", "/news/feed/"):
        status, page = text(B, path)
        check(status == 200 and title not in page, f"B shows {path} without the draft")
    bulk = f"/admin/bulk/wagtailcore/page/publish/?next=%2Fadmin%2F&id={ids['draft']}"
    token, _ = editor.csrf(A + bulk)
    status, _, body = editor.request(A + bulk, {"csrfmiddlewaretoken": token})
    check(status == 302, f"published the draft through A's admin ({status})")
    page_path = f"/news/{WORD.lower()}/"
    for path in (page_path, "/news/", "/news/feed/"):
        status, page = text(B, path)
        check(status == 200 and title in page, f"B shows it at once: {path}")

    def found(path):
        # The link to the page (result titles may be highlighted word by word).
        status, page = text(B, path)
        return status == 200 and page_path in page

    def indexed():
        return not sql(
            "SELECT 1 FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
        )

    started = time.monotonic()
    wait_for("the worker to index it", indexed, 20)
    check(True, f"the worker indexed it within {time.monotonic() - started:.1f}s")
    for path in (f"/search/?query={WORD}", f"/search/autocomplete/?q={WORD[:12]}"):
        if not found(path):
            entries = sql(
                "SELECT title, body FROM wagtailsearch_indexentry WHERE object_id = %s",
                str(ids["draft"]),
            )
            raise Failure(f"B does not find it: {path}; its index entries: {entries}")
        check(True, f"B finds it: {path}")

    # 3b. Made private, then public again, by another process: B, which has
    # built pages since the publish (and kept what every page shows of the
    # site, home/sitewide.py), lists it no more, then again.
    restrict = (
        "from wagtail.models import Page, PageViewRestriction; "
        f"PageViewRestriction.objects.create(page=Page.objects.get(pk={ids['draft']}), "
        "restriction_type=PageViewRestriction.PASSWORD, password='topology')"
    )
    manage(env, "shell", "-c", restrict)
    for path in ("/news/", "/news/?page=1", "/"):
        status, page = text(B, path)
        check(status == 200 and page_path not in page, f"made private: B lists it no more: {path}")
    manage(env, "shell", "-c", "from wagtail.models import PageViewRestriction; "
           "[r.delete() for r in PageViewRestriction.objects.all()]")  # fmt: skip
    status, page = text(B, "/news/")
    check(status == 200 and page_path in page, "public again: B lists it at once: /news/")

    # 4. An image uploaded through A, shown by B from the shared store.
    token, _ = editor.csrf(A + "/admin/images/add/")
    collection = sql("SELECT id FROM wagtailcore_collection WHERE depth = 1")[0][0]
    body, content_type = multipart(
        {"csrfmiddlewaretoken": token, "title": "Topology image", "collection": collection},
        {"file": ("topology.png", png(), "image/png")},
    )
    status, _, answer = editor.request(A + "/admin/images/add/", body, content_type=content_type)
    check(status == 302, f"uploaded an image through A ({status})")
    originals = s3.list_objects_v2(Bucket=BUCKET, Prefix="original_images/").get("KeyCount", 0)
    check(originals == 1, "the original is in the shared bucket, not on A's disk")
    status, listing = text(B, "/admin/images/", editor)
    urls = re.findall(rf'src="(http://127\.0\.0\.1:{PORT_S3}/{BUCKET}/images/[^"]+)"', listing)
    check(status == 200 and urls, "B lists the image with a rendition in the bucket")
    status, headers, _ = Browser().get(urls[0].replace("&amp;", "&"))
    check(
        status == 200 and headers["Content-Type"].startswith("image/"),
        "the rendition B made is served from the bucket",
    )
    s3.put_object(Bucket=BUCKET, Key="documents/private.txt", Body=b"private")
    status, _, _ = Browser().get(f"http://127.0.0.1:{PORT_S3}/{BUCKET}/documents/private.txt")
    check(status == 403, "documents in the bucket are not public")

    # 5. A suggestion with mail down: answered at once, delivered once later.
    resident = Browser()
    token, form = resident.csrf(A + "/community/suggest-an-event/")
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    day = time.strftime("%Y-%m-%d", time.localtime(time.time() + 10 * 86400))
    fields.update(
        {
            "csrfmiddlewaretoken": token,
            "your_name": "Pat Jones",
            "your_email": "pat@topology.example",
            "title": f"{WORD} street party",
            "summary": "Music and food on Mill Lane.",
            "start": f"{day}T14:00",
            "end": f"{day}T18:00",
            "where": "Mill Lane",
            "description": "Bring a dish.",
        }
    )
    started = time.monotonic()
    status, _, answer = resident.request(A + "/community/suggest-an-event/", fields)
    took = time.monotonic() - started
    check(
        status == 200 and b"e-mail" in answer.lower(),
        f"with mail down the suggestion is answered in {took:.1f}s",
    )
    check(took < 5, "the resident did not wait for the mail server")

    def queued():
        return sql(
            'SELECT attempts, sent_at, last_error FROM moderation_queuedmail WHERE "to" = %s',
            "pat@topology.example",
        )

    wait_for("the worker to try and fail", lambda: queued() and queued()[0][2], 20)
    attempts, sent_at, error = queued()[0]
    check(sent_at is None and error, f"the e-mail is kept, unsent ({attempts} attempt(s))")
    outbox = TMP / "mail"
    start("smtp", [PY, "scripts/smtp_sink.py", str(PORT_SMTP), str(outbox)])
    wait_for("the mail server", lambda: port_open(PORT_SMTP), 10)
    wait_for("the e-mail to arrive", lambda: list(outbox.glob("*.eml")), 40)
    time.sleep(6)  # several retry periods: nothing may come twice
    arrived = [email.message_from_bytes(path.read_bytes()) for path in outbox.glob("*.eml")]
    to_pat = [message for message in arrived if message["To"] == "pat@topology.example"]
    check(len(to_pat) == 1, f"delivered once after mail came back ({len(to_pat)})")
    check("/community/confirm/" in to_pat[0].get_payload(), "it holds the confirmation link")
    check(queued()[0][1] is not None, "and it is marked sent")
    check("pat@topology.example" not in log_of("worker"), "the address is not in the logs")

    # 6. The visitor's address behind one proxy.
    Browser().get(A + "/", headers={"X-Forwarded-For": "203.0.113.7"})
    wait_for(
        "the request line in A's log",
        lambda: '"client_ip": "203.0.113.7"' in log_of("app-a"),
        5,
    )
    check(True, "A logs the visitor's address from X-Forwarded-For")

    # 7. Redis stopped: pages still answer, /ready/ says why.
    stop("redis")
    for base in (A, B):
        for path in ("/", page_path, "/news/", "/news/feed/", f"/search/?query={WORD}"):
            check(text(base, path)[0] == 200, f"Redis down: {base}{path} answers 200")
    status, body = ready(PORT_A)
    check(
        status == 503 and body["checks"]["cache"].startswith("failed"),
        f"Redis down: /ready/ answers 503 naming the cache ({body['checks']})",
    )
    outages = log_of("app-a").count("unavailable (")
    check(outages <= 2, f"the outage is logged once per process, not per request ({outages})")
    start_redis()
    wait_for("/ready/ to see Redis back", lambda: ready(PORT_A)[0] == 200, 45, every=1)
    check(True, "Redis back: /ready/ answers 200")

    # 8. A database that cannot be reached.
    gunicorn(
        "app-c", PORT_C, {**env, "DATABASE_URL": f"{PG.rsplit(':', 1)[0]}:{PORT_CLOSED}/{DATABASE}"}
    )
    wait_for("C to answer /health/", lambda: healthy(PORT_C), 60)
    status, body = ready(PORT_C)
    check(
        status == 503 and body["checks"]["database"].startswith("failed"),
        f"database unreachable: /ready/ answers 503 naming it ({body['checks']})",
    )


def main():
    try:
        run()
    except Exception as failure:  # noqa: BLE001 - reported with the processes' logs
        print(f"\nTOPOLOGY TEST FAILED: {type(failure).__name__}: {failure}\n", file=sys.stderr)
        for name in list(PROCESSES):
            print(f"--- last lines of {name}.log", file=sys.stderr)
            print("\n".join(log_of(name).splitlines()[-25:]), file=sys.stderr)
        return 1
    finally:
        for name in reversed(list(PROCESSES)):
            stop(name)
        if os.environ.get("TOPOLOGY_KEEP_DATABASE"):
            say(f"kept the database {DATABASE} (TOPOLOGY_KEEP_DATABASE)")
        else:
            drop_database()
        shutil.rmtree(TMP, ignore_errors=True)
    say("topology test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
