from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from . import signals
        from .drafts import install
        from .views import install_editor

        install()
        install_editor()
        signals.connect()
