"""Question-bank test data, built through the services."""

from django.contrib.auth.models import Group

from question_bank import services
from question_bank.formats.base import Choice, ParsedQuestion, QType
from question_bank.permissions import REVIEWER_GROUP


def make_reviewer(user):
    user.groups.add(Group.objects.get(name=REVIEWER_GROUP))
    return user


def make_bank(owner, **kwargs):
    kwargs.setdefault("name", f"Ngân hàng của {owner.username}")
    return services.bank_create(owner=owner, **kwargs)


def parsed_single(stem="Đạo hàm của \\(y = x^2\\) là", key=0, options=("2x", "x", "2", "x^2")):
    return ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem=f"<p>{stem}</p>",
        choices=[Choice(text=o, correct=i == key) for i, o in enumerate(options)],
        level="hieu",
        part=1,
    )


def make_question(bank, author=None, parsed=None, *, approve=False, **kwargs):
    question = services.question_build(
        parsed=parsed or parsed_single(), bank=bank, author=author or bank.owner, **kwargs
    )
    services.question_save_draft(question=question, user=author or bank.owner)
    if approve:
        services.question_approve_directly(question=question, user=author or bank.owner)
        question.refresh_from_db()
    return question
