"""URLs of the gradebook (mounted at ``/hoc/so-diem/`` by :mod:`lms.urls`)."""

from django.urls import path

from lms.gradebook import views

urlpatterns = [
    path("", views.gradebook_home, name="gradebook_home"),
    path("cua-em/", views.gradebook_own, name="gradebook_own"),
    path("khoa-so/", views.gradebook_locks, name="gradebook_locks"),
    path("lop/<int:class_id>/", views.gradebook_class, name="gradebook_class"),
    path(
        "lop/<int:class_id>/mon/<int:subject_id>/",
        views.gradebook_sheet,
        name="gradebook_sheet",
    ),
    path(
        "lop/<int:class_id>/mon/<int:subject_id>/xuat/",
        views.gradebook_export,
        name="gradebook_export",
    ),
    path(
        "lop/<int:class_id>/mon/<int:subject_id>/nhap/",
        views.gradebook_import,
        name="gradebook_import",
    ),
    path(
        "lop/<int:class_id>/mon/<int:subject_id>/lay-diem-ca-thi/",
        views.gradebook_fill_from_exam,
        name="gradebook_fill_from_exam",
    ),
    path(
        "lop/<int:class_id>/hoc-sinh/<int:student_id>/phieu-diem/",
        views.gradebook_report_card,
        name="gradebook_report_card",
    ),
]
