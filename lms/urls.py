"""URLs of this part of the site; included from config.urls."""

from django.urls import include, path

from lms import views

urlpatterns = [
    path(
        "cau-hoi/<int:version_id>/tra-loi/",
        views.question_check,
        name="question_check",
    ),
    path(
        "bai-giang/<int:page_id>/su-kien/",
        views.electure_event,
        name="electure_event",
    ),
    # E-lecture packages (SCORM/H5P): the player, its session and tracking, the results.
    path("goi/", include("lms.packages.urls")),
    # The gradebook of Thông tư 22 (sổ điểm).
    path("so-diem/", include("lms.gradebook.urls")),
    # Assignments (giao bài), the student's "Việc cần làm", progress (lms.assignments).
    path("giao-bai/", include("lms.assignments.urls")),
    # Marking (chấm bài) of assignments: queue, rubrics, returning work, the gradebook link.
    path("cham-bai/", include("lms.marking.urls")),
    # Reports of the school and the department, a class's progress (lms.reports).
    path("bao-cao/", include("lms.reports.urls")),
    # Satisfaction surveys (lms.surveys).
    path("khao-sat/", include("lms.surveys.urls")),
]
