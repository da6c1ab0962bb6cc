"""URLs of revision (ôn tập), mounted at ``/on-tap/`` by config.urls: the pages
(:mod:`lms.revision.views`), offline packs and their sync (:mod:`lms.revision.offline_views`)
and mock exams (:mod:`lms.revision.mock_views`)."""

from django.urls import include, path

urlpatterns = [
    path("", include("lms.revision.page_urls")),
    path("", include("lms.revision.offline_urls")),
    path("thi-thu/", include("lms.revision.mock_urls")),
]
