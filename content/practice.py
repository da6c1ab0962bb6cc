"""Bank questions embedded in lessons and e-lectures, as a student answers them.

A page shows the latest approved version of each embedded question, rendered from that
version's snapshot, so what the student sees is exactly what the server marks. Nothing
in the page reveals the key: ordering items are shown in a fixed shuffle derived from a
server secret, and matching answers travel as their visible text. A
learner's answer is checked and marked in :mod:`lms.practice`.
"""

import hashlib
import random
from dataclasses import dataclass

from django.conf import settings

from content.blocks import REVEAL_AFTER_ATTEMPTS
from question_bank.formats.base import QType
from question_bank.html import plain_text
from question_bank.models import Choice, Question, Stimulus
from question_bank.rendering import question_context


@dataclass(frozen=True)
class Embedding:
    """Where a question sits in a page: as a practice block, or as checkpoints of sections,
    and when its key and solution may be shown (:func:`answer_reveal`)."""

    practice: bool = False
    show_solution: bool = False
    reveal_after: int = REVEAL_AFTER_ATTEMPTS
    sections: frozenset[int] = frozenset()


def latest_version(question):
    """The version a page embeds: the newest approved snapshot, or None.

    None as well for a question withdrawn since (not live) or from a confidential exam
    pool: a page never shows those, whatever its blocks say."""
    if question is None or not question.live or question.bank.confidential:
        return None
    return question.versions.order_by("-number").first()


def _reveal_after(value) -> int:
    return value.get("reveal_after_attempts") or REVEAL_AFTER_ATTEMPTS


def _merged(old: Embedding | None, **changes) -> Embedding:
    """``old`` updated by one more block embedding the same question: the more generous
    policy applies (shown if any block shows it, after the fewest tries)."""
    if old is None:
        return Embedding(**changes)
    shows = changes.pop("show_solution")
    after = changes.pop("reveal_after")
    return Embedding(
        practice=old.practice or changes.get("practice", False),
        show_solution=old.show_solution or shows,
        reveal_after=min(after, old.reveal_after),
        sections=old.sections | changes.get("sections", frozenset()),
    )


def page_embeddings(page) -> dict[int, Embedding]:
    """Question id → how ``page`` (a LessonPage or ELecturePage, or a revision's copy of
    one) embeds it."""
    found: dict[int, Embedding] = {}
    if hasattr(page, "body"):
        for block in page.body:
            if block.block_type != "question" or block.value.get("question") is None:
                continue
            qid = block.value["question"].pk
            found[qid] = _merged(
                found.get(qid),
                practice=True,
                show_solution=bool(block.value.get("show_solution")),
                reveal_after=_reveal_after(block.value),
            )
    if hasattr(page, "sections"):
        for index, block in enumerate(page.sections):
            for checkpoint in block.value.get("checkpoints") or []:
                if checkpoint.get("question") is None:
                    continue
                qid = checkpoint["question"].pk
                found[qid] = _merged(
                    found.get(qid),
                    show_solution=True,
                    reveal_after=_reveal_after(checkpoint),
                    sections=frozenset({index}),
                )
    return found


def display_order(version_id: int, count: int) -> list[int]:
    """Original item indexes in the order an ordering question is shown (never the key).

    Derived from the secret key and the version, so the page and the marking agree without
    storing anything, and a student cannot compute it.
    """
    if count < 2:
        return list(range(count))
    seed = hashlib.sha256(f"{settings.SECRET_KEY}:ordering:{version_id}".encode()).digest()
    order = list(range(count))
    random.Random(seed).shuffle(order)  # noqa: S311 - a display shuffle, not a secret
    if order == list(range(count)):
        order = order[1:] + order[:1]
    return order


def snapshot_question(version):
    """An unsaved Question carrying ``version``'s snapshot, for ``question_context``."""

    data = version.data
    question = Question(
        pk=version.question_id,
        qtype=data["qtype"],
        stem=data.get("stem") or "",
        solution="",
        marking_guide="",
        numeric_answer="",
        blanks=data.get("blanks") or [],
        points=None,
    )
    if data.get("stimulus"):
        question.stimulus = Stimulus(pk=data.get("stimulus_id") or -1, content=data["stimulus"])
    question.choices = [
        Choice(text=c.get("text") or "", match=c.get("match") or "")
        for c in data.get("choices") or []
    ]
    return question


def practice_context(question) -> dict | None:
    """What the practice form needs for the latest version of ``question`` (None: no
    approved version). Key, solution and per-option feedback are left out on purpose."""

    version = latest_version(question)
    if version is None:
        return None
    context = question_context(snapshot_question(version), show_key=False)
    for name in ("solution", "marking_guide", "numeric_answer", "accepted", "blanks"):
        context.pop(name, None)
    items = [
        {"label": i["label"], "text": i["text"], "match": i["match"]} for i in context["items"]
    ]
    if context["qtype"] == QType.ORDERING:
        # Relabel too: the letters follow the stored (correct) order.
        items = [
            {**items[i], "label": str(n)}
            for n, i in enumerate(display_order(version.pk, len(items)), start=1)
        ]
    context["items"] = items
    context["premises"] = [i for i in items if plain_text(i["text"])]
    context["version"] = version
    return context
