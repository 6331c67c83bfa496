from django.urls import path

from registry import views

app_name = "registry"
urlpatterns = [
    path("", views.initiative_list_view, name="initiative_list"),
    path("<int:pk>/", views.initiative_detail_view, name="initiative_detail"),
    path("<int:pk>/confirm/", views.initiative_confirm_view, name="initiative_confirm"),
]
