"""The decisions app's API routes, registered on the one router by platform_survey/api_router.py."""

from . import api

ROUTES = [
    ("questionnaire", api.QuestionnaireViewSet, "questionnaire"),
    ("evaluations", api.EvaluationViewSet, "evaluation"),
]
