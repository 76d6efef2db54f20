"""The querysets the public pages render: public questions (home/listing.py)
in the reader's language where translated, else in English (home/i18n.py)."""

from .enums import QuestionState, in_state
from .models import GroupContribution, QuestionPage


def public_questions():
    return QuestionPage.objects.public().localized().defer_streamfields()


def open_questions(limit=3):
    return list(
        public_questions().filter(in_state(QuestionState.OPEN)).order_by("closes_at", "pk")[:limit]
    )


def questions_of_group(group, limit=5):
    """Questions the group brought an approved conclusion to."""
    keys = GroupContribution.objects.filter(
        live=True, group__translation_key=group.translation_key
    ).values("question__translation_key")
    return list(
        public_questions().filter(translation_key__in=keys).order_by("-closes_at", "pk")[:limit]
    )
