"""URLs of online exams and practice (mounted at ``/thi/`` by config.urls).

Candidates: ``views`` (pages) and ``api_views`` (the page's JSON endpoints); invigilators:
``room_views``; the exam board: ``board_views``.
"""

from django.urls import path

from lms.exams import api_views

urlpatterns = [
    path("bai/<int:attempt_id>/luu/", api_views.attempt_save, name="exam_save"),
    path("bai/<int:attempt_id>/nhip/", api_views.attempt_heartbeat, name="exam_heartbeat"),
    path("bai/<int:attempt_id>/su-kien/", api_views.attempt_event, name="exam_event"),
    path("bai/<int:attempt_id>/nop/", api_views.attempt_submit, name="exam_submit"),
]
