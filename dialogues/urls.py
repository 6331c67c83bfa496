from django.urls import path

from dialogues import views

app_name = "dialogues"
urlpatterns = [
    path("", views.dialogue_list, name="dialogue_list"),
    path("candidates/", views.candidates, name="candidates"),
    path("<int:pk>/", views.dialogue_detail, name="dialogue_detail"),
    path("<int:pk>/schedule/", views.dialogue_schedule, name="dialogue_schedule"),
    path("<int:pk>/status/", views.dialogue_status, name="dialogue_status"),
    path("interest/<int:initiative_pk>/", views.interest, name="interest"),
    path("seminars/<int:pk>/", views.seminar_detail, name="seminar_detail"),
    path("seminars/<int:pk>/concept-note", views.seminar_concept_note, name="seminar_concept_note"),
]
