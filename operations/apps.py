from django.apps import AppConfig
from django.conf import settings


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = "Operations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Error reports to Sentry, started as soon as the apps are loaded
        # (before the first request, in every process role).
        if settings.SENTRY_DSN:
            from .observability import init_sentry

            init_sentry(
                settings.SENTRY_DSN,
                environment=settings.SENTRY_ENVIRONMENT,
                release=settings.SENTRY_RELEASE,
                traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE,
            )
