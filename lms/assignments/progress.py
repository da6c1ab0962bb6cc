"""What the teacher's progress page reads: each student's status, score, time and attempts
(:mod:`lms.assignments.status`), and per question of a paper the share of the class right
and the options chosen, over each student's counted attempt; and the bars drawn as SVG on
the server (each chart has a table beside it on the page).

Questions are keyed by their place in the source paper (``position``): versions (mã đề)
shuffle questions and options, so a chosen option is mapped back to the source order
before it is counted. Queries do not grow with students: one for results, one for answers,
and the versions' items (a handful per paper, cached).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lms.assignments.models import Assignment
from lms.assignments.status import StudentWork, statuses
from lms.exams.delivery import variant_items
from lms.exams.models import AttemptAnswer, AttemptResult, Candidate
from lms.practice import score_text
from question_bank.formats.base import QType
from question_bank.html import plain_text
from question_bank.rendering import LETTERS

STEM_CHARS = 90


@dataclass
class StudentRow:
    student: object
    work: StudentWork
    due_at: object
    extra_minutes: int

    @property
    def score_text(self) -> str:
        return "" if self.work.score is None else score_text(self.work.score)

    @property
    def max_text(self) -> str:
        return "" if not self.work.max_score else score_text(self.work.max_score)

    @property
    def time_text(self) -> str:
        minutes, seconds = divmod(int(self.work.seconds), 60)
        if not self.work.seconds:
            return ""
        return _("%(m)s phút %(s)s giây") % {"m": minutes, "s": seconds}


def student_rows(assignment: Assignment) -> list[StudentRow]:
    """One row per student the assignment is for, by name."""
    rows = list(
        assignment.students.select_related("student").order_by(
            "student__last_name", "student__first_name", "student__full_name", "student_id"
        )
    )
    overrides = {(assignment.pk, r.student_id): r.due_at for r in rows}
    works = statuses([assignment], overrides)
    return [
        StudentRow(r.student, works[(assignment.pk, r.student_id)], r.due_at, r.extra_minutes)
        for r in rows
    ]


@dataclass
class OptionCount:
    label: str
    text: str
    correct: bool
    count: int
    share: float


@dataclass
class QuestionStat:
    position: int
    number: str
    stem: str
    qtype: str
    answered: int = 0
    right: int = 0
    options: list[OptionCount] = field(default_factory=list)

    @property
    def share_right(self) -> float:
        return self.right / self.answered if self.answered else 0.0

    @property
    def share_text(self) -> str:
        return f"{round(self.share_right * 100)} %"

    @property
    def top_wrong(self) -> OptionCount | None:
        """The wrong option most chosen, when at least a third of the answers picked it."""
        wrong = [o for o in self.options if not o.correct and o.count]
        best = max(wrong, key=lambda o: o.count, default=None)
        return best if best is not None and best.share >= 1 / 3 else None


def _source_choices(item: dict) -> list[dict]:
    """The options in the source paper's order (the version's ``order`` maps print → source)."""
    printed = item["data"].get("choices") or []
    order = item.get("order") or list(range(len(printed)))
    source: list[dict] = [{}] * len(printed)
    for shown, original in enumerate(order):
        source[original] = printed[shown]
    return source


def _picked_source(item: dict, response) -> list[int]:
    order = item.get("order") or []
    qtype = item["data"]["qtype"]
    if qtype == QType.SINGLE_CHOICE and isinstance(response, int):
        picked = [response]
    elif qtype == QType.MULTIPLE_RESPONSE and isinstance(response, list):
        picked = [r for r in response if isinstance(r, int)]
    else:
        return []
    return [order[r] if order and 0 <= r < len(order) else r for r in picked]


def question_stats(assignment: Assignment, rows: list[StudentRow]) -> list[QuestionStat]:
    """Per question of the paper, over each student's counted attempt."""
    attempt_ids = [r.work.counted_attempt_id for r in rows if r.work.counted_attempt_id]
    if not attempt_ids or not assignment.session_id:
        return []
    variants = dict(
        Candidate.objects.filter(attempts__pk__in=attempt_ids).values_list(
            "attempts__pk", "variant_id"
        )
    )
    results = dict(
        AttemptResult.objects.filter(attempt_id__in=attempt_ids).values_list("attempt_id", "items")
    )
    answers: dict[int, dict[int, object]] = {}
    for attempt_id, slot, response in AttemptAnswer.objects.filter(
        attempt_id__in=attempt_ids
    ).values_list("attempt_id", "slot", "response"):
        answers.setdefault(attempt_id, {})[slot] = response
    stats: dict[int, QuestionStat] = {}
    picks: dict[int, Counter] = {}
    for attempt_id in attempt_ids:
        by_slot = {row["slot"]: row for row in results.get(attempt_id) or []}
        for item in variant_items(variants[attempt_id]):
            stat = stats.get(item["position"])
            if stat is None:
                stat = stats[item["position"]] = _new_stat(item)
                picks[item["position"]] = Counter()
            graded = by_slot.get(item["slot"])
            if graded is None or graded.get("pending"):
                continue
            stat.answered += 1
            if Decimal(graded["points"]) >= Decimal(graded["max"]) > 0:
                stat.right += 1
            picks[item["position"]].update(
                _picked_source(item, (answers.get(attempt_id) or {}).get(item["slot"]))
            )
    ordered = [stats[p] for p in sorted(stats)]
    for n, stat in enumerate(ordered, 1):
        stat.number = str(n)
        _fill_options(stat, picks[stat.position])
    return ordered


