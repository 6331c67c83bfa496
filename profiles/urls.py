from django.urls import path, re_path

from profiles import views

app_name = "profiles"
urlpatterns = [
    path("", views.country_list, name="country_list"),
    # Two letters only: anything else is no country, and never reaches the database.
    re_path(r"^(?P<iso2>[A-Za-z]{2})/$", views.country_detail, name="country_detail"),
]
