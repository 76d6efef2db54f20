"""Running on several servers: the mail queue, the scheduler's lease, the
client address behind proxies, the health probes, a cache outage and the logs.

The same things with real processes (two gunicorns, PostgreSQL, Redis, S3,
an SMTP server) are checked by scripts/topology_test.py in CI.
"""

import datetime
import io
import json
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.management import call_command
from django.db.utils import OperationalError
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from moderation import mail as mail_queue
from moderation.models import QueuedMail
from noticeboard.settings.base import logging_settings
from operations import scheduler
from operations.cache import breaker_for
from operations.models import ScheduledJob
from operations.observability import MaskEmailsFilter, request_id_var

from .factories import StandardPageFactory, UserFactory, publish

BASE_DIR = Path(__file__).resolve().parent.parent
QUEUED = "moderation.mail.QueuedEmailBackend"


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- The visitor's address --------------------------------------------------


def request_from(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


# How the address is read behind proxies is tested in test_security.py.


def test_visitors_behind_one_proxy_have_a_rate_limit_each(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    def limited(visitor):
        return is_ratelimited(
            request_from("10.0.0.2", visitor), group="t", key="ip", rate="2/h", increment=True
        )

    assert [limited("203.0.113.1") for _ in range(3)] == [False, False, True]
    assert limited("203.0.113.2") is False


# --- /health/ and /ready/ ---------------------------------------------------


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["noticeboard.example.org"])
def test_the_probes_answer_over_plain_http_on_any_host_name(client):
    response = client.get("/health/", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"

    ready = client.get("/ready/", HTTP_HOST="10.0.0.5:8000")
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    # Everything else still gets the host check and the redirect.
    assert client.get("/", HTTP_HOST="10.0.0.5:8000").status_code == 400
    assert client.get("/", HTTP_HOST="noticeboard.example.org").status_code == 301


@pytest.mark.django_db
def test_ready_names_the_database_when_it_is_down(client):
    with mock.patch(
        "operations.health.CHECKS",
        {
            "database": mock.Mock(side_effect=OperationalError("connection refused")),
            "cache": lambda: None,
            "storage": lambda: None,
        },
    ):
        response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "failed: OperationalError", "cache": "ok", "storage": "ok"},
    }


@pytest.mark.django_db
def test_ready_names_the_storage_when_it_is_unreachable(client):
    with mock.patch(
        "django.core.files.storage.default_storage.exists", side_effect=OSError("no bucket")
    ):
        response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "failed: OSError"
    assert response.json()["checks"]["database"] == "ok"


# --- A cache outage ---------------------------------------------------------


