"""Read-only JSON API for questions (django-ninja), filtered by ``question_bank.permissions``.

Students and anonymous users get nothing; confidential pools stay invisible to anyone
outside the board, exactly as in the admin, search and exports.
"""

from typing import Annotated

from django.db.models import OuterRef, Subquery
from django.http import Http404
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import django_auth
from wagtail.search.backends import get_search_backend

from common.textsearch import vietnamese_query
from question_bank import permissions, selectors
from question_bank.models import QuestionVersion

router = Router(auth=django_auth, tags=["question_bank"])


class ChoiceOut(Schema):
    text: str
    correct: bool
    fixed: bool
    match: str
    feedback: str


class QuestionOut(Schema):
    id: int
    bank_id: int
    bank: str = Field(alias="bank.name")
    qtype: str
    status: str
    part: int | None
    stem: str
    subject: str | None = Field(None, alias="subject.code")
    grade: int | None
    topic: str | None = Field(None, alias="topic.code")
    outcome: str | None = Field(None, alias="outcome.code")
    level: str | None = Field(None, alias="level.code")
    difficulty: float | None
    tags: list[str]
    version: int | None = None

    @staticmethod
    def resolve_tags(obj):
        return sorted(t.name for t in obj.tags.all())

    @staticmethod
    def resolve_version(obj):
        # Annotated by _with_version: one query for the whole list, not one per question.
        if hasattr(obj, "version_number"):
            return obj.version_number
        latest = obj.versions.order_by("-number").first()
        return latest.number if latest else None


class QuestionDetail(QuestionOut):
    choices: list[ChoiceOut]
    numeric_answer: str
    blanks: list
    solution: str
    marking_guide: str
    stimulus: str | None = Field(None, alias="stimulus.content")

    @staticmethod
    def resolve_choices(obj):
        return list(obj.choices.all())


class QuestionFilters(FilterSchema):
    bank: Annotated[int | None, FilterLookup("bank_id")] = None
    subject: Annotated[str | None, FilterLookup("subject__code")] = None
    grade: int | None = None
    topic: Annotated[str | None, FilterLookup("topic__code")] = None
    outcome: Annotated[str | None, FilterLookup("outcome__code")] = None
    level: Annotated[str | None, FilterLookup("level__code")] = None
    qtype: str | None = None
    status: str | None = None
    part: int | None = None


class BankOut(Schema):
    id: int
    name: str
    scope: str
    confidential: bool
    subject: str | None = Field(None, alias="subject.code")


@router.get("/banks", response=list[BankOut])
@paginate(LimitOffsetPagination)
def list_banks(request):
    return permissions.visible_banks(request.user).select_related("subject").order_by("name")


def _with_version(questions):
    """``questions`` with the number of each one's latest version (``version_number``)."""
    newest = QuestionVersion.objects.filter(question=OuterRef("pk")).order_by("-number")
    return questions.annotate(version_number=Subquery(newest.values("number")[:1]))


@router.get("/questions", response=list[QuestionOut])
@paginate(LimitOffsetPagination)
def list_questions(request, filters: Query[QuestionFilters], q: str | None = None):
    qs = _with_version(filters.filter(selectors.question_list(user=request.user))).order_by("pk")
    if q and q.strip():
        # Full-text search runs on the already-permitted queryset.
        results = get_search_backend().search(vietnamese_query(q), qs)
        return list(results)
    return qs


@router.get("/questions/{question_id}", response=QuestionDetail)
def get_question(request, question_id: int):
    question = selectors.question_detail(user=request.user, question_id=question_id)
    if question is None:
        raise Http404
    return question
