from django.apps import AppConfig


class CasestudiesConfig(AppConfig):
    name = "casestudies"

    def ready(self) -> None:
        from catalog import evidence

        from .evidence import CaseStudyEvidence

        evidence.register(CaseStudyEvidence())
