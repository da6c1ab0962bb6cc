"""The form that draws a practice set (labels and errors in Vietnamese)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.selectors import latest_class_grade
from curriculum.models import GRADE_CHOICES, Subject, Topic
from question_bank.assembly.paper import PART_ESSAY, PART_MC, PART_SHORT, PART_TF
from question_bank.assembly.services import PART_QTYPES
from question_bank.formats.base import QTYPE_LABELS, QType
from question_bank.permissions import practice_questions
from question_bank.scales import CognitiveLevel

COUNTS = [(5, "5"), (10, "10"), (20, "20")]
#: The 2025 parts first (each its question type), then the other types of the bank.
PART_KINDS = {
    f"part{PART_MC}": (_("Phần I – Trắc nghiệm nhiều phương án"), PART_QTYPES[PART_MC]),
    f"part{PART_TF}": (_("Phần II – Đúng/Sai"), PART_QTYPES[PART_TF]),
    f"part{PART_SHORT}": (_("Phần III – Trả lời ngắn"), PART_QTYPES[PART_SHORT]),
    f"part{PART_ESSAY}": (_("Tự luận"), PART_QTYPES[PART_ESSAY]),
}
_IN_PARTS = {q for _label, qtypes in PART_KINDS.values() for q in qtypes}


def _kind_choices() -> list[tuple[str, str]]:
    others = [(t.value, label) for t, label in QTYPE_LABELS.items() if t not in _IN_PARTS]
    return [
        ("", _("Mọi dạng câu hỏi")),
        *((key, label) for key, (label, _q) in PART_KINDS.items()),
        *others,
    ]


class PracticeForm(forms.Form):
    subject = forms.ModelChoiceField(
        label=_("Môn học"),
        queryset=Subject.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Môn học này chưa có câu hỏi để luyện tập.")},
    )
    grade = forms.TypedChoiceField(label=_("Lớp"), choices=GRADE_CHOICES, coerce=int, initial=12)
    topic = forms.ModelChoiceField(
        label=_("Chương/chủ đề (không bắt buộc)"),
        queryset=Topic.objects.none(),
        required=False,
        empty_label=_("Mọi chủ đề"),
    )
    level = forms.ModelChoiceField(
        label=_("Mức độ"),
        queryset=CognitiveLevel.objects.filter(scale__is_default=True),
        required=False,
        empty_label=_("Mọi mức độ"),
    )
    kind = forms.ChoiceField(label=_("Dạng câu hỏi"), choices=_kind_choices, required=False)
    count = forms.TypedChoiceField(label=_("Số câu"), choices=COUNTS, coerce=int, initial=10)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        pool = practice_questions(user)
        subjects = Subject.objects.filter(pk__in=pool.values("subject_id"))
        self.fields["subject"].queryset = subjects
        self.fields["topic"].queryset = Topic.objects.filter(
            pk__in=pool.values("topic_id")
        ).select_related("subject")
        grade = latest_class_grade(user)
        if grade:
            self.fields["grade"].initial = grade

    def clean(self):
        data = super().clean()
        topic, subject = data.get("topic"), data.get("subject")
        if (
            topic is not None
            and subject is not None
            and (topic.subject_id != subject.pk or topic.grade != data.get("grade"))
        ):
            self.add_error("topic", _("Chủ đề đã chọn không thuộc môn và lớp này; hãy chọn lại."))
        return data

    def qtypes(self) -> list[str]:
        """The question types the chosen kind stands for (empty: every type)."""
        kind = self.cleaned_data.get("kind") or ""
        if kind in PART_KINDS:
            return [QType(q).value for q in PART_KINDS[kind][1]]
        return [kind] if kind else []
