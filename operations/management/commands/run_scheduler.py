"""The one scheduler: runs the periodic jobs (operations/scheduler.py) when due.

    manage.py run_scheduler            # keep running (a process of its own)
    manage.py run_scheduler --once     # run what is due now and exit (from cron)

Safe to start on every server: a job runs in one of them per period.
"""

import logging
import signal
import time

from django.core.management.base import BaseCommand

from operations.scheduler import JOBS, run_due, scheduler_id

logger = logging.getLogger("operations.scheduler")


class Command(BaseCommand):
    help = "Run the periodic jobs (publishing, mail retry, imports, purges), once per period."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due, then exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=15.0,
            help="Seconds between looks at what is due (default 15).",
        )
        parser.add_argument("--list", action="store_true", help="List the jobs and exit.")

    def handle(self, *args, once=False, interval=15.0, list=False, **options):
        if list:
            for job in JOBS:
                state = "" if job.available() else "  (not available here)"
                self.stdout.write(f"{job.name:32} every {job.every}{state}")
            return
        holder = scheduler_id()
        if once:
            ran = run_due(holder)
            if options["verbosity"]:
                self.stdout.write(f"Ran {len(ran)} job(s): {', '.join(ran) or 'none due'}")
            return
        self.running = True

        def stop(signum, frame):
            logger.info("Scheduler %s stopping after the current job", holder)
            self.running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        logger.info("Scheduler %s started", holder)
        while self.running:
            run_due(holder)
            deadline = time.monotonic() + interval
            while self.running and time.monotonic() < deadline:
                time.sleep(min(0.5, interval))
