from pathlib import PurePosixPath

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from curriculum.models import Topic
from question_bank import permissions, services
from question_bank.formats.docx import legacy
from question_bank.formats.docx.legacy import OLE_MAGIC, legacy_problem
from question_bank.formats.registry import EXPORTERS
from question_bank.models import CognitiveLevel, QuestionBank

MAX_UPLOAD = 100 * 1024 * 1024


# The only kinds of file the import reads (see formats.registry.detect_format): anything
# else, HTML and SVG included, is refused before it is stored.
IMPORT_EXTENSIONS = frozenset({".docx", ".xml", ".txt", ".gift", ".zip"})
# Loose images beside a QTI file; they are decoded and re-encoded before use.
IMAGE_EXTENSIONS = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".emf", ".wmf"}
)


def _extension(name: str) -> str:
    return PurePosixPath((name or "").lower()).suffix


def _refuse_legacy_word(upload) -> None:
    """A .doc, an .rtf or a .docx that is really one of them (or has a password) is refused
    with what to do (:mod:`question_bank.formats.docx.legacy`); not converted on the server."""
    upload.seek(0)
    head = upload.read(64)
    data = None
    if head[:8] == OLE_MAGIC:
        upload.seek(0)
        data = upload.read()
    upload.seek(0)
    problem = legacy_problem(head, data=data, name=upload.name)
    if problem is None and _extension(upload.name) != ".docx":
        problem = legacy.RTF if _extension(upload.name) == ".rtf" else legacy.DOC
    if problem is not None:
        raise forms.ValidationError(problem)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern): cleans each one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, (list, tuple)) and data:
            return [single_file_clean(d, initial) for d in data]
        cleaned = single_file_clean(data or None, initial)  # "required" when nothing came
        return [cleaned] if cleaned else []


class ImportForm(forms.Form):
    bank = forms.ModelChoiceField(QuestionBank.objects.none(), label=_("Ngân hàng nhận câu hỏi"))
    file = forms.FileField(
        label=_("Tệp câu hỏi"),
        help_text=_("Word .docx, Moodle XML, GIFT, Aiken (.txt), QTI 2.1 (.xml hoặc gói .zip)."),
    )
    extra_files = MultipleFileField(label=_("Tệp ảnh đi kèm (QTI rời)"), required=False)
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
        ext = _extension(upload.name)
        if ext in (".doc", ".rtf", ".docx"):
            _refuse_legacy_word(upload)
        if ext not in IMPORT_EXTENSIONS:
            raise forms.ValidationError(
                _("Tệp “%(name)s” không phải tệp câu hỏi (.docx, .xml, .txt, .gift, .zip)."),
                params={"name": upload.name},
            )
        return upload

    def clean_extra_files(self):
        files = self.cleaned_data.get("extra_files") or []
        for upload in files:
            if _extension(upload.name) not in IMAGE_EXTENSIONS:
                raise forms.ValidationError(
                    _("Tệp đi kèm “%(name)s” không phải ảnh."), params={"name": upload.name}
                )
        if sum(upload.size for upload in files) > MAX_UPLOAD:
            raise forms.ValidationError(_("Các tệp đi kèm lớn hơn 100 MB."))
        return files


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
    """Only the user's own banks and their stimuli, and the levels of known scales, are
    offered, and only those are accepted on POST (a confidential pool the user is not a
    member of is a form error). The author is not picked: it is whoever creates the
    question."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields.pop("author", None)
        if "bank" in self.fields:
            self.fields["bank"].queryset = permissions.editable_banks(user)
        if "level" in self.fields:
            self.fields["level"].queryset = CognitiveLevel.objects.select_related("scale")
        if "stimulus" in self.fields:
            self.fields["stimulus"].queryset = permissions.editable_stimuli(user)
        for name in ("stem", "solution", "general_feedback", "marking_guide"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"rows": 6, "class": "html-source"})

    def clean(self):
        cleaned = super().clean()
        stimulus, bank = cleaned.get("stimulus"), cleaned.get("bank")
        if stimulus is not None and bank is not None and stimulus.bank_id != bank.pk:
            self.add_error("stimulus", _("Ngữ liệu chung phải thuộc cùng ngân hàng với câu hỏi."))
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is None and self.instance.author_id is None:
            self.instance.author = self.for_user
        return super().save(commit)


class QuestionBankAdminForm(WagtailAdminModelForm):
    """A bank's form: members are picked among the staff the user works with (those already
    members stay listed); the owner and the bank's school, district and department are
    set by ``services.bank_place`` from the user who creates it, never picked; only the
    exam board makes a bank confidential."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "members" in self.fields:
            candidates = permissions.bank_member_candidates(user)
            if self.instance.pk is not None:
                current = self.instance.members.values("pk")
                candidates = get_user_model().objects.filter(
                    Q(pk__in=candidates.values("pk")) | Q(pk__in=current)
                )
            self.fields["members"].queryset = candidates.order_by("full_name", "username")

    def clean_confidential(self):
        confidential = self.cleaned_data.get("confidential", False)
        was = self.instance.pk is not None and self.instance.confidential
        if (
            confidential
            and not was
            and not permissions.can_create_bank(self.for_user, confidential=True)
        ):
            raise forms.ValidationError(_("Chỉ hội đồng thi được tạo kho đề bảo mật."))
        return confidential

    def save(self, commit=True):
        if self.instance.pk is None:
            services.bank_place(bank=self.instance, user=self.for_user)
        return super().save(commit)


class StimulusAdminForm(WagtailAdminModelForm):
    """Stimuli are created and moved only into the banks the user edits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "bank" in self.fields:
            self.fields["bank"].queryset = permissions.editable_banks(self.for_user)
