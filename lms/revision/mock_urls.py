"""URLs of mock exams (:mod:`lms.revision.mock_views`), at ``/on-tap/thi-thu/``; see
lms.revision.urls."""

from django.urls import path

from lms.revision import mock_views

urlpatterns = [
    path("", mock_views.mock_home, name="revision_mock_home"),
    path("<int:attempt_id>/", mock_views.mock_report, name="revision_mock_report"),
]
