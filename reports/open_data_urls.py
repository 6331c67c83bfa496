from django.urls import path

from reports import open_data_views

app_name = "open_data"
urlpatterns = [
    path("", open_data_views.open_data_page, name="page"),
    path("alianzas-pifcss.zip", open_data_views.open_data_download, name="download"),
]
