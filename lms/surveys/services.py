"""Writes of surveys: make one (a draft), publish it, answer it once.

An anonymous survey's answers are stored with no link to the person and no audit entry
naming them; the "has answered" row alone keeps the one answer per person."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lms import permissions
from lms.surveys.models import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyQuestion,
    SurveyResponse,
)


@dataclass
class QuestionInput:
    kind: str
    text: str
    choices: list[str] = field(default_factory=list)
    required: bool = True


@dataclass
class SurveyInput:
    title: str
    audience: str
    anonymous: bool
    scope: tuple  # (department_id, district_office_id | None, school_id | None)
    questions: list[QuestionInput]
    description: str = ""
    closes_at: object = None


@transaction.atomic
def survey_create(*, user, data: SurveyInput) -> Survey:
    """A draft survey of the user's area (the scope must be one they may choose)."""
    if not permissions.can_make_surveys(user):
        raise PermissionDenied(_("Bạn không tạo được khảo sát."))
    department_id, district_id, school_id = data.scope
    if data.scope not in permissions.survey_scopes(user):
        raise ValidationError({"scope": _("Phạm vi khảo sát không thuộc đơn vị của bạn.")})
    if not data.questions:
        raise ValidationError({"questions": _("Khảo sát cần ít nhất một câu hỏi.")})
    survey = Survey.objects.create(
        title=data.title,
        description=data.description,
        audience=data.audience,
        anonymous=data.anonymous,
        department_id=department_id,
        district_office_id=district_id,
        school_id=school_id,
        closes_at=data.closes_at,
        created_by=user,
    )
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(
            survey=survey,
            position=i,
            kind=q.kind,
            text=q.text,
            choices=q.choices,
            required=q.required,
        )
        for i, q in enumerate(data.questions, start=1)
    )
    log(survey, "lms.survey.create", user=user)
    return survey


@transaction.atomic
def survey_publish(*, user, survey: Survey) -> Survey:
    if not permissions.can_manage_survey(user, survey):
        raise PermissionDenied(_("Bạn không quản lý khảo sát này."))
    if survey.published_at is None:
        survey.published_at = timezone.now()
        survey.save(update_fields=["published_at"])
        log(survey, "lms.survey.publish", user=user)
    return survey


def _answer_value(question: SurveyQuestion, raw) -> dict | None:
    """The stored fields of one answer, or None when left empty; ValidationError naming the
    question when the value is not one of its kind."""
    raw = (raw or "").strip() if isinstance(raw, str) else raw
    if raw in (None, ""):
        if question.required:
            raise ValidationError(_("Câu %(n)s: cần trả lời.") % {"n": question.position})
        return None
    if question.kind == QuestionKind.TEXT:
        return {"text": str(raw)[:2000]}
    number = int(raw) if str(raw).isdigit() else -1
    if question.kind == QuestionKind.STARS and 1 <= number <= 5:
        return {"stars": number}
    if question.kind == QuestionKind.CHOICE and 0 <= number < len(question.choices):
        return {"choice": number}
    raise ValidationError(_("Câu %(n)s: câu trả lời không hợp lệ.") % {"n": question.position})


def survey_answer(*, user, survey: Survey, answers: dict) -> SurveyResponse:
    """Store ``user``'s answers (question id → raw value) once. Refused when the survey is
    not open to them or they have answered; nothing is saved when one answer is bad."""
    if not permissions.open_surveys(user).filter(pk=survey.pk).exists():
        raise PermissionDenied(_("Khảo sát này không dành cho bạn hoặc đã đóng."))
    questions = list(survey.questions.all())
    errors, values = [], {}
    for question in questions:
        try:
            values[question.pk] = _answer_value(question, answers.get(question.pk))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            SurveyParticipation.objects.create(survey=survey, user=user)
            response = SurveyResponse.objects.create(
                survey=survey,
                respondent=None if survey.anonymous else user,
                submitted_on=timezone.localdate(),
            )
            SurveyAnswer.objects.bulk_create(
                SurveyAnswer(response=response, question_id=qid, **value)
                for qid, value in values.items()
                if value is not None
            )
    except IntegrityError as error:
        raise ValidationError(_("Bạn đã trả lời khảo sát này rồi.")) from error
    return response
