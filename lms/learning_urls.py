"""URLs of this part of the site; included from config.urls."""

from django.urls import path

from lms import learning_views

urlpatterns = [
    path(
        "cau-hoi/<int:version_id>/tra-loi/",
        learning_views.question_check,
        name="question_check",
    ),
    path(
        "bai-giang/<int:page_id>/su-kien/",
        learning_views.electure_event,
        name="electure_event",
    ),
]
