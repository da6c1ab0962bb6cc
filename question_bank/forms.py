from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from content.models import Topic
from lms import permissions
from question_bank.formats.registry import EXPORTERS
from question_bank.models import CognitiveLevel, QuestionBank

MAX_UPLOAD = 100 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ImportForm(forms.Form):
    bank = forms.ModelChoiceField(QuestionBank.objects.none(), label=_("Ngân hàng nhận câu hỏi"))
    file = forms.FileField(
        label=_("Tệp câu hỏi"),
        help_text=_("Word .docx, Moodle XML, GIFT, Aiken (.txt), QTI 2.1 (.xml hoặc gói .zip)."),
    )
    extra_files = forms.FileField(
        label=_("Tệp ảnh đi kèm (QTI rời)"),
        required=False,
        widget=MultipleFileInput(),
    )
    default_topic = forms.ModelChoiceField(
        Topic.objects.select_related("subject"), label=_("Gắn vào chương/chủ đề"), required=False
    )
    submit_for_review = forms.BooleanField(
        label=_("Gửi tổ chuyên môn duyệt ngay sau khi nhập"), required=False, initial=True
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank"].queryset = permissions.editable_banks(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp lớn hơn 100 MB."))
        return upload


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Định dạng"),
        choices=[("docx", "Word (.docx)"), ("moodle_xml", "Moodle XML"), ("qti", "QTI 2.1 (.zip)")],
    )

    def clean_format(self):
        value = self.cleaned_data["format"]
        if value not in EXPORTERS:
            raise forms.ValidationError(_("Định dạng không hỗ trợ."))
        return value


class TagForm(forms.Form):
    tags = forms.CharField(label=_("Thẻ (cách nhau bởi dấu phẩy)"), max_length=500)


class MoveForm(forms.Form):
    bank = forms.ModelChoiceField(QuestionBank.objects.none(), label=_("Chuyển sang ngân hàng"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank"].queryset = permissions.editable_banks(user)


class QuestionAdminForm(WagtailAdminModelForm):
    """Only the user's own banks, and the levels of known scales, are offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "bank" in self.fields and user is not None:
            self.fields["bank"].queryset = permissions.editable_banks(user)
        if "level" in self.fields:
            self.fields["level"].queryset = CognitiveLevel.objects.select_related("scale")
        if "stimulus" in self.fields and user is not None:
            self.fields["stimulus"].queryset = self.fields["stimulus"].queryset.filter(
                bank__in=permissions.editable_banks(user)
            )
        for name in ("stem", "solution", "general_feedback", "marking_guide"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"rows": 6, "class": "html-source"})
