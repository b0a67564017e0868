"""The catalog's API routes, registered on the one router by platform_survey/api_router.py."""

from platform_survey.api.views import SLUG_REGEX

from . import api

ROUTES = [
    ("categories", api.CategoryViewSet, "category"),
    ("technologies", api.TechnologyViewSet, "technology"),
    (rf"technologies/(?P<technology_slug>{SLUG_REGEX})/assessments", api.AssessmentViewSet, "assessment"),
    ("capabilities", api.CapabilityViewSet, "capability"),
    ("compare", api.CompareViewSet, "compare"),
    ("pitfalls", api.PitfallViewSet, "pitfall"),
    ("sources", api.SourceViewSet, "source"),
]
