"""The API's URLs, mounted at /api/ by platform_survey/urls.py.

/api/v1/       the resources: one DefaultRouter; each app's api.py provides the viewsets
/api/schema/   OpenAPI 3 (YAML; ?format=json for JSON), the same whatever the request's language
/api/docs/     Swagger UI, /api/redoc/ Redoc — both from drf-spectacular-sidecar's local files
anything else under /api/ is a 404 in the API's error shape.

To add endpoints: write the viewset on platform_survey.api.views' base classes (they bring the
error shape, language, 405-before-auth, ETag/304 and throttling) and register it below.
"""

from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from casestudies import api as casestudies_api
from catalog import api as catalog_api
from decisions import api as decisions_api
from platform_survey.api.errors import api_not_found
from platform_survey.api.views import SLUG_REGEX, RedocView, SchemaView, SwaggerView

router = DefaultRouter()
router.register("categories", catalog_api.CategoryViewSet, basename="category")
router.register("technologies", catalog_api.TechnologyViewSet, basename="technology")
router.register(
    rf"technologies/(?P<technology_slug>{SLUG_REGEX})/assessments", catalog_api.AssessmentViewSet, basename="assessment"
)
router.register("capabilities", catalog_api.CapabilityViewSet, basename="capability")
router.register("compare", catalog_api.CompareViewSet, basename="compare")
router.register("pitfalls", catalog_api.PitfallViewSet, basename="pitfall")
router.register("sources", catalog_api.SourceViewSet, basename="source")
router.register("companies", casestudies_api.CompanyViewSet, basename="company")
router.register("case-studies", casestudies_api.CaseStudyViewSet, basename="case-study")
router.register("questionnaire", decisions_api.QuestionnaireViewSet, basename="questionnaire")
router.register("evaluations", decisions_api.EvaluationViewSet, basename="evaluation")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    re_path(r"^", api_not_found),
]
