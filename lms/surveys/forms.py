"""The survey builder: the survey's fields, its scope (narrowed to the user's, on GET and
POST) and its questions, one a line:

    sao: Em hài lòng với bài giảng điện tử ở mức nào?
    chon: Em học trực tuyến chủ yếu bằng | Điện thoại | Máy tính | Máy tính bảng
    tu-do: Em muốn góp ý gì thêm?

A bad line is refused with its number and the reason; nothing is saved."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from lms import permissions
from lms.surveys.models import Audience, QuestionKind
from lms.surveys.services import QuestionInput, SurveyInput

KINDS = {"sao": QuestionKind.STARS, "chon": QuestionKind.CHOICE, "tu-do": QuestionKind.TEXT}
MAX_QUESTIONS = 30


def _scope_key(scope: tuple) -> str:
    return ":".join("" if v is None else str(v) for v in scope)


class SurveyForm(forms.Form):
    title = forms.CharField(max_length=200, label=_lazy("Tên khảo sát"))
    description = forms.CharField(widget=forms.Textarea, required=False, label=_lazy("Mô tả"))
    audience = forms.ChoiceField(choices=Audience.choices, label=_lazy("Đối tượng"))
    scope = forms.ChoiceField(label=_lazy("Phạm vi"))
    anonymous = forms.BooleanField(required=False, initial=True, label=_lazy("Ẩn danh"))
    closes_at = forms.DateTimeField(
        required=False,
        label=_lazy("Hạn trả lời (dd/mm/yyyy HH:MM)"),
        input_formats=["%d/%m/%Y %H:%M", "%d/%m/%Y"],
    )
    questions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label=_lazy("Câu hỏi (mỗi dòng một câu: «sao: …», «chon: … | A | B», «tu-do: …»)"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scopes = {_scope_key(k): k for k in permissions.survey_scopes(user)}
        labels = permissions.survey_scopes(user)
        self.fields["scope"].choices = [(_scope_key(k), v) for k, v in labels.items()]

    def clean_questions(self):
        parsed, errors = [], []
        lines = [ln.strip() for ln in self.cleaned_data["questions"].splitlines()]
        for number, line in enumerate(lines, start=1):
            if not line:
                continue
            head, sep, rest = line.partition(":")
            kind = KINDS.get(head.strip().lower())
            parts = [p.strip() for p in rest.split("|")]
            if not sep or kind is None or not parts[0]:
                errors.append(
                    _("Dòng %(n)s: hãy bắt đầu bằng «sao:», «chon:» hoặc «tu-do:» rồi câu hỏi.")
                    % {"n": number}
                )
                continue
            choices = [p for p in parts[1:] if p]
            if kind == QuestionKind.CHOICE and len(choices) < 2:
                errors.append(_("Dòng %(n)s: câu chọn cần ít nhất hai phương án.") % {"n": number})
                continue
            parsed.append(QuestionInput(kind=kind, text=parts[0][:300], choices=choices))
        if len(parsed) > MAX_QUESTIONS:
            errors.append(_("Khảo sát ngắn: tối đa %(n)s câu hỏi.") % {"n": MAX_QUESTIONS})
        if errors:
            raise forms.ValidationError(errors)
        if not parsed:
            raise forms.ValidationError(_("Khảo sát cần ít nhất một câu hỏi."))
        return parsed

    def to_input(self) -> SurveyInput:
        d = self.cleaned_data
        return SurveyInput(
            title=d["title"],
            description=d["description"],
            audience=d["audience"],
            anonymous=d["anonymous"],
            scope=self.scopes[d["scope"]],
            closes_at=d["closes_at"],
            questions=d["questions"],
        )
