from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Have your say: composes home, groups, moderation and search; nothing imports it
    but the project's URLs, settings and the demo."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "participation"
    verbose_name = _("Have your say")

    def ready(self):
        from moderation import stats

        from . import signals
        from .stats import transparency_section

        signals.connect()
        stats.register_section(transparency_section)
        self.register_search()

    def register_search(self):
        from search import queries

        from .models import QuestionPage

        queries.register_type("question", QuestionPage, _("Questions"))
