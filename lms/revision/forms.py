"""The forms of the "Ôn tập" pages (labels and errors in Vietnamese).

* :class:`RevisionPracticeForm` — the practice form of the exam engine
  (:class:`lms.exams.practice_forms.PracticeForm`: subject, grade, topic, level, part,
  length) with a learning outcome (yêu cầu cần đạt) besides.
* :class:`QuickPracticeForm` — the one-tap buttons ("Luyện 5 câu", "Luyện chủ đề này",
  "Luyện yêu cầu này"): one topic or one outcome and a length.

Both narrow every choice to what :func:`question_bank.permissions.practice_questions`
lets the learner practise, on GET and on POST: an id of a topic or outcome outside that
pool (a confidential pool, another school's bank) is refused like a missing one.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from curriculum.models import LearningOutcome, Topic
from lms.exams.practice_forms import COUNTS, PracticeForm
from question_bank.permissions import practice_questions

OUTCOME_LABEL_CHARS = 90


class OutcomeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        text = " ".join(obj.text.split())
        if len(text) > OUTCOME_LABEL_CHARS:
            text = text[: OUTCOME_LABEL_CHARS - 1].rstrip() + "…"
        return text


def pool_outcomes(user):
    """The learning outcomes the learner has questions to practise on."""
    pool = practice_questions(user).filter(outcome__isnull=False)
    return LearningOutcome.objects.filter(pk__in=pool.values("outcome_id")).select_related(
        "lesson__topic__subject"
    )


def pool_topics(user):
    pool = practice_questions(user).filter(topic__isnull=False)
    return Topic.objects.filter(pk__in=pool.values("topic_id")).select_related("subject")


def _grouped(field, outcomes) -> list:
    """The outcome choices grouped by their topic ("Toán 12 – Chương I…"), so a phone's
    picker shows where each one belongs (validation still reads the queryset)."""
    groups: dict[int, tuple[str, list]] = {}
    for outcome in outcomes:
        topic = outcome.lesson.topic
        label = f"{topic.subject.name} {topic.grade} – {topic.name}"
        groups.setdefault(topic.pk, (label, []))[1].append(
            (outcome.pk, field.label_from_instance(outcome))
        )
    return [("", field.empty_label), *groups.values()]


class RevisionPracticeForm(PracticeForm):
    """Subject → topic → learning outcome, level, part and length of a practice set."""

    outcome = OutcomeChoiceField(
        label=_("Yêu cầu cần đạt (không bắt buộc)"),
        queryset=LearningOutcome.objects.none(),
        required=False,
        empty_label=_("Mọi yêu cầu cần đạt của chủ đề"),
        error_messages={
            "invalid_choice": _("Yêu cầu cần đạt này chưa có câu hỏi để bạn luyện tập.")
        },
    )
    field_order = ["subject", "grade", "topic", "outcome", "level", "kind", "count"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["topic"].error_messages["invalid_choice"] = _(
            "Chủ đề này chưa có câu hỏi để bạn luyện tập."
        )
        outcomes = pool_outcomes(user).order_by(
            "lesson__topic__subject__sort_order",
            "lesson__topic__grade",
            "lesson__topic__sort_order",
            "lesson__sort_order",
            "sort_order",
            "pk",
        )
        field = self.fields["outcome"]
        field.queryset = outcomes
        field.choices = _grouped(field, outcomes)
        self.fields["count"].initial = 5

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome is None or self.has_error("topic"):
            return data
        topic = outcome.lesson.topic
        subject, grade = data.get("subject"), data.get("grade")
        if data.get("topic") is not None and data["topic"].pk != topic.pk:
            self.add_error(
                "outcome",
                _("Yêu cầu cần đạt đã chọn không thuộc chương/chủ đề này; hãy chọn lại."),
            )
        elif subject is not None and (topic.subject_id != subject.pk or topic.grade != grade):
            self.add_error(
                "outcome", _("Yêu cầu cần đạt đã chọn không thuộc môn và lớp này; hãy chọn lại.")
            )
        else:
            data["topic"] = topic
        return data


class QuickPracticeForm(forms.Form):
    """One tap: a practice set of one topic or of one learning outcome."""

    topic = forms.ModelChoiceField(
        queryset=Topic.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Chủ đề này chưa có câu hỏi để bạn luyện tập.")},
    )
    outcome = forms.ModelChoiceField(
        queryset=LearningOutcome.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": _("Yêu cầu cần đạt này chưa có câu hỏi để bạn luyện tập.")
        },
    )
    count = forms.TypedChoiceField(
        choices=COUNTS,
        coerce=int,
        error_messages={
            "required": _("Hãy chọn số câu: 5, 10 hoặc 20."),
            "invalid_choice": _("Số câu phải là 5, 10 hoặc 20."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = pool_topics(user)
        self.fields["outcome"].queryset = pool_outcomes(user)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        topic, outcome = data.get("topic"), data.get("outcome")
        if (topic is None) == (outcome is None):
            raise forms.ValidationError(
                _("Hãy chọn đúng một chủ đề hoặc một yêu cầu cần đạt để luyện tập.")
            )
        return data

    def target(self) -> dict:
        """The keyword arguments of ``practice_create`` this form stands for (valid form)."""
        data = self.cleaned_data
        outcome = data.get("outcome")
        topic = outcome.lesson.topic if outcome is not None else data["topic"]
        return {
            "subject": topic.subject,
            "grade": topic.grade,
            "topic": topic,
            "outcome": outcome,
            "count": data["count"],
        }

    def error_list(self) -> list[str]:
        """Every error of the form as one flat list of sentences."""
        return [str(e) for errors in self.errors.values() for e in errors]
