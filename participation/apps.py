from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Have your say: composes home, groups and moderation; nothing imports it
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
