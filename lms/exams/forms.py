"""Forms of the exam board's pages (Vietnamese labels and errors).

Every choice is narrowed by :mod:`lms.permissions` (and the bank's
:func:`question_bank.permissions.visible_papers`) when the form is built, so the same rule
narrows what the page offers and validates what is posted.
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import SchoolClass, User
from lms import permissions
from lms.exams.models import ExamSession, ReleasePolicy, ReviewPolicy
from lms.exams.services import SessionWindow
from question_bank.assembly.models import Paper
from question_bank.permissions import visible_papers

#: Minutes after opening during which a candidate may still start (default last entry),
#: and after the duration until the session ends (default end).
ENTRY_MINUTES = 15
DEFAULT_DURATION = 45
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"]

REQUIRED = {"required": gettext_lazy("Hãy điền mục này.")}
NUMBER = {
    "required": gettext_lazy("Hãy điền mục này."),
    "invalid": gettext_lazy("Hãy nhập một số nguyên."),
    "min_value": gettext_lazy("Số phải từ %(limit_value)s trở lên."),
    "max_value": gettext_lazy("Số không được quá %(limit_value)s."),
}
WHEN = {
    "required": gettext_lazy("Hãy nhập ngày giờ."),
    "invalid": gettext_lazy("Ngày giờ không hợp lệ: hãy nhập theo dạng dd/mm/yyyy HH:MM."),
}
CHOICE = {
    "required": gettext_lazy("Hãy chọn một mục."),
    "invalid_choice": gettext_lazy("Lựa chọn không hợp lệ hoặc bạn không có quyền chọn."),
    "invalid_pk_value": gettext_lazy("Lựa chọn không hợp lệ."),
    "invalid_list": gettext_lazy("Lựa chọn không hợp lệ."),
}


def _when_field(label, *, required=False, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATETIME_FORMATS,
        error_messages=WHEN,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class PaperChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(title)s (tạo ngày %(day)s)") % {
            "title": obj.title,
            "day": obj.created_at.strftime("%d/%m/%Y"),
        }


class ClassChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} – {obj.school.name} ({obj.school_year.name})"


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.username


def session_papers(user):
    """Papers a session may be made of: those the user sees that have their versions."""
    return Paper.objects.filter(
        pk__in=visible_papers(user).values("pk"), variants__isnull=False
    ).distinct()


def paper_duration(paper: Paper | None) -> int:
    try:
        minutes = int((paper.header or {}).get("duration_minutes") or 0) if paper else 0
    except (TypeError, ValueError):
        minutes = 0
    return minutes if minutes > 0 else DEFAULT_DURATION


class SessionCreateForm(forms.Form):
    paper = PaperChoice(
        label=gettext_lazy("Đề thi"), queryset=Paper.objects.none(), error_messages=CHOICE
    )
    title = forms.CharField(
        label=gettext_lazy("Tên ca thi"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Để trống: dùng tên đề."),
    )
    classes = ClassChoice(
        label=gettext_lazy("Lớp dự thi"),
        queryset=SchoolClass.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE,
    )
    students = forms.CharField(
        label=gettext_lazy("Thêm thí sinh theo mã định danh"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Mỗi dòng một mã định danh (10 chữ số)."),
    )
    opens_at = _when_field(gettext_lazy("Mở cửa lúc"), required=True)
    last_entry_at = _when_field(
        gettext_lazy("Vào muộn nhất lúc"),
        help_text=gettext_lazy("Để trống: 15 phút sau giờ mở cửa."),
    )
    closes_at = _when_field(
        gettext_lazy("Kết thúc ca lúc"),
        help_text=gettext_lazy("Để trống: giờ mở cửa + thời gian làm bài + 15 phút."),
    )
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Thời gian làm bài (phút)"),
        min_value=1,
        max_value=600,
        required=False,
        error_messages=NUMBER,
        help_text=gettext_lazy("Để trống: theo đề (hoặc 45 phút)."),
    )
    grace_seconds = forms.IntegerField(
        label=gettext_lazy("Thời gian chờ bài lưu đang gửi (giây)"),
        min_value=0,
        max_value=900,
        initial=120,
        error_messages=NUMBER,
    )
    room_size = forms.IntegerField(
        label=gettext_lazy("Số thí sinh mỗi phòng"),
        min_value=1,
        max_value=500,
        required=False,
        error_messages=NUMBER,
        help_text=gettext_lazy("Để trống: mỗi lớp một phòng."),
    )
    attempts_allowed = forms.IntegerField(
        label=gettext_lazy("Số lần làm bài"),
        min_value=1,
        max_value=20,
        initial=1,
        error_messages=NUMBER,
    )
    release_policy = forms.ChoiceField(
        label=gettext_lazy("Công bố kết quả"),
        choices=ReleasePolicy.choices,
        initial=ReleasePolicy.MANUAL,
        error_messages=CHOICE,
    )
    review_policy = forms.ChoiceField(
        label=gettext_lazy("Học sinh được xem"),
        choices=ReviewPolicy.choices,
        initial=ReviewPolicy.SCORE,
        error_messages=CHOICE,
    )
    require_identity = forms.BooleanField(
        label=gettext_lazy("Kiểm tra danh tính (ngày sinh hoặc 6 số cuối CCCD)"),
        required=False,
        initial=True,
    )
    markers = PersonChoice(
        label=gettext_lazy("Giám khảo chấm tự luận"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["paper"].queryset = session_papers(user).order_by("-created_at")
        self.fields["classes"].queryset = (
            permissions.session_classes(user)
            .select_related("school", "school_year")
            .order_by("school__name", "grade", "name")
        )
        self.fields["markers"].queryset = permissions.session_colleagues(user).order_by(
            "full_name", "username"
        )

    def clean_students(self):
        ids = [line.strip() for line in re.split(r"[\s,;]+", self.cleaned_data["students"] or "")]
        ids = list(dict.fromkeys(i for i in ids if i))
        if not ids:
            return []
        found = {
            s.student_id: s
            for s in permissions.session_students(self.user).filter(student_id__in=ids)
        }
        unknown = [i for i in ids if i not in found]
        if unknown:
            raise forms.ValidationError(
                _("Không tìm thấy học sinh có mã định danh: %(ids)s.") % {"ids": ", ".join(unknown)}
            )
        return [found[i] for i in ids]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not data.get("classes") and not data.get("students"):
            self.add_error("classes", _("Hãy chọn ít nhất một lớp hoặc nhập một thí sinh."))
            return data
        opens = data["opens_at"]
        duration = data.get("duration_minutes") or paper_duration(data["paper"])
        data["duration_minutes"] = duration
        data["last_entry_at"] = data.get("last_entry_at") or opens + dt.timedelta(
            minutes=ENTRY_MINUTES
        )
        data["closes_at"] = data.get("closes_at") or opens + dt.timedelta(
            minutes=duration + ENTRY_MINUTES
        )
        return data

    def window(self) -> SessionWindow:
        data = self.cleaned_data
        return SessionWindow(
            opens_at=data["opens_at"],
            last_entry_at=data["last_entry_at"],
            closes_at=data["closes_at"],
            duration_minutes=data["duration_minutes"],
            grace_seconds=data["grace_seconds"],
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "paper": data["paper"],
            "title": data["title"],
            "window": self.window(),
            "kind": ExamSession.Kind.EXAM,
            "classes": list(data["classes"]),
            "students": data["students"],
            "room_size": data["room_size"],
            "attempts_allowed": data["attempts_allowed"],
            "release_policy": data["release_policy"],
            "review_policy": data["review_policy"],
            "require_identity": data["require_identity"],
            "markers": list(data["markers"]),
        }


class InvigilatorsForm(forms.Form):
    invigilators = PersonChoice(
        label=gettext_lazy("Giám thị"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE,
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invigilators"].queryset = permissions.session_staff(session).order_by(
            "full_name", "username"
        )


class RegradeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do chấm lại"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Hãy ghi lý do chấm lại.")},
    )


def parse_points(text: str) -> Decimal | None:
    """ "1,5" or "1.5" → Decimal("1.5"); None when it is not a number."""
    text = (text or "").strip().replace(" ", "").replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


class EssayMarkForm(forms.Form):
    points = forms.CharField(
        label=gettext_lazy("Điểm"),
        max_length=12,
        error_messages={"required": gettext_lazy("Hãy nhập điểm.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    comment = forms.CharField(
        label=gettext_lazy("Nhận xét"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, most: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.most = most

    def clean_points(self):
        points = parse_points(self.cleaned_data["points"])
        if points is None:
            raise forms.ValidationError(_("Điểm không hợp lệ: hãy nhập một số, ví dụ 1,5."))
        if not Decimal(0) <= points <= self.most:
            raise forms.ValidationError(
                _("Điểm phải từ 0 đến %(max)s.")
                % {"max": format(self.most.normalize(), "f").replace(".", ",")}
            )
        return points
