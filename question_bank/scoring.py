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
    choices = data.get("choices", [])
    if response is None:
        return ZERO
    if qtype == QType.SINGLE_CHOICE:
        return (
            ONE
            if isinstance(response, int)
            and 0 <= response < len(choices)
            and choices[response]["correct"]
            else ZERO
        )
    if qtype == QType.MULTIPLE_RESPONSE:
        picked = set(response)
        total = Decimal(0)
        for i, c in enumerate(choices):
            if i in picked:
                frac = c.get("fraction")
                total += (
                    Decimal(str(frac))
                    if frac is not None
                    else (
                        ONE / max(1, sum(x["correct"] for x in choices)) if c["correct"] else -ONE
                    )
                )
        return max(ZERO, min(ONE, total))
    if qtype == QType.TRUE_FALSE:
        right = sum(
            1
            for c, r in zip(choices, list(response) + [None] * len(choices), strict=False)
            if r is not None and bool(r) == bool(c["correct"])
        )
        return true_false_fraction(len(choices), right)
    if qtype == QType.SHORT_NUMERIC:
        return (
            ONE
            if numeric_equal(str(response), data["numeric_answer"], data.get("tolerance") or 0)
            else ZERO
        )
    if qtype == QType.SHORT_TEXT:
        best = ZERO
        for c in choices:
            if _text_equal(str(response), plain_text(c["text"]), data.get("case_sensitive", False)):
                frac = Decimal(str(c["fraction"])) if c.get("fraction") is not None else ONE
                best = max(best, frac if c["correct"] else ZERO)
        return best
    if qtype == QType.CLOZE:
        blanks = data.get("blanks", [])
        if not blanks:
            return ZERO
        total_points = sum(Decimal(str(b.get("points", 1))) for b in blanks)
        earned = ZERO
        for blank, answer in zip(blanks, list(response) + [None] * len(blanks), strict=False):
            if answer is None:
                continue
            for a in blank["answers"]:
                if not a["correct"]:
                    continue
                ok = (
                    numeric_equal(str(answer), plain_text(a["text"]), blank.get("tolerance", 0))
                    if blank.get("kind") == "numeric"
                    else _text_equal(
                        str(answer), plain_text(a["text"]), blank.get("case_sensitive", False)
                    )
                )
                if ok:
                    earned += Decimal(str(blank.get("points", 1)))
                    break
        return earned / total_points if total_points else ZERO
    if qtype == QType.MATCHING:
        premises = [i for i, c in enumerate(choices) if plain_text(c["text"])]
        answers = [plain_text(c["match"]) for c in choices]
        right = sum(
            1
            for p, r in zip(premises, response, strict=False)
            if isinstance(r, int) and 0 <= r < len(answers) and answers[r] == answers[p]
        )
        return Decimal(right) / Decimal(len(premises)) if premises else ZERO
    if qtype == QType.ORDERING:
        return ONE if list(response) == list(range(len(choices))) else ZERO
    return ZERO  # essays are marked by a teacher