def _new_stat(item: dict) -> QuestionStat:
    data = item["data"]
    stem = plain_text(data.get("stem") or "")
    if len(stem) > STEM_CHARS:
        stem = stem[: STEM_CHARS - 1] + "…"
    stat = QuestionStat(position=item["position"], number="", stem=stem, qtype=data["qtype"])
    if data["qtype"] in (QType.SINGLE_CHOICE, QType.MULTIPLE_RESPONSE):
        stat.options = [
            OptionCount(
                label=LETTERS[i] if i < len(LETTERS) else str(i + 1),
                text=plain_text(c.get("text") or ""),
                correct=bool(c.get("correct")),
                count=0,
                share=0.0,
            )
            for i, c in enumerate(_source_choices(item))
        ]
    return stat


def _fill_options(stat: QuestionStat, counter: Counter) -> None:
    for index, option in enumerate(stat.options):
        option.count = counter.get(index, 0)
        option.share = option.count / stat.answered if stat.answered else 0.0


# --- Charts ---------------------------------------------------------------------------------
BAR_HEIGHT = 22
LABEL_WIDTH = 70
BAR_WIDTH = 220


def bar_chart_svg(bars: list[tuple[str, float, str]], *, title: str) -> SafeString:
    """Horizontal bars: (label, share 0–1, text shown after the bar). The page puts the same
    numbers in a table beside it; the SVG is ``aria-hidden`` apart from its title."""
    height = BAR_HEIGHT * max(len(bars), 1) + 4
    width = LABEL_WIDTH + BAR_WIDTH + 60
    rows = []
    for n, (label, share, text) in enumerate(bars):
        y = n * BAR_HEIGHT + 2
        length = max(0.0, min(1.0, share)) * BAR_WIDTH
        rows.append(
            format_html(
                '<text x="0" y="{}" class="chart__label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart__bar"></rect>'
                '<text x="{}" y="{}" class="chart__value">{}</text>',
                y + 15,
                label,
                LABEL_WIDTH,
                y + 3,
                f"{length:.1f}",
                BAR_HEIGHT - 6,
                f"{LABEL_WIDTH + length + 4:.1f}",
                y + 15,
                text,
            )
        )
    body = mark_safe("".join(rows))  # noqa: S308 - each row escaped by format_html
    return format_html(
        '<svg class="chart" role="img" viewBox="0 0 {} {}" width="{}" height="{}">'
        "<title>{}</title>{}</svg>",
        width,
        height,
        width,
        height,
        title,
        body,
    )


def status_counts(rows: list[StudentRow]) -> list[tuple[str, int]]:
    counts = Counter(r.work.label for r in rows)
    return sorted(counts.items(), key=lambda kv: -kv[1])


def status_chart(rows: list[StudentRow]) -> SafeString:
    total = len(rows) or 1
    return bar_chart_svg(
        [(label, n / total, str(n)) for label, n in status_counts(rows)],
        title=_("Số học sinh theo trạng thái"),
    )


def questions_chart(stats: list[QuestionStat]) -> SafeString:
    return bar_chart_svg(
        [(_("Câu %(n)s") % {"n": s.number}, s.share_right, s.share_text) for s in stats],
        title=_("Tỉ lệ học sinh làm đúng từng câu"),
    )


def option_chart(stat: QuestionStat) -> SafeString:
    return bar_chart_svg(
        [(o.label + (" ✓" if o.correct else ""), o.share, str(o.count)) for o in stat.options],
        title=_("Các phương án học sinh chọn ở câu %(n)s") % {"n": stat.number},
    )


__all__ = ["format_html_join", "question_stats", "student_rows"]
