from django.urls import path

from capacities import views

app_name = "capacities"
urlpatterns = [
    path("", views.board, name="board"),
    path("needs/new/", views.post_form, {"kind": "need"}, name="need_new"),
    path("needs/<int:pk>/", views.need_detail, name="need_detail"),
    path("needs/<int:pk>/edit/", views.post_form, {"kind": "need"}, name="need_edit"),
    path("offers/new/", views.post_form, {"kind": "offer"}, name="offer_new"),
    path("offers/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/edit/", views.post_form, {"kind": "offer"}, name="offer_edit"),
]
