"""Reads of the bank that the admin views and the API share: the permission queryset of
:mod:`question_bank.permissions`, then filtering, ordering and prefetching, so both doors
list the same questions with the same number of queries."""

from django.db.models import QuerySet

from question_bank import permissions
from question_bank.models import Question

#: Everything a question's list row or export needs, fetched with it.
QUESTION_RELATED = ("bank", "subject", "topic", "outcome", "level", "stimulus")


def question_list(*, user) -> QuerySet[Question]:
    """The questions ``user`` may see, with what a list row shows (bank, curriculum, level,
    stimulus, tags); unordered, for the caller's filters."""
    return (
        permissions.visible_questions(user)
        .select_related(*QUESTION_RELATED)
        .prefetch_related("tags")
    )


def question_detail(*, user, question_id: int) -> Question | None:
    """One question ``user`` may see, with its choices, or None."""
    return question_list(user=user).prefetch_related("choices").filter(pk=question_id).first()


def questions_for_export(
    *, user, ids: list[int] | None = None, bank_id: int | None = None
) -> list[Question]:
    """The questions ``user`` may see among ``ids`` or in bank ``bank_id``, in id order,
    with everything an exporter reads."""
    qs = permissions.visible_questions(user)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    if bank_id is not None:
        qs = qs.filter(bank_id=bank_id)
    return list(
        qs.select_related("bank", "topic", "level", "stimulus")
        .prefetch_related("choices", "tags")
        .order_by("pk")
    )
