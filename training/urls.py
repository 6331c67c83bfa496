from django.urls import path

from training import views

app_name = "training"
urlpatterns = [
    path("", views.workshop_list, name="workshop_list"),
    path("new/", views.workshop_form, name="workshop_new"),
    path("report/", views.trained_report, name="trained_report"),
    path("<int:pk>/", views.workshop_detail, name="workshop_detail"),
    path("<int:pk>/edit/", views.workshop_form, name="workshop_edit"),
    path("<int:pk>/materials/<int:material_pk>/", views.material_download, name="material_download"),
    path("answer/<str:token>/", views.survey_answer, name="survey_answer"),
]
