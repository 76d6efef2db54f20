"""The state of a question, worked out from its dates and its published reply.

Nothing stores the state: ``state_of`` computes it for one question and
``state_rank`` computes the same thing in the database for listings, so the
two can never disagree with each other or with the dates.
"""

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuestionState(models.TextChoices):
    OPEN = "open", _("Open for answers")
    UPCOMING = "upcoming", _("Opens soon")
    CLOSED = "closed", _("Closed, reply to come")
    ANSWERED = "answered", _("Answered")


# The order of the index: open questions first, then those coming soon, then
# those waiting for their reply, then the answered ones.
ORDER = [QuestionState.OPEN, QuestionState.UPCOMING, QuestionState.CLOSED, QuestionState.ANSWERED]


def state_of(opens_at, closes_at, has_reply, now=None):
    now = now or timezone.now()
    if now < opens_at:
        return QuestionState.UPCOMING
    if now < closes_at:
        return QuestionState.OPEN
    return QuestionState.ANSWERED if has_reply else QuestionState.CLOSED


def state_rank(now=None):
    """An expression giving each question its place in ORDER (0 = open)."""
    now = now or timezone.now()
    return Case(
        When(opens_at__gt=now, then=Value(ORDER.index(QuestionState.UPCOMING))),
        When(closes_at__gt=now, then=Value(ORDER.index(QuestionState.OPEN))),
        When(reply_summary="", then=Value(ORDER.index(QuestionState.CLOSED))),
        default=Value(ORDER.index(QuestionState.ANSWERED)),
        output_field=IntegerField(),
    )


def in_state(state, now=None):
    """A filter for questions in ``state``."""
    now = now or timezone.now()
    if state == QuestionState.UPCOMING:
        return Q(opens_at__gt=now)
    if state == QuestionState.OPEN:
        return Q(opens_at__lte=now, closes_at__gt=now)
    if state == QuestionState.CLOSED:
        return Q(closes_at__lte=now, reply_summary="")
    return Q(closes_at__lte=now) & ~Q(reply_summary="")


class Decision(models.TextChoices):
    YES = "yes", _("Yes, we will do this")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
