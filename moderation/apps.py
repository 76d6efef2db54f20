from django.apps import AppConfig


class ModerationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "moderation"
    verbose_name = "Governance and moderation"

    def ready(self):
        from . import signals
        from .roles import install_closed_copies_rule, install_media_delete_rule

        signals.connect()
        install_media_delete_rule()
        install_closed_copies_rule()
        from .safety import install_csv_formula_guard, limit_pillow

        install_csv_formula_guard()
        limit_pillow()
