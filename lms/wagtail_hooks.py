"""The admin's way to the exam board's pages (``/thi/quan-ly/``): a menu item shown only
to those who may run exam sessions (:func:`lms.permissions.can_run_sessions`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms import permissions


class ExamBoardMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_run_sessions(request.user)


@hooks.register("register_admin_menu_item")
def exam_board_menu_item():
    return ExamBoardMenuItem(
        _("Thi trực tuyến"), reverse("exam_board"), icon_name="tasks", order=235
    )


@hooks.register("register_log_actions")
def register_gradebook_log_actions(actions):
    actions.register_action(
        "lms.gradebook.save", _("Ghi sổ điểm"), _("Đã ghi điểm vào sổ điểm của lớp")
    )
    actions.register_action("lms.gradebook.lock", _("Khoá sổ điểm"), _("Đã khoá sổ điểm học kỳ"))
    actions.register_action(
        "lms.gradebook.unlock", _("Mở khoá sổ điểm"), _("Đã mở khoá sổ điểm học kỳ")
    )


@hooks.register("register_log_actions")
def register_assignment_log_actions(actions):
    actions.register_action("lms.assignment.create", _("Giao bài"), _("Đã giao bài"))
    actions.register_action("lms.assignment.edit", _("Sửa bài giao"), _("Đã sửa bài giao"))
    actions.register_action(
        "lms.assignment.override", _("Gia hạn cho học sinh"), _("Đã đặt hạn riêng cho học sinh")
    )
    actions.register_action(
        "lms.assignment.release", _("Công bố kết quả bài giao"), _("Đã công bố kết quả")
    )


@hooks.register("register_log_actions")
def register_marking_log_actions(actions):
    actions.register_action("lms.marking.mark", _("Chấm bài"), _("Đã chấm một câu của bài làm"))
    actions.register_action("lms.marking.return", _("Trả bài"), _("Đã trả bài cho học sinh"))
    actions.register_action(
        "lms.marking.gradebook", _("Ghi bài giao vào sổ điểm"), _("Đã ghi điểm bài giao vào sổ")
    )
    actions.register_action("lms.marking.rubric", _("Lưu tiêu chí chấm"), _("Đã lưu tiêu chí chấm"))


@hooks.register("register_log_actions")
def register_report_survey_log_actions(actions):
    actions.register_action(
        "lms.reports.online_periods", _("Ghi tiết dạy trực tuyến"), _("Đã ghi số tiết trực tuyến")
    )
    actions.register_action("lms.survey.create", _("Tạo khảo sát"), _("Đã tạo khảo sát"))
    actions.register_action("lms.survey.publish", _("Công bố khảo sát"), _("Đã công bố khảo sát"))
