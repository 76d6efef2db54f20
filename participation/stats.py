"""Have your say on the transparency page: per month, the questions asked,
the answers, the group contributions and the people behind them, and the
median days from a question's close to its published reply; and the
questions whose reply is overdue."""

import statistics
from collections import OrderedDict

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from moderation.stats import monthly_figures

from .enums import QuestionState, in_state
from .models import Answer, GroupContribution, QuestionPage, ReplyPublication

TEMPLATE = "participation/includes/transparency.html"


def _questions():
    return (
        QuestionPage.objects.live()
        .public()
        .filter(alias_of__isnull=True, locale__language_code=settings.LANGUAGE_CODE)
    )


def overdue_questions(today=None):
    today = today or timezone.localdate()
    return list(
        _questions()
        .filter(in_state(QuestionState.CLOSED), reply_by__lt=today)
        .order_by("reply_by", "pk")
        .only("id", "title", "reply_by", "closes_at", "url_path", "locale_id", "depth", "path")
    )


def monthly(months=12):
    """One row per month, newest first, the same months as moderation's figures."""
    rows = OrderedDict(
        (
            row["month"],
            {
                "month": row["month"],
                "questions": 0,
                "answers": 0,
                "contributions": 0,
                "people": 0,
                "days": [],
            },
        )
        for row in monthly_figures(months)
    )

    def add(queryset, field, key, aggregate):
        for month, amount in (
            queryset.annotate(month=TruncMonth(field))
            .values("month")
            .annotate(amount=aggregate)
            .values_list("month", "amount")
        ):
            bucket = rows.get(_month_key(month))
            if bucket is not None:
                bucket[key] += amount or 0

    add(_questions(), "first_published_at", "questions", Count("pk"))
    add(Answer.objects.filter(confirmed_at__isnull=False), "confirmed_at", "answers", Count("pk"))
    published = GroupContribution.objects.filter(live=True)
    add(published, "first_published_at", "contributions", Count("pk"))
    add(published, "first_published_at", "people", Sum("participants"))
    for published_at, closes_at in ReplyPublication.objects.values_list(
        "published_at", "question__closes_at"
    ):
        bucket = rows.get(_month_key(published_at))
        if bucket is not None:
            bucket["days"].append(max((published_at - closes_at).days, 0))
    for row in rows.values():
        days = row.pop("days")
        row["median_days"] = statistics.median(days) if days else None
    return list(rows.values())


def _month_key(value):
    if hasattr(value, "hour"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return value.replace(day=1)


def transparency_section():
    return {"template": TEMPLATE, "rows": monthly(), "overdue": overdue_questions()}
