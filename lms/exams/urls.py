"""URLs of online exams and practice (mounted at ``/thi/`` by config.urls).

Candidates: ``views`` (pages) and ``api_views`` (the page's JSON endpoints); invigilators:
``room_views``; the exam board: ``board_views``.
"""

from django.urls import path

from lms.exams import api_views, board_views, practice_views, room_views
from lms.exams import views as candidate_views

urlpatterns = [
    path("", candidate_views.exam_list, name="exam_list"),
    path("sw.js", candidate_views.exam_service_worker, name="exam_service_worker"),
    path("<int:candidate_id>/", candidate_views.candidate_entry, name="exam_entry"),
    path("<int:candidate_id>/lam-bai/", candidate_views.attempt_take, name="exam_take"),
    path("bai/<int:attempt_id>/da-nop/", candidate_views.attempt_submitted, name="exam_submitted"),
    path("bai/<int:attempt_id>/luu/", api_views.attempt_save, name="exam_save"),
    path("bai/<int:attempt_id>/nhip/", api_views.attempt_heartbeat, name="exam_heartbeat"),
    path("bai/<int:attempt_id>/su-kien/", api_views.attempt_event, name="exam_event"),
    path("bai/<int:attempt_id>/nop/", api_views.attempt_submit, name="exam_submit"),
    # Practice on the engine (practice_views).
    path("luyen-tap/", practice_views.practice_home, name="exam_practice_home"),
    path("bai/<int:attempt_id>/kiem-tra/", practice_views.practice_check, name="exam_check"),
    path("phong/<int:room_id>/", room_views.room_view, name="exam_room"),
    path("phong/<int:room_id>/trang-thai/", room_views.room_status_json, name="exam_room_status"),
    path(
        "phong/<int:room_id>/thi-sinh/<int:candidate_id>/",
        room_views.candidate_view,
        name="exam_room_candidate",
    ),
    path(
        "phong/<int:room_id>/thi-sinh/<int:candidate_id>/<slug:action>/",
        room_views.candidate_action,
        name="exam_room_action",
    ),
    # The exam board (board_views).
    path("quan-ly/", board_views.board_home, name="exam_board"),
    path("quan-ly/tao/", board_views.session_new, name="exam_board_create"),
    path("quan-ly/<int:session_id>/", board_views.session_detail, name="exam_board_session"),
    path(
        "quan-ly/<int:session_id>/phong/<int:room_id>/giam-thi/",
        board_views.room_invigilators,
        name="exam_board_invigilators",
    ),
    path(
        "quan-ly/<int:session_id>/cong-bo/",
        board_views.session_release,
        name="exam_board_release",
    ),
    path(
        "quan-ly/<int:session_id>/cham-lai/",
        board_views.session_regrade,
        name="exam_board_regrade",
    ),
    path(
        "quan-ly/<int:session_id>/ket-qua/",
        board_views.session_results,
        name="exam_board_results",
    ),
    path(
        "quan-ly/<int:session_id>/ket-qua.xlsx",
        board_views.session_results_xlsx,
        name="exam_board_results_xlsx",
    ),
    path(
        "quan-ly/<int:session_id>/bai/<int:attempt_id>/",
        board_views.attempt_detail,
        name="exam_board_attempt",
    ),
    path("quan-ly/<int:session_id>/cham/", board_views.marking_queue, name="exam_board_marking"),
    path(
        "quan-ly/<int:session_id>/cham/<int:attempt_id>/<int:slot>/",
        board_views.essay_mark,
        name="exam_board_mark",
    ),
]