def unreachable_redis():
    return {
        "default": {
            "BACKEND": "operations.cache.ResilientRedisCache",
            "LOCATION": f"redis://:secret@127.0.0.1:{closed_port()}/4",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }


@pytest.fixture
def redis_down():
    with override_settings(CACHES=unreachable_redis()):
        yield
    # Each test gets its own port, so its own breaker; nothing to reset.


def test_with_redis_down_the_cache_is_a_miss_and_says_so_once(redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="operations.cache")
    for _ in range(20):
        cache.set("k", "v")
        assert cache.get("k", "default") == "default"
        assert cache.add("k", "v") is None
        assert cache.get_many(["a", "b"]) == {}
    lines = [r.getMessage() for r in caplog.records if r.name == "operations.cache"]
    assert len(lines) == 1
    assert "unavailable" in lines[0]
    assert "secret" not in lines[0]  # the password in REDIS_URL stays out of the log


def test_the_cache_is_tried_again_after_a_while_and_its_return_is_logged(redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="operations.cache")
    cache.get("k")
    location = cache._server
    breaker = breaker_for(location)
    assert breaker.down
    # Retry interval over, Redis back (its ping answers).
    breaker.down_until = 0
    with (
        mock.patch("redis.Redis.ping", return_value=True),
        mock.patch("redis.Redis.get", return_value=None),
    ):
        cache.get("k")
    assert not breaker.down
    assert [r.getMessage().split()[-2:] for r in caplog.records][-1] == ["reachable", "again"]


@pytest.mark.django_db
def test_with_redis_down_pages_and_forms_still_answer(redis_down, site_tree, client):
    publish(site_tree["about"])
    assert client.get("/").status_code == 200
    assert client.get("/about/").status_code == 200
    assert client.get("/news/feed/").status_code == 200
    assert client.get("/search/?q=about").status_code == 200


@pytest.mark.django_db
def test_ready_reports_an_unreachable_cache(redis_down, client):
    response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failed: ConnectionError"


# --- The mail queue ---------------------------------------------------------


@pytest.fixture
def queued(settings):
    """Django's own mail functions through the queue, as outside tests."""
    settings.EMAIL_BACKEND = QUEUED


@pytest.mark.django_db
def test_any_e_mail_the_site_sends_is_queued_then_delivered(
    queued, django_capture_on_commit_callbacks
):
    message = EmailMultiAlternatives(
        "Hello", "Plain text", "Site <site@example.org>", ["a@example.org"], cc=["c@example.org"]
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    with django_capture_on_commit_callbacks(execute=True):
        message.send()
        assert QueuedMail.objects.count() == 1
        assert not mail.outbox  # not inside the transaction: after it commits

    [sent] = mail.outbox
    assert sent.to == ["a@example.org"] and sent.cc == ["c@example.org"]
    assert sent.from_email == "Site <site@example.org>"
    assert sent.alternatives[0][0] == "<p>HTML</p>"
    assert sent.extra_headers["Auto-Submitted"] == "auto-generated"
    assert sent.extra_headers["Message-ID"].endswith("@localhost>")
    queued = QueuedMail.objects.get()
    assert queued.sent_at is not None and queued.attempts == 1


@pytest.mark.django_db
def test_password_resets_go_through_the_queue(queued, client):
    UserFactory(username="pat", email="pat@example.org")
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": "pat@example.org"})
    assert response.status_code == 302
    assert QueuedMail.objects.get().to == "pat@example.org"
    assert "password" in QueuedMail.objects.get().subject.lower()


@pytest.mark.django_db
def test_wagtails_moderation_notifications_go_through_the_queue(
    queued, django_capture_on_commit_callbacks
):
    # What every Wagtail notifier (submitted, approved, rejected …) sends with.
    from wagtail.admin.mail import send_mail as wagtail_send_mail

    with (
        mock.patch("moderation.mail.transmit", side_effect=ConnectionRefusedError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert wagtail_send_mail("Page submitted", "Please review", ["mod@example.org"]) == 1
    # Mail was down, but the notification is kept (Wagtail alone would drop it).
    queued = QueuedMail.objects.get()
    assert queued.to == "mod@example.org"
    assert queued.sent_at is None
    call_command("send_pending_mail", verbosity=0)
    assert QueuedMail.objects.get().sent_at is not None
    assert mail.outbox[0].to == ["mod@example.org"]
    assert mail.outbox[0].extra_headers["Auto-Submitted"] == "auto-generated"


@pytest.mark.django_db
def test_a_failed_e_mail_waits_longer_after_each_failure(queued):
    send_mail("Hi", "Body", None, ["r@example.org"])
    pk = QueuedMail.objects.get().pk
    with mock.patch("moderation.mail.transmit", side_effect=OSError("down")):
        assert mail_queue.deliver(pk) is False
        first = QueuedMail.objects.get().next_attempt_at
        # Not due yet: the scheduler's retry leaves it alone.
        assert mail_queue.send_pending(due_only=True) == (0, 0)
        assert mail_queue.deliver(pk) is False
    queued = QueuedMail.objects.get()
    assert queued.attempts == 2
    assert queued.next_attempt_at - timezone.now() > first - timezone.now()
    assert queued.claimed_until is None
    # Once due, it goes.
    QueuedMail.objects.update(next_attempt_at=timezone.now())
    assert mail_queue.send_pending(due_only=True) == (1, 0)
    assert len(mail.outbox) == 1
    assert mail_queue.retry_delay(1) == datetime.timedelta(minutes=1)
    assert mail_queue.retry_delay(20) == datetime.timedelta(hours=6)


@pytest.mark.django_db
def test_a_message_is_never_sent_twice(queued):
    send_mail("Hi", "Body", None, ["r@example.org"])
    pk = QueuedMail.objects.get().pk
    # A second sender (another worker, or the retry) while the first holds it.
    assert mail_queue._claim(pk) is not None
    assert mail_queue.deliver(pk) is False
    assert not mail.outbox
    # Its claim lapses (the first died), then it is sent once and only once.
    QueuedMail.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    assert mail_queue.deliver(pk) is True
    assert mail_queue.deliver(pk) is False
    assert mail_queue.send_pending() == (0, 0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failures_are_logged_without_the_address(queued, caplog):
    send_mail("Hi", "Body", None, ["resident@example.org"])
    with mock.patch("moderation.mail.transmit", side_effect=OSError("refused")):
        mail_queue.send_pending()
    assert "not sent" in caplog.text
    assert "resident@example.org" not in caplog.text


@pytest.mark.django_db
def test_sent_mail_is_purged_after_the_retention_period(queued, settings):
    send_mail("Old", "Body", None, ["a@example.org"])
    send_mail("New", "Body", None, ["b@example.org"])
    send_mail("Unsent", "Body", None, ["c@example.org"])
    QueuedMail.objects.filter(subject="Old").update(
        sent_at=timezone.now() - datetime.timedelta(days=settings.SENT_MAIL_RETENTION_DAYS + 1)
    )
    QueuedMail.objects.filter(subject="New").update(sent_at=timezone.now())
    call_command("purge_sent_mail", verbosity=0)
    assert sorted(QueuedMail.objects.values_list("subject", flat=True)) == ["New", "Unsent"]


def run_worker():
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_sends_the_mail_once(queued):
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        from django_tasks_db.models import DBTaskResult

        tasks = DBTaskResult.objects.filter(task_path__endswith="deliver_queued_mail")
        send_mail("Hi", "Body", None, ["r@example.org"])
        assert not mail.outbox  # queued for the worker, not sent in the request
        assert tasks.count() == 1

        # Mail is down: the worker comes back to it when the retry is due.
        with mock.patch("moderation.mail.transmit", side_effect=OSError("down")):
            run_worker()
        queued_mail = QueuedMail.objects.get()
        [retry] = tasks.filter(status="READY")
        assert retry.run_after == queued_mail.next_attempt_at
        run_worker()  # not due yet
        assert not mail.outbox

        tasks.filter(status="READY").update(run_after=timezone.now())
        run_worker()
        run_worker()
        assert len(mail.outbox) == 1
        assert QueuedMail.objects.get().sent_at is not None
        assert not tasks.filter(status="READY").exists()


# --- The scheduler ----------------------------------------------------------


@pytest.mark.django_db
def test_two_schedulers_publish_a_scheduled_page_once(site_tree):
    page = StandardPageFactory(parent=site_tree["home"], title="Later", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # scheduled: approved to go live in an hour
    page.refresh_from_db()
    assert not page.live
    # The hour passes.
    past = timezone.now() - datetime.timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    publishing = [job for job in scheduler.JOBS if job.name == "publish_scheduled"]

    assert scheduler.run_due("server-a", publishing) == ["publish_scheduled"]
    assert scheduler.run_due("server-b", publishing) == []
    page.refresh_from_db()
    assert page.live
    assert page.revisions.count() == 1
    job = ScheduledJob.objects.get(name="publish_scheduled")
    assert job.leased_until is None and job.last_error == ""
    assert job.next_run_at > timezone.now()


@pytest.mark.django_db
def test_a_held_lease_keeps_other_schedulers_off_until_it_lapses():
    job = scheduler.Job("clearsessions", scheduler.MINUTE, scheduler.HOUR, "clearsessions")
    now = timezone.now()
    assert scheduler.take(job, "a", now)
    later = now + 2 * scheduler.MINUTE  # due again, but "a" still holds it
    assert not scheduler.take(job, "b", later)
    # "a" died mid-job: after the lease, "b" may run it.
    assert scheduler.take(job, "b", now + scheduler.HOUR + scheduler.MINUTE)


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_still_run(caplog):
    broken = scheduler.Job("broken", scheduler.MINUTE, scheduler.MINUTE, "clearsessions")
    fine = scheduler.Job("fine", scheduler.MINUTE, scheduler.MINUTE, "clearsessions")
    with mock.patch.object(
        scheduler.Job, "run", autospec=True, side_effect=[RuntimeError("boom"), ""]
    ):
        assert scheduler.run_due("a", [broken, fine]) == ["broken", "fine"]
    assert ScheduledJob.objects.get(name="broken").last_error == "RuntimeError: boom"
    assert ScheduledJob.objects.get(name="fine").last_error == ""


def test_the_scheduler_knows_every_periodic_job_and_skips_missing_commands():
    names = {job.name for job in scheduler.JOBS}
    assert {
        "publish_scheduled",
        "send_pending_mail",
        "import_calendars",
        "extend_occurrences",
        "clearsessions",
        "purge_sent_mail",
        "purge_unconfirmed_submissions",
    } <= names
    missing = scheduler.Job("x", scheduler.DAY, scheduler.HOUR, "no_such_command_here")
    assert not missing.available()
    # Task results are pruned only where tasks are kept in the database.
    [prune] = [job for job in scheduler.JOBS if job.name == "prune_db_task_results"]
    assert not prune.available()  # tests run tasks immediately


@pytest.mark.django_db
def test_run_scheduler_once_runs_what_is_due(capsys):
    call_command("run_scheduler", once=True)
    out = capsys.readouterr().out
    assert "publish_scheduled" in out and "send_pending_mail" in out
    call_command("run_scheduler", once=True)
    assert "none due" in capsys.readouterr().out


# --- Logs -------------------------------------------------------------------


def test_e_mail_addresses_are_masked_in_any_log_line():
    record = logging.LogRecord(
        "wagtail.admin",
        logging.ERROR,
        __file__,
        1,
        "Failed to send to %s",
        ("pat@example.org",),
        None,
    )
    MaskEmailsFilter().filter(record)
    assert record.getMessage() == "Failed to send to [e-mail]"


def test_json_logs_carry_the_request_id_and_mask_addresses():
    from logging.config import dictConfig

    config = logging_settings("INFO", "json")
    stream = io.StringIO()
    config["handlers"]["console"]["stream"] = stream
    config["loggers"] = {"noticeboard.test": {"handlers": ["console"], "propagate": False}}
    config["root"] = {"level": "INFO", "handlers": []}
    dictConfig(config)
    try:
        token = request_id_var.set("abc123def456")
        logging.getLogger("noticeboard.test").warning("hello from %s", "pat@example.org")
        request_id_var.reset(token)
    finally:
        from django.conf import settings

        dictConfig(settings.LOGGING)
    line = json.loads(stream.getvalue())
    assert line["message"] == "hello from [e-mail]"
    assert line["level"] == "WARNING" and line["logger"] == "noticeboard.test"
    assert line["request_id"] == "abc123def456"
    assert "time" in line


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client, site_tree):
    assert client.get("/", HTTP_X_REQUEST_ID="proxy-id-12345")["X-Request-ID"] == "proxy-id-12345"
    made_up = client.get("/", HTTP_X_REQUEST_ID="bad id\nwith newline")["X-Request-ID"]
    assert len(made_up) == 32 and "\n" not in made_up


# --- Production settings for several servers --------------------------------

READ = """
import json
from django.conf import settings
print(json.dumps({
    "storage": settings.STORAGES["default"],
    "docs": getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None),
    "tasks": settings.TASKS["default"]["BACKEND"],
    "cache": settings.CACHES["default"],
    "proxies": settings.TRUSTED_PROXY_COUNT,
    "logging": sorted(settings.LOGGING["handlers"]),
}))
"""


def production(**environ):
    result = subprocess.run(
        [sys.executable, "-c", READ],
        cwd=BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "noticeboard.settings.production",
            "SECRET_KEY": "x" * 50,
            **environ,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_defaults_keep_media_local_and_tasks_in_the_database():
    settings = production()
    assert settings["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert settings["docs"] is None
    assert settings["tasks"] == "django_tasks_db.DatabaseBackend"
    assert settings["proxies"] == 0
    assert settings["logging"] == ["console"]


def test_production_on_several_servers_reads_storage_cache_and_proxies():
    settings = production(
        AWS_STORAGE_BUCKET_NAME="media",
        AWS_S3_ENDPOINT_URL="http://minio:9000",
        AWS_S3_REGION_NAME="eu-west-2",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
        REDIS_URL="redis://redis:6379/0",
        CACHE_KEY_PREFIX="ashby",
        TRUSTED_PROXY_COUNT="2",
        ADMINS="ops@example.org",
    )
    storage = settings["storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "media"
    assert storage["OPTIONS"]["endpoint_url"] == "http://minio:9000"
    assert storage["OPTIONS"]["custom_domain"] == "media.example.org"
    assert storage["OPTIONS"]["addressing_style"] == "path"
    assert storage["OPTIONS"]["querystring_auth"] is False
    # Private documents are never handed out as a bucket address.
    assert settings["docs"] == "serve_view"
    assert settings["cache"]["KEY_PREFIX"] == "ashby"
    assert settings["cache"]["BACKEND"] == "operations.cache.ResilientRedisCache"
    assert settings["proxies"] == 2
    assert settings["logging"] == ["console", "mail_admins"]


def test_production_refuses_unknown_values():
    for name, value in [("TASKS_BACKEND", "celery"), ("LOG_FORMAT", "xml"), ("READY_CHECKS", "x")]:
        result = subprocess.run(
            [sys.executable, "-c", READ],
            cwd=BASE_DIR,
            env={
                "PATH": os.environ["PATH"],
                "DJANGO_SETTINGS_MODULE": "noticeboard.settings.production",
                "SECRET_KEY": "x" * 50,
                name: value,
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr and name in result.stderr
