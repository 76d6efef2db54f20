"""The periodic jobs, and the lease that runs each once however many
schedulers are started (``manage.py run_scheduler``).

Each job has a row (:class:`~operations.models.ScheduledJob`) saying when it
is next due. A scheduler runs a job only after a conditional update has moved
that time forward and given it the lease; a second scheduler's update then
matches nothing. That is one UPDATE statement, atomic on SQLite and PostgreSQL
alike, so no advisory lock or extra service is needed. The lease lasts longer
than the job can take; a scheduler that dies mid-job loses it when it lapses.

Jobs run in the scheduler's own process. Work caused by a request (mail,
search-index updates, cache purges) is the worker's (django-tasks).
"""

import io
import logging
import os
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core.management import call_command, get_commands
from django.db import IntegrityError, close_old_connections, connection
from django.db.models import Q
from django.utils import timezone

from .models import ScheduledJob

logger = logging.getLogger(__name__)

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def _backend():
    from django_tasks import task_backends

    return task_backends["default"]


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    lease: timedelta
    # A management command and its arguments.
    command: str
    args: tuple = ()
    # Run only where this holds (a command another app may not have, say).
    when: object = None

    def available(self):
        if self.command not in get_commands():
            return False
        return self.when is None or self.when()

    def run(self):
        out = io.StringIO()
        call_command(self.command, *self.args, stdout=out, stderr=out)
        return out.getvalue().strip()


def _database_task_backend():
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(_backend(), DatabaseBackend)


JOBS = [
    # Go-live and expiry dates of pages (Wagtail's command).
    Job("publish_scheduled", MINUTE, 10 * MINUTE, "publish_scheduled"),
    # E-mail whose delay after a failure is over (moderation/mail.py).
    Job("send_pending_mail", MINUTE, 10 * MINUTE, "send_pending_mail", ("--due",)),
    # Groups' own calendar feeds (events/importer.py).
    Job("import_calendars", HOUR, HOUR, "import_calendars"),
    # Repeating events' dates rolled forward to the horizon.
    Job("extend_occurrences", DAY, 3 * HOUR, "extend_occurrences"),
    # Expired data: sessions, sent mail, finished task results, and public
    # submissions whose address was never confirmed.
    Job("clearsessions", DAY, HOUR, "clearsessions"),
    Job("purge_sent_mail", DAY, HOUR, "purge_sent_mail"),
    Job(
        "prune_db_task_results",
        DAY,
        HOUR,
        "prune_db_task_results",
        ("--min-age-days", "7"),
        when=_database_task_backend,
    ),
    Job("purge_unconfirmed", DAY, HOUR, "purge_unconfirmed"),
    Job("purge_unconfirmed_participation", DAY, HOUR, "purge_unconfirmed_participation"),
    # Have your say: a question opening or closing purges the cached pages.
    Job("refresh_question_states", MINUTE, 10 * MINUTE, "refresh_question_states"),
]


def scheduler_id():
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def take(job, holder, now=None):
    """Take the job's lease if it is due and free; True if this holder has it."""
    now = now or timezone.now()
    try:
        ScheduledJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
    except IntegrityError:
        pass  # another scheduler created it a moment ago
    taken = ScheduledJob.objects.filter(
        Q(leased_until__isnull=True) | Q(leased_until__lt=now),
        name=job.name,
        next_run_at__lte=now,
    ).update(
        next_run_at=now + job.every,
        leased_until=now + job.lease,
        leased_by=holder,
        last_started_at=now,
    )
    return taken == 1


def release(job, holder, error=""):
    ScheduledJob.objects.filter(name=job.name, leased_by=holder).update(
        leased_until=None, last_finished_at=timezone.now(), last_error=error[:2000]
    )


def run_due(holder, jobs=None):
    """Run every job that is due and not held elsewhere; returns their names."""
    ran = []
    for job in jobs if jobs is not None else JOBS:
        if not job.available() or not take(job, holder):
            continue
        started = time.monotonic()
        error = ""
        try:
            output = job.run()
        except Exception as exc:  # noqa: BLE001 - one job's failure must not stop the others
            error = f"{type(exc).__name__}: {exc}"
            logger.exception("Scheduled job %s failed", job.name)
        else:
            logger.info(
                "Scheduled job %s done in %.1fs%s",
                job.name,
                time.monotonic() - started,
                f": {output.splitlines()[-1]}" if output else "",
            )
        finally:
            release(job, holder, error)
            # A long-running scheduler must not keep a connection the database
            # dropped; inside a transaction (a caller's, or a test's) the
            # connection is in use and is left alone.
            if not connection.in_atomic_block:
                close_old_connections()
        ran.append(job.name)
    return ran
