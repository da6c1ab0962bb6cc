"""A survey's results: counts per star and per option, the mean of the stars, the free
texts; three queries whatever the number of answers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from lms.surveys.models import QuestionKind, SurveyAnswer


@dataclass
class QuestionResult:
    question: object
    counts: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    mean: Decimal | None = None

    @property
    def answered(self) -> int:
        return (
            len(self.texts)
            if self.question.kind == QuestionKind.TEXT
            else sum(n for _label, n in self.counts)
        )


def survey_results(*, survey) -> tuple[int, list[QuestionResult]]:
    """(number of responses, a result per question)."""
    questions = list(survey.questions.all())
    tallies: dict = defaultdict(dict)
    for r in (
        SurveyAnswer.objects.filter(response__survey=survey, text="")
        .values("question_id", "stars", "choice")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = r["stars"] if r["stars"] is not None else r["choice"]
        tallies[r["question_id"]][key] = r["n"]
    texts = defaultdict(list)
    for qid, text in (
        SurveyAnswer.objects.filter(response__survey=survey)
        .exclude(text="")
        .order_by("question_id", "pk")
        .values_list("question_id", "text")
    ):
        texts[qid].append(text)
    results = []
    for q in questions:
        result = QuestionResult(question=q, texts=texts[q.pk])
        tally = tallies[q.pk]
        if q.kind == QuestionKind.STARS:
            result.counts = [(f"{s} ★", tally.get(s, 0)) for s in range(1, 6)]
            total = sum(tally.get(s, 0) for s in range(1, 6))
            if total:
                mean = Decimal(sum(s * tally.get(s, 0) for s in range(1, 6))) / total
                result.mean = mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        elif q.kind == QuestionKind.CHOICE:
            result.counts = [(label, tally.get(i, 0)) for i, label in enumerate(q.choices)]
        results.append(result)
    return survey.responses.count(), results
