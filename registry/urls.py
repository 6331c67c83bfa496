from django.urls import path

from registry import followup_views, views

app_name = "registry"
urlpatterns = [
    path("", views.initiative_list_view, name="initiative_list"),
    path("<int:pk>/", views.initiative_detail_view, name="initiative_detail"),
    path("<int:pk>/confirm/", views.initiative_confirm_view, name="initiative_confirm"),
    path("<int:pk>/follow-up/", followup_views.followup_view, name="initiative_followup"),
]
