"""The querysets the public pages render: live, public questions in the
reader's language where translated, else in English (home/i18n.py)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.i18n import localized, term_names
from home.models import Area, Topic

from .enums import QuestionState, in_state, state_rank
from .models import GroupContribution, QuestionPage


def public_questions():
    return localized(QuestionPage.objects.live().public()).defer_streamfields()


def listed_questions(filters=None, now=None):
    """Every question, open first, then coming soon, awaiting a reply, answered;
    within each, the soonest to close (or most recently closed) first."""
    filters = filters or {}
    now = now or timezone.now()
    questions = public_questions()
    if filters.get("topic"):
        questions = questions.filter(topics__slug=filters["topic"])
    if filters.get("area"):
        questions = questions.filter(areas__slug=filters["area"])
    return (
        questions.annotate(rank=state_rank(now))
        .order_by("rank", "closes_at", "pk")
        .prefetch_related("topics", "areas")
        .distinct()
    )


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


class IndexFilterForm(forms.Form):
    """?topic=… and ?area=… on the index; an unknown value is ignored, never an error."""

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("Any"))]
        self.fields["topic"].choices = everything + sorted(
            term_names(Topic).items(), key=lambda item: item[1].lower()
        )
        self.fields["area"].choices = everything + sorted(
            term_names(Area).items(), key=lambda item: item[1].lower()
        )

    def valid_data(self):
        if not self.is_bound:
            return {}
        data = {}
        for name, field in self.fields.items():
            value = self.data.get(name, "")
            if value in {choice for choice, _label in field.choices}:
                data[name] = value
        return data
