"""URLs of assignments, mounted at ``/hoc/giao-bai/`` (lms.urls)."""

from django.urls import path

from lms.assignments import views

urlpatterns = [
    path("", views.teacher_home, name="assignment_home"),
    path("viec-can-lam/", views.todo, name="assignment_todo"),
    path("thong-bao/", views.notifications, name="assignment_notifications"),
    path("lop/<int:class_id>/", views.class_assignments, name="assignment_class"),
    path("lop/<int:class_id>/giao/", views.assignment_create, name="assignment_create"),
    path("<int:assignment_id>/", views.assignment_work, name="assignment_work"),
    path("<int:assignment_id>/sua/", views.assignment_edit, name="assignment_edit"),
    path("<int:assignment_id>/tien-do/", views.assignment_progress, name="assignment_progress"),
    path(
        "<int:assignment_id>/tien-do.json",
        views.assignment_progress_json,
        name="assignment_progress_json",
    ),
    path("<int:assignment_id>/gia-han/", views.assignment_override, name="assignment_override"),
    path("<int:assignment_id>/cong-bo/", views.assignment_release, name="assignment_release"),
]
