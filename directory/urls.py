from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("", views.actor_list_view, name="actor_list"),
    path("<int:pk>/", views.actor_detail_view, name="actor_detail"),
]
