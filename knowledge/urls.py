from django.urls import path

from knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("glossary/", views.glossary_view, name="glossary"),
    path("success-cases/", views.success_case_list_view, name="success_case_list"),
    path("success-cases/<int:pk>/", views.success_case_detail_view, name="success_case_detail"),
    path("success-cases/<int:pk>/case.docx", views.success_case_word_view, name="success_case_word"),
]
