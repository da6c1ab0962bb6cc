"""Reads over learners' records shared by views, templates and reports.

* :func:`electure_progress` — a learner's honest progress through an e-lecture: which
  checkpoints were passed (answered right before their key was shown) and which sections
  were completed, from the append-only learning events.
"""

from dataclasses import dataclass
from decimal import Decimal

from content.practice import latest_version
from lms.models import EventKind, LearningEvent, ReadingPosition


@dataclass(frozen=True)
class SectionProgress:
    """One section: its checkpoints (those the page shows), how many the learner answered,
    passed honestly, or answered right only after seeing the key (``key_seen``)."""

    index: int
    checkpoints: int
    answered: int
    passed: int
    key_seen: int
    completed: bool

    @property
    def all_passed(self) -> bool:
        return self.passed == self.checkpoints


@dataclass(frozen=True)
class ElectureProgress:
    sections: tuple[SectionProgress, ...]

    @property
    def checkpoints(self) -> int:
        return sum(s.checkpoints for s in self.sections)

    @property
    def passed(self) -> int:
        return sum(s.passed for s in self.sections)

    @property
    def key_seen(self) -> int:
        return sum(s.key_seen for s in self.sections)

    @property
    def all_passed(self) -> bool:
        return self.passed == self.checkpoints

    def as_dict(self) -> dict:
        """The summary the answer endpoint sends back to the page."""
        return {"checkpoints": self.checkpoints, "passed": self.passed, "key_seen": self.key_seen}


def _checkpoint_questions(page) -> list[list[int]]:
    """Per section, the question ids of the checkpoints the page shows (a question with no
    approved version, withdrawn or confidential shows nothing, and does not count)."""
    return [
        [
            cp["question"].pk
            for cp in block.value.get("checkpoints") or []
            if cp.get("question") is not None and latest_version(cp["question"]) is not None
        ]
        for block in page.sections
    ]


def _answer_outcomes(events) -> dict[tuple[int, int], tuple[bool, bool]]:
    """(section, question id) → (passed, right only after the key), from answered events in
    the order they were logged. Events logged before answers carried ``passed`` (data
    schema 1) come from the time the key showed after any answer: only a right first
    answer to the question in the page was honest."""
    outcomes: dict[tuple[int, int], tuple[bool, bool]] = {}
    seen: set[int] = set()
    for section, question_id, score, data in events:
        if question_id is None or section is None:
            continue
        first = question_id not in seen
        seen.add(question_id)
        right = score is None or Decimal(score) == 1  # an essay has no score: recorded
        if "passed" in (data or {}):
            passed, after_key = bool(data["passed"]), right and bool(data.get("key_seen"))
        else:
            passed, after_key = right and first, right and not first
        old_passed, old_after_key = outcomes.get((section, question_id), (False, False))
        outcomes[(section, question_id)] = (old_passed or passed, old_after_key or after_key)
    return outcomes


def electure_progress(*, user, page) -> ElectureProgress | None:
    """``user``'s progress through the e-lecture ``page`` (which they may view), or None for
    an anonymous visitor (whose progress stays in the browser). A checkpoint counts as
    passed only when answered right (or, for an essay, answered) before its key and
    solution were shown to this learner."""
    if user is None or not user.is_authenticated:
        return None
    events = LearningEvent.objects.filter(
        user=user,
        page=page,
        kind__in=[EventKind.CHECKPOINT_ANSWERED, EventKind.SECTION_COMPLETED],
    ).order_by("pk")
    completed = set(
        events.filter(kind=EventKind.SECTION_COMPLETED).values_list("section", flat=True)
    )
    outcomes = _answer_outcomes(
        events.filter(kind=EventKind.CHECKPOINT_ANSWERED).values_list(
            "section", "question_version__question_id", "score", "data"
        )
    )
    sections = []
    for index, questions in enumerate(_checkpoint_questions(page)):
        results = [outcomes[(index, q)] for q in questions if (index, q) in outcomes]
        sections.append(
            SectionProgress(
                index=index,
                checkpoints=len(questions),
                answered=len(results),
                passed=sum(1 for passed, _after_key in results if passed),
                key_seen=sum(1 for passed, after_key in results if after_key and not passed),
                completed=index in completed,
            )
        )
    return ElectureProgress(sections=tuple(sections))


def reading_position(user, item) -> dict:
    """Where ``user`` stopped reading ``item``, as the reader takes it ({} for none)."""
    if not user.is_authenticated:
        return {}
    position = ReadingPosition.objects.filter(user=user, library_item=item).first()
    if position is None:
        return {}
    return {"cfi": position.cfi} if position.cfi else {"page": position.page}
