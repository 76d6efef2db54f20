"""Names for the states events share across models, feeds, JSON-LD, the
importer and templates, importable without the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The whole event: going ahead, cancelled or postponed."""

    SCHEDULED = "scheduled", _("Going ahead")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class Repeat(models.TextChoices):
    """How a schedule repeats (events/recurrence.py writes each as an RRULE)."""

    NONE = "", _("Does not repeat (one date)")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY_DATE = "monthly-date", _("Every month on the same date (e.g. the 14th)")
    MONTHLY_WEEKDAY = (
        "monthly-weekday",
        _("Every month on the same weekday (e.g. the first Saturday)"),
    )


class MonthlyWeek(models.IntegerChoices):
    FIRST = 1, _("first")
    SECOND = 2, _("second")
    THIRD = 3, _("third")
    FOURTH = 4, _("fourth")
    LAST = -1, _("last")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    FAMILIES = "families", _("Families")
    CHILDREN = "children", _("Children (under 12)")
    YOUNG_PEOPLE = "young-people", _("Young people (12 to 18)")
    ADULTS = "adults", _("Adults")
    OLDER_PEOPLE = "older-people", _("Older people")
