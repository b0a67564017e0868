from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "decisions"

    def ready(self) -> None:
        from . import claims  # noqa: F401 - connects the sign-in hook that keeps anonymous evaluations
