from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report.<str:format>", views.download, name="download"),
    path("map.<str:format>", views.map_file, name="map_file"),
    path("chart-<str:chart>.<str:format>", views.chart_file, name="chart_file"),
    path("jobs/<uuid:pk>/", views.job, name="job"),
    path("jobs/<uuid:pk>/file", views.job_file, name="job_file"),
]
