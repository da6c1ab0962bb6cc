"""URLs of satisfaction surveys, mounted at ``/hoc/khao-sat/`` (lms.urls)."""

from django.urls import path

from lms.surveys import views

urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("quan-ly/", views.survey_manage, name="survey_manage"),
    path("quan-ly/moi/", views.survey_create, name="survey_create"),
    path("<int:survey_id>/", views.survey_answer, name="survey_answer"),
    path("<int:survey_id>/cong-bo/", views.survey_publish, name="survey_publish"),
    path("<int:survey_id>/ket-qua/", views.survey_results, name="survey_results"),
    path("<int:survey_id>/ket-qua.xlsx", views.survey_export, name="survey_export"),
]
