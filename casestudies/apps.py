from django.apps import AppConfig

from catalog import evidence


class CasestudiesConfig(AppConfig):
    name = "casestudies"

    def ready(self) -> None:
        from .evidence import CaseStudyEvidence

        evidence.register(CaseStudyEvidence())
