from django.apps import AppConfig


class PlatformSurveyConfig(AppConfig):
    name = "platform_survey"
    verbose_name = "Platform Survey"

    def ready(self) -> None:
        from . import signals

        signals.connect()
