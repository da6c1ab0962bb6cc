"""URLs of marking, mounted at ``/hoc/cham-bai/`` (lms.urls)."""

from django.urls import path

from lms.marking import views

urlpatterns = [
    path("tieu-chi/", views.rubric_list, name="marking_rubrics"),
    path("tieu-chi/<int:rubric_id>/", views.rubric_edit, name="marking_rubric_edit"),
    path("<int:assignment_id>/", views.marking_queue, name="marking_queue"),
    path(
        "<int:assignment_id>/bai/<int:attempt_id>/cau/<int:slot>/",
        views.marking_answer,
        name="marking_answer",
    ),
    path("<int:assignment_id>/tra-bai/", views.marking_return, name="marking_return"),
    path("<int:assignment_id>/so-diem/", views.marking_gradebook, name="marking_gradebook"),
]
