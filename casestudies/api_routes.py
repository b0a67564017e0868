"""The case studies' API routes, registered on the one router by platform_survey/api_router.py."""

from . import api

ROUTES = [
    ("companies", api.CompanyViewSet, "company"),
    ("case-studies", api.CaseStudyViewSet, "case-study"),
]
