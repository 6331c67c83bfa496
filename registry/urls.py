from django.urls import path

from registry import shared_views, views

app_name = "registry"
urlpatterns = [
    path("", views.initiative_list_view, name="initiative_list"),
    path("<int:pk>/", views.initiative_detail_view, name="initiative_detail"),
    path("<int:pk>/confirm/", views.initiative_confirm_view, name="initiative_confirm"),
    path("shared/", shared_views.shared_queue, name="shared_queue"),
    path("shared/link/", shared_views.shared_link_view, name="shared_link"),
    path("shared/<int:pk>/", shared_views.shared_detail, name="shared_detail"),
]
