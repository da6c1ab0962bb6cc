"""URLs of the learner's "Ôn tập" pages (:mod:`lms.revision.views`); see lms.revision.urls."""

from django.urls import path

from lms.revision import views

urlpatterns = [
    path("", views.revision_home, name="revision_home"),
    path("luyen-tap/", views.revision_practice, name="revision_practice"),
    path("on-lai/", views.revision_review, name="revision_review"),
    path("mon/<int:subject_id>/lop/<int:grade>/", views.revision_map, name="revision_map"),
    path("yeu-cau/<int:outcome_id>/", views.revision_outcome, name="revision_outcome"),
]
