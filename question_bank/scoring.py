"""Scoring a response against a question version's snapshot. Returns a fraction 0…1.

The Đúng/Sai table comes from :class:`~question_bank.scales.TrueFalseScore` (data, not code).
Responses: single → option index; multiple → list of indexes; true/false → list of bools
per statement (None = unanswered); numeric/text → string; cloze → list of strings;
matching → list of the answer index chosen for each premise; ordering → list of indexes.
"""

from decimal import Decimal

from common.vietnamese import nfc
from question_bank.formats.base import QType
from question_bank.html import plain_text
from question_bank.numeric import numeric_equal

ZERO, ONE = Decimal(0), Decimal(1)


def true_false_fraction(statements: int, correct: int) -> Decimal:
    from question_bank.scales import TrueFalseScore

    row = TrueFalseScore.objects.filter(statements=statements, correct=correct).first()
    if row is not None:
        return Decimal(row.fraction)
    return Decimal(correct) / Decimal(statements) if statements else ZERO


def _text_equal(a: str, b: str, case_sensitive: bool) -> bool:
    a, b = " ".join(nfc(a).split()), " ".join(nfc(b).split())
    return a == b if case_sensitive else a.casefold() == b.casefold()


def score(data: dict, response) -> Decimal:
    """Fraction of the question's points earned by ``response`` (snapshot ``data``)."""
    qtype = QType(data["qtype"])
    if response is None:
        return ZERO
    scorer = SCORERS.get(qtype)
    if scorer is None:
        return ZERO  # essays are marked by a teacher
    return scorer(data, data.get("choices", []), response)


def _single_choice(data: dict, choices: list, response) -> Decimal:
    return (
        ONE
        if isinstance(response, int)
        and 0 <= response < len(choices)
        and choices[response]["correct"]
        else ZERO
    )


def _multiple_response(data: dict, choices: list, response) -> Decimal:
    """Each picked option adds its own fraction, or an equal share of the right ones (−1
    for a wrong one); the sum is kept within 0…1."""
    picked = set(response)
    total = Decimal(0)
    for i, c in enumerate(choices):
        if i in picked:
            frac = c.get("fraction")
            total += (
                Decimal(str(frac))
                if frac is not None
                else (ONE / max(1, sum(x["correct"] for x in choices)) if c["correct"] else -ONE)
            )
    return max(ZERO, min(ONE, total))


def _true_false(data: dict, choices: list, response) -> Decimal:
    right = sum(
        1
        for c, r in zip(choices, list(response) + [None] * len(choices), strict=False)
        if r is not None and bool(r) == bool(c["correct"])
    )
    return true_false_fraction(len(choices), right)


def _short_numeric(data: dict, choices: list, response) -> Decimal:
    return (
        ONE
        if numeric_equal(str(response), data["numeric_answer"], data.get("tolerance") or 0)
        else ZERO
    )


def _short_text(data: dict, choices: list, response) -> Decimal:
    """The best fraction among the accepted answers the response matches."""
    best = ZERO
    for c in choices:
        if _text_equal(str(response), plain_text(c["text"]), data.get("case_sensitive", False)):
            frac = Decimal(str(c["fraction"])) if c.get("fraction") is not None else ONE
            best = max(best, frac if c["correct"] else ZERO)
    return best


def _blank_right(blank: dict, answer) -> bool:
    """Whether ``answer`` matches one of the blank's correct answers."""
    for a in blank["answers"]:
        if not a["correct"]:
            continue
        ok = (
            numeric_equal(str(answer), plain_text(a["text"]), blank.get("tolerance", 0))
            if blank.get("kind") == "numeric"
            else _text_equal(str(answer), plain_text(a["text"]), blank.get("case_sensitive", False))
        )
        if ok:
            return True
    return False


def _cloze(data: dict, choices: list, response) -> Decimal:
    """The points of the blanks answered right, over the points of all blanks."""
    blanks = data.get("blanks", [])
    if not blanks:
        return ZERO
    total_points = sum(Decimal(str(b.get("points", 1))) for b in blanks)
    earned = ZERO
    for blank, answer in zip(blanks, list(response) + [None] * len(blanks), strict=False):
        if answer is not None and _blank_right(blank, answer):
            earned += Decimal(str(blank.get("points", 1)))
    return earned / total_points if total_points else ZERO


def _matching(data: dict, choices: list, response) -> Decimal:
    """The share of premises given an answer with the same text as their own."""
    premises = [i for i, c in enumerate(choices) if plain_text(c["text"])]
    answers = [plain_text(c["match"]) for c in choices]
    right = sum(
        1
        for p, r in zip(premises, response, strict=False)
        if isinstance(r, int) and 0 <= r < len(answers) and answers[r] == answers[p]
    )
    return Decimal(right) / Decimal(len(premises)) if premises else ZERO


def _ordering(data: dict, choices: list, response) -> Decimal:
    return ONE if list(response) == list(range(len(choices))) else ZERO


# One scorer per automatically marked type: (snapshot, its choices, response) → fraction.
SCORERS = {
    QType.SINGLE_CHOICE: _single_choice,
    QType.MULTIPLE_RESPONSE: _multiple_response,
    QType.TRUE_FALSE: _true_false,
    QType.SHORT_NUMERIC: _short_numeric,
    QType.SHORT_TEXT: _short_text,
    QType.CLOZE: _cloze,
    QType.MATCHING: _matching,
    QType.ORDERING: _ordering,
}
