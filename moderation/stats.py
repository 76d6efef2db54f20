"""Moderation figures, for the transparency page and ``governance report``.

A *decision* is a moderator approving or asking for changes (a finished
TaskState of the Community moderation task); its time is from the moment the
change reached the queue to the decision.
"""

import datetime
import statistics
from collections import OrderedDict

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from .models import CommunityModerationTask

CACHE_KEY = "moderation:transparency"
CACHE_SECONDS = 600


def _task_states():
    return TaskState.objects.filter(
        task__in=CommunityModerationTask.objects.values("pk"),
        status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        finished_at__isnull=False,
    )


def median_hours(pairs):
    hours = [(finished - started).total_seconds() / 3600 for started, finished in pairs]
    return round(statistics.median(hours), 1) if hours else None


def median_hours_to_decision(days=90):
    since = timezone.now() - datetime.timedelta(days=days)
    return median_hours(
        _task_states().filter(finished_at__gte=since).values_list("started_at", "finished_at")
    )


def monthly_figures(months=12):
    """One row per month, newest first: submissions, approvals, changes
    requested and the median hours to a decision."""
    now = timezone.localtime()
    first = (now.replace(day=1) - datetime.timedelta(days=31 * (months - 1))).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    rows = OrderedDict()
    month = now.date().replace(day=1)
    while month >= first.date():
        rows[month] = {
            "month": month,
            "submissions": 0,
            "approved": 0,
            "changes_requested": 0,
            "durations": [],
        }
        month = (month - datetime.timedelta(days=1)).replace(day=1)

    submitted = WorkflowState.objects.filter(
        workflow__name="Community moderation", created_at__gte=first
    ).values_list("created_at", flat=True)
    for created in submitted:
        key = timezone.localtime(created).date().replace(day=1)
        if key in rows:
            rows[key]["submissions"] += 1

    decided = (
        _task_states()
        .filter(finished_at__gte=first)
        .values_list("status", "started_at", "finished_at")
    )
    for status, started, finished in decided:
        key = timezone.localtime(finished).date().replace(day=1)
        if key not in rows:
            continue
        row = rows[key]
        row["approved" if status == TaskState.STATUS_APPROVED else "changes_requested"] += 1
        row["durations"].append((started, finished))

    for row in rows.values():
        row["median_hours"] = median_hours(row.pop("durations"))
    return list(rows.values())


def cached_monthly_figures():
    figures = cache.get(CACHE_KEY)
    if figures is None:
        figures = monthly_figures()
        cache.set(CACHE_KEY, figures, CACHE_SECONDS)
    return figures


# Sections other apps add to the transparency page (Have your say): each a
# function returning a dict with the "template" that shows it, registered in
# the app's AppConfig.ready(), so this app imports none of them.
SECTIONS = []
SECTIONS_CACHE_KEY = "moderation:transparency:sections"


def register_section(section):
    if section not in SECTIONS:
        SECTIONS.append(section)


def cached_sections():
    sections = cache.get(SECTIONS_CACHE_KEY)
    if sections is None:
        sections = [section() for section in SECTIONS]
        cache.set(SECTIONS_CACHE_KEY, sections, CACHE_SECONDS)
    return sections
