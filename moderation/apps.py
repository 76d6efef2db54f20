from django.apps import AppConfig


class ModerationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "moderation"
    verbose_name = "Governance and moderation"

    def ready(self):
        from . import signals

        signals.connect()
