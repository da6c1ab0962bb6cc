"""Admin forms for matrices, assembly and practice sets (labels in Vietnamese)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from curriculum.models import GRADE_CHOICES, Subject, Topic
from question_bank import permissions
from question_bank.assembly.matrix import TEMPLATES
from question_bank.scales import CognitiveLevel


class TemplateForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Mẫu định dạng đề"), choices=[(t.code, t.name) for t in TEMPLATES.values()]
    )
    subject = forms.ModelChoiceField(label=_("Môn"), queryset=Subject.objects.all())
    grade = forms.TypedChoiceField(label=_("Lớp"), choices=GRADE_CHOICES, coerce=int, initial=12)
    title = forms.CharField(label=_("Tên ma trận"), required=False, max_length=255)


class AssembleForm(forms.Form):
    forms_count = forms.IntegerField(
        label=_("Số đề khác nhau (đề song song)"), min_value=1, max_value=40, initial=1
    )
    versions = forms.IntegerField(
        label=_("Số mã đề mỗi đề (đảo câu, đảo phương án)"), min_value=1, max_value=99, initial=4
    )
    codes = forms.CharField(
        label=_("Mã đề"),
        required=False,
        help_text=_("Để trống: 0101, 0102… Hoặc nhập khoảng/danh sách: 034-036 hoặc 111,222,333."),
    )
    seed = forms.IntegerField(
        label=_("Hạt giống ngẫu nhiên"),
        required=False,
        min_value=0,
        help_text=_("Cùng hạt giống và ngân hàng thì ghép lại được đúng đề cũ."),
    )
    avoid_recent = forms.IntegerField(
        label=_("Tránh câu đã dùng trong N đề gần nhất của trường"),
        min_value=0,
        max_value=50,
        initial=0,
    )
    max_overlap = forms.IntegerField(
        label=_("Số câu tối đa hai đề song song được trùng"), min_value=0, initial=0
    )
    shuffle_statements = forms.BooleanField(
        label=_("Đảo thứ tự các ý a), b), c), d) của câu Đúng/Sai"), required=False, initial=True
    )
    authority = forms.CharField(label=_("Cơ quan chủ quản"), initial="SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    organisation = forms.CharField(label=_("Đơn vị (trường/hội đồng)"), required=False)
    exam_title = forms.CharField(label=_("Tên kỳ thi/bài kiểm tra"), initial="ĐỀ KIỂM TRA")
    school_year = forms.CharField(label=_("Năm học"), required=False)


class PracticeForm(forms.Form):
    subject = forms.ModelChoiceField(label=_("Môn"), queryset=Subject.objects.all())
    grade = forms.TypedChoiceField(label=_("Lớp"), choices=GRADE_CHOICES, coerce=int, initial=12)
    topic = forms.ModelChoiceField(
        label=_("Chương/chủ đề"), queryset=Topic.objects.select_related("subject"), required=False
    )
    level = forms.ModelChoiceField(
        label=_("Mức độ"),
        queryset=CognitiveLevel.objects.filter(scale__is_default=True),
        required=False,
    )
    count = forms.IntegerField(label=_("Số câu"), min_value=1, max_value=100, initial=10)


class ExamMatrixForm(WagtailAdminModelForm):
    """Whoever creates a matrix in the admin owns it; it draws only from banks its
    creator sees (others are neither listed nor accepted)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "banks" in self.fields:
            self.fields["banks"].queryset = permissions.visible_banks(self.for_user)

    def save(self, commit=True):
        if not self.instance.created_by_id:
            self.instance.created_by = self.for_user
        return super().save(commit)
