from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import dialogues as dialogue_api
from api import views
from api.contributions import ContributionViewSet
from api.shared import SharedInitiativeViewSet
from api.success_cases import SuccessCaseViewSet

app_name = "api"
router = DefaultRouter()
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("countries", views.CountryViewSet, basename="country")
router.register("sectors", views.SectorViewSet, basename="sector")
router.register("dialogues", dialogue_api.DialogueViewSet, basename="dialogue")
router.register("seminars", dialogue_api.SeminarViewSet, basename="seminar")
router.register("success-cases", SuccessCaseViewSet, basename="success-case")
router.register("questionnaires", views.QuestionnaireViewSet, basename="questionnaire")
router.register("contributions", ContributionViewSet, basename="contribution")
router.register("shared-initiatives", SharedInitiativeViewSet, basename="shared-initiative")

urlpatterns = [
    path("stats/", views.StatsView.as_view(), name="stats"),
    # Named like a file, as IATI tools expect; the router's addresses end in a slash.
    path("initiatives/iati.xml", views.IatiExportView.as_view(), name="initiatives-iati"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
