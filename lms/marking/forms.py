"""Forms of marking: a rubric as text, a mark of one answer (points typed or a rubric's
levels), the gradebook column of an assignment. Choices are narrowed by
:mod:`lms.permissions` on GET and checked again on POST."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from curriculum.models import Subject
from lms import permissions
from lms.exams.forms import parse_points
from lms.gradebook.models import Term
from lms.marking.rubrics import vn_points
from lms.marking.selectors import COLUMNS


class RubricForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Tên tiêu chí chấm"),
        max_length=200,
        error_messages={"required": gettext_lazy("Hãy đặt tên cho tiêu chí chấm.")},
    )
    text = forms.CharField(
        label=gettext_lazy("Tiêu chí và mức (mỗi dòng một tiêu chí)"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Ví dụ: Nội dung: Đầy đủ = 2; Thiếu ý = 1; Sai = 0"),
        error_messages={"required": gettext_lazy("Hãy ghi ít nhất một tiêu chí.")},
    )


class MarkForm(forms.Form):
    """Points (optional when a rubric's levels are chosen), comment, reason; one choice
    field per criterion of the chosen rubric (``level_<i>``)."""

    points = forms.CharField(
        label=gettext_lazy("Điểm"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    comment = forms.CharField(
        label=gettext_lazy("Nhận xét cho học sinh"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do sửa điểm (câu chấm tự động)"), required=False, max_length=300
    )

    def __init__(self, *args, user, rubric=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.chosen_rubric = rubric
        self.fields["rubric"] = forms.ModelChoiceField(
            label=_("Tiêu chí chấm"),
            queryset=permissions.own_rubrics(user),
            required=False,
            empty_label=_("(Không dùng tiêu chí)"),
            error_messages={"invalid_choice": _("Tiêu chí chấm này không phải của bạn.")},
        )
        for index, row in enumerate(rubric.rows if rubric else []):
            self.fields[f"level_{index}"] = forms.TypedChoiceField(
                label=row["name"],
                choices=[
                    (n, f"{lv['label']} ({vn_points(lv['points'])})")
                    for n, lv in enumerate(row["levels"])
                ],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )

    @property
    def level_fields(self):
        return [self[name] for name in self.fields if name.startswith("level_")]

    def clean_points(self) -> Decimal | None:
        raw = self.cleaned_data.get("points") or ""
        if not raw.strip():
            return None
        points = parse_points(raw)
        if points is None:
            raise forms.ValidationError(_("Điểm không hợp lệ: hãy nhập một số, ví dụ 1,5."))
        return points

    def picks(self) -> dict[int, int]:
        out = {}
        for name, value in self.cleaned_data.items():
            if name.startswith("level_") and value not in (None, ""):
                out[int(name.removeprefix("level_"))] = int(value)
        return out


class GradebookForm(forms.Form):
    """The column of the class's gradebook an assignment's scores go to."""

    term = forms.TypedChoiceField(label=gettext_lazy("Học kỳ"), choices=Term.choices, coerce=int)
    column = forms.ChoiceField(
        label=gettext_lazy("Cột điểm"), choices=[(c, f"ĐĐG{c}") for c in COLUMNS]
    )

    def __init__(self, *args, user, school_class, **kwargs):
        super().__init__(*args, **kwargs)
        editable = permissions.editable_gradebook_subjects(user, school_class)
        self.fields["subject"] = forms.ModelChoiceField(
            label=_("Môn"),
            queryset=Subject.objects.filter(pk__in=editable),
            error_messages={
                "required": _("Hãy chọn môn."),
                "invalid_choice": _("Bạn không dạy môn này ở lớp này."),
            },
        )
