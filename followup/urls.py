from django.urls import path

from followup import views

app_name = "followup"
urlpatterns = [
    path("<int:pk>/follow-up/", views.followup_view, name="initiative_followup"),
    path("health/<str:token>/", views.health_answer_view, name="health_answer"),
    path("<int:pk>/follow-up/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence_download"),
]
