from django.db import models


class ScheduledJob(models.Model):
    """When a periodic job (operations/scheduler.py) is next due, and who holds it.

    Every scheduler process reads and updates these rows; a job runs only in
    the process whose conditional update took its lease, so starting the
    scheduler on several servers runs each job once per period.
    """

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    # Held by ``leased_by`` until this time; after it, another process may take it.
    leased_until = models.DateTimeField(null=True, blank=True)
    leased_by = models.CharField(max_length=200, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
