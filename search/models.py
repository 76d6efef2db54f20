"""What residents search for, kept so moderators can see what they cannot find.

Wagtail's search promotions app counts searches per day (``Query`` and
``QueryDailyHits``); this adds how many results the last search of each
query found, so the report can list the searches that found nothing.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query


class QueryOutcome(models.Model):
    query = models.OneToOneField(
        Query, primary_key=True, on_delete=models.CASCADE, related_name="outcome"
    )
    results = models.PositiveIntegerField(_("results"), default=0)
    searched_at = models.DateTimeField(_("last searched"), auto_now=True)

    class Meta:
        verbose_name = _("search outcome")
        verbose_name_plural = _("search outcomes")

    def __str__(self):
        return f"{self.query}: {self.results}"
