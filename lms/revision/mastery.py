"""How well a learner knows one learning outcome (mức thành thạo), from their answers.

The rule: a **recency- and level-weighted mean with a prior**, over the latest
``WINDOW`` graded answers of the outcome (practice, reviews, offline, mock exams)::

    m = (PRIOR_WEIGHT · PRIOR + Σ wᵢ · dⁱ · fᵢ) / (PRIOR_WEIGHT + Σ wᵢ · dⁱ)

where fᵢ is the answer's fraction of the points (0–1; Đúng/Sai by the 2025 rules), wᵢ the
question's level weight (Biết 1, Hiểu 1,5, Vận dụng 2, Vận dụng cao 2,5) and dⁱ the decay
for the i-th newest answer (d = 0,8, so five answers ago counts about 0,4 of the latest).

Why this and not Bayesian Knowledge Tracing: BKT needs four parameters per skill fitted
from many learners' data that a new province does not have yet, and a teacher cannot
check its number by hand; this rule is explainable in one sentence ("mostly your last few
answers, harder questions count more"), recomputable exactly from the answer log (the
benchmark's naive path does just that), and updated in O(1) per answer from the stored
window. The prior (0,5 with the weight of one easy answer) keeps one lucky answer from
showing "đã vững".

Bands (shown with a colour and a word): no answers → "Chưa luyện"; m < 0,5 → "Cần ôn";
0,5 ≤ m < 0,8 → "Đang tiến bộ"; m ≥ 0,8 with at least ``STRONG_MIN`` answers → "Đã vững".
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

WINDOW = 10
DECAY = 0.8
PRIOR = 0.5
PRIOR_WEIGHT = 1.0
STRONG_AT = 0.8
WEAK_BELOW = 0.5
STRONG_MIN = 3
#: Level weights by the default scale's level codes (question_bank.scales).
LEVEL_WEIGHTS = {"biet": 1.0, "hieu": 1.5, "van_dung": 2.0, "van_dung_cao": 2.5}
DEFAULT_WEIGHT = 1.0


def level_weight(level_code: str | None) -> float:
    return LEVEL_WEIGHTS.get(level_code or "", DEFAULT_WEIGHT)


def mastery_value(recent: list) -> float:
    """The mastery of a window of answers ``[[fraction, weight, ...], ...]``, newest first."""
    num, den = PRIOR_WEIGHT * PRIOR, PRIOR_WEIGHT
    factor = 1.0
    for entry in recent[:WINDOW]:
        fraction, weight = float(entry[0]), float(entry[1])
        num += weight * factor * fraction
        den += weight * factor
        factor *= DECAY
    return num / den


def window_push(recent: list, entry: list) -> list:
    """The window after one more answer, newest first, at most ``WINDOW`` long; an answer
    older than the newest stored (a late offline sync) goes to its place in time."""
    merged = sorted([entry, *recent], key=lambda e: e[2], reverse=True)
    return merged[:WINDOW]


@dataclass(frozen=True)
class Band:
    code: str  # none | weak | learning | strong
    label: str
    css: str


BANDS = {
    "none": Band("none", _("Chưa luyện"), "band--none"),
    "weak": Band("weak", _("Cần ôn"), "band--weak"),
    "learning": Band("learning", _("Đang tiến bộ"), "band--learning"),
    "strong": Band("strong", _("Đã vững"), "band--strong"),
}


def band(value: float | None, answers: int) -> Band:
    if value is None or answers <= 0:
        return BANDS["none"]
    if value >= STRONG_AT and answers >= STRONG_MIN:
        return BANDS["strong"]
    if value < WEAK_BELOW:
        return BANDS["weak"]
    return BANDS["learning"]
