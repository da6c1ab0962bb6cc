"""The teacher's assignment form and the per-student override form (Vietnamese labels and
errors). Every choice is narrowed by :mod:`lms.permissions` when the form is built, so the
same rule narrows what the page offers and validates what is posted."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from content.models import ELecturePage, LessonPage
from lms import permissions
from lms.assignments.models import Audience, LatePolicy, ScoreRule, WorkKind
from lms.assignments.services import MAX_VERSIONS, AssignmentInput
from lms.exams.forms import CHOICE, NUMBER, REQUIRED, PaperChoice, PersonChoice, _when_field
from lms.exams.models import ReleasePolicy, ReviewPolicy
from question_bank.assembly.models import ExamMatrix, Paper

#: Work given without a date opens at once and is due a week later.
DEFAULT_DAYS = 7


class AssignmentForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Tên bài giao"), max_length=255, error_messages=REQUIRED
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại bài"), choices=WorkKind.choices, error_messages=CHOICE
    )
    paper = PaperChoice(
        label=gettext_lazy("Đề / bộ luyện tập"),
        queryset=Paper.objects.none(),
        required=False,
        error_messages=CHOICE,
    )
    matrix = forms.ModelChoiceField(
        label=gettext_lazy("Hoặc ma trận đề (bài kiểm tra: ghép đề mới khi giao bài)"),
        queryset=ExamMatrix.objects.none(),
        required=False,
        error_messages=CHOICE,
    )
    versions = forms.IntegerField(
        label=gettext_lazy("Số mã đề khi ghép từ ma trận"),
        required=False,
        initial=1,
        min_value=1,
        max_value=MAX_VERSIONS,
        error_messages=NUMBER,
    )
    page = forms.ModelChoiceField(
        label=gettext_lazy("Bài học / bài giảng điện tử"),
        queryset=Page.objects.none(),
        required=False,
        error_messages=CHOICE,
    )
    library_item = forms.ModelChoiceField(
        label=gettext_lazy("Tài liệu thư viện"),
        queryset=None,
        required=False,
        error_messages=CHOICE,
    )
    package = forms.ModelChoiceField(
        label=gettext_lazy("Gói bài giảng"), queryset=None, required=False, error_messages=CHOICE
    )
    instructions = forms.CharField(
        label=gettext_lazy("Hướng dẫn"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    audience = forms.ChoiceField(
        label=gettext_lazy("Giao cho"),
        choices=Audience.choices,
        initial=Audience.CLASS,
        error_messages=CHOICE,
    )
    group_name = forms.CharField(label=gettext_lazy("Tên nhóm"), max_length=60, required=False)
    students = PersonChoice(
        label=gettext_lazy("Học sinh"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE,
    )
    opens_at = _when_field(gettext_lazy("Mở từ"))
    due_at = _when_field(gettext_lazy("Hạn nộp"))
    late_policy = forms.ChoiceField(
        label=gettext_lazy("Nộp muộn"), choices=LatePolicy.choices, error_messages=CHOICE
    )
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Thời gian làm bài (phút, với bài kiểm tra)"),
        required=False,
        min_value=1,
        max_value=300,
        error_messages=NUMBER,
    )
    attempts_allowed = forms.IntegerField(
        label=gettext_lazy("Số lần làm"),
        initial=1,
        min_value=1,
        max_value=99,
        error_messages=NUMBER,
    )
    score_rule = forms.ChoiceField(
        label=gettext_lazy("Tính điểm theo"), choices=ScoreRule.choices, error_messages=CHOICE
    )
    release_policy = forms.ChoiceField(
        label=gettext_lazy("Công bố kết quả"),
        choices=[
            (ReleasePolicy.IMMEDIATE, gettext_lazy("Ngay khi nộp bài")),
            (ReleasePolicy.MANUAL, gettext_lazy("Khi giáo viên công bố")),
        ],
        error_messages=CHOICE,
    )
    review_policy = forms.ChoiceField(
        label=gettext_lazy("Học sinh được xem"),
        choices=ReviewPolicy.choices,
        initial=ReviewPolicy.ANSWERS,
        error_messages=CHOICE,
    )

    def __init__(self, *args, user, school_class, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.school_class = user, school_class
        self.fields["paper"].queryset = permissions.assignable_papers(user).order_by("-created_at")
        self.fields["matrix"].queryset = permissions.assignable_matrices(user).order_by(
            "-created_at"
        )
        page_ids = [
            *permissions.assignable_pages(user, LessonPage).values_list("pk", flat=True),
            *permissions.assignable_pages(user, ELecturePage).values_list("pk", flat=True),
        ]
        self.fields["page"].queryset = Page.objects.filter(pk__in=page_ids).order_by("title")
        self.fields["library_item"].queryset = permissions.assignable_library_items(user).order_by(
            "title"
        )
        self.fields["package"].queryset = permissions.assignable_packages(user).order_by("title")
        self.fields["students"].queryset = permissions.class_students_for_assignment(
            user, school_class
        ).order_by("last_name", "first_name", "full_name")
        if not self.is_bound and "opens_at" not in self.initial:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("opens_at", now)
            self.initial.setdefault("due_at", now + dt.timedelta(days=DEFAULT_DAYS))

    def clean(self):
        data = super().clean()
        opens, due = data.get("opens_at"), data.get("due_at")
        if opens and due and due <= opens:
            self.add_error("due_at", _("Hạn nộp phải sau thời điểm mở bài."))
        if data.get("audience") in (Audience.GROUP, Audience.STUDENTS) and not data.get("students"):
            self.add_error("students", _("Hãy chọn ít nhất một học sinh của lớp."))
        if data.get("audience") == Audience.GROUP and not (data.get("group_name") or "").strip():
            self.add_error("group_name", _("Hãy đặt tên cho nhóm."))
        return data

    def to_input(self) -> AssignmentInput:
        d = self.cleaned_data
        return AssignmentInput(
            title=d["title"],
            school_class=self.school_class,
            kind=d["kind"],
            opens_at=d["opens_at"] or timezone.now(),
            due_at=d.get("due_at"),
            instructions=d.get("instructions") or "",
            audience=d["audience"],
            group_name=(d.get("group_name") or "").strip(),
            students=list(d.get("students") or []),
            page=d.get("page"),
            library_item=d.get("library_item"),
            paper=d.get("paper"),
            matrix=d.get("matrix"),
            versions=d.get("versions") or 1,
            package=d.get("package"),
            late_policy=d["late_policy"],
            duration_minutes=d.get("duration_minutes"),
            attempts_allowed=d["attempts_allowed"],
            score_rule=d["score_rule"],
            release_policy=d["release_policy"],
            review_policy=d["review_policy"],
        )

    def add_service_errors(self, error: ValidationError) -> None:
        """A service's refusal shown at its field (or above the form)."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


def initial_from(assignment) -> dict:
    return {
        "title": assignment.title,
        "kind": assignment.kind,
        "paper": assignment.paper_id,
        "page": assignment.page_id,
        "library_item": assignment.library_item_id,
        "package": assignment.package_id,
        "instructions": assignment.instructions,
        "audience": assignment.audience,
        "group_name": assignment.group_name,
        "students": list(assignment.students.values_list("student_id", flat=True)),
        "opens_at": timezone.localtime(assignment.opens_at),
        "due_at": timezone.localtime(assignment.due_at) if assignment.due_at else None,
        "late_policy": assignment.late_policy,
        "duration_minutes": assignment.duration_minutes,
        "attempts_allowed": assignment.attempts_allowed,
        "score_rule": assignment.score_rule,
        "release_policy": assignment.release_policy,
        "review_policy": assignment.review_policy,
    }


class OverrideForm(forms.Form):
    student = forms.IntegerField(widget=forms.HiddenInput, error_messages=NUMBER)
    due_at = _when_field(gettext_lazy("Hạn nộp riêng"))
    extra_minutes = forms.IntegerField(
        label=gettext_lazy("Thêm thời gian (phút)"),
        required=False,
        min_value=0,
        max_value=600,
        error_messages=NUMBER,
    )
