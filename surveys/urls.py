from django.urls import path

from surveys import views, word_views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_home, name="survey_home"),
    path("campaigns/<int:campaign_pk>/start/", views.ficha_start, name="ficha_start"),
    path("campaigns/<int:pk>/progress/", views.campaign_progress_view, name="campaign_progress"),
    path("campaigns/<int:pk>/institutions/<int:institution_pk>/remind/", views.campaign_remind, name="campaign_remind"),
    path("campaigns/<int:pk>/institutions/<int:institution_pk>/extension/", views.campaign_extension, name="campaign_extension"),
    path("notices/", views.notices_choose, name="notices_choose"),
    path("campaigns/<int:campaign_pk>/ficha.docx", word_views.blank_form, name="blank_form"),
    path("uploads/", word_views.upload, name="upload"),
    path("uploads/<int:pk>/", word_views.upload_review, name="upload_review"),
    path("uploads/<int:pk>/original.docx", word_views.upload_original, name="upload_original"),
    path("invitations/new/", views.invitation_create, name="invitation_create"),
    path("fichas/<int:pk>/", views.ficha_detail, name="ficha_detail"),
    path("fichas/<int:pk>/submit/", views.ficha_submit, name="ficha_submit"),
    path("fichas/<int:pk>/carry-over/", views.ficha_carry_over, name="ficha_carry_over"),
    path("fichas/<int:pk>/ficha.docx", views.ficha_download, name="ficha_download"),
    path("fichas/<int:pk>/review/", views.ficha_review, name="ficha_review"),
    path("fichas/<int:ficha_pk>/initiatives/new/", views.ficha_initiative_edit, name="ficha_initiative_create"),
    path("fichas/<int:ficha_pk>/initiatives/<int:pk>/", views.ficha_initiative_edit, name="ficha_initiative_edit"),
    path("fichas/<int:ficha_pk>/initiatives/<int:pk>/delete/", views.ficha_initiative_delete, name="ficha_initiative_delete"),
]
