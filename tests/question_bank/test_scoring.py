"""Scoring by question type; the Đúng/Sai table is data; decimal-comma numbers."""

from decimal import Decimal

import pytest

from question_bank.numeric import NumericAnswerError, format_numeric, numeric_equal, parse_numeric
from question_bank.scales import TrueFalseScore
from question_bank.scoring import score


def tf(truth):
    return {
        "qtype": "true_false",
        "choices": [{"text": f"s{i}", "correct": t} for i, t in enumerate(truth)],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([False, False, True, True], "0"),  # 0 right
        ([True, False, True, True], "0.1"),  # 1 right
        ([True, True, True, True], "0.25"),  # 2 right
        ([True, True, False, True], "0.5"),  # 3 right
        ([True, True, False, False], "1"),  # 4 right
        ([True, None, None, None], "0.1"),  # unanswered statements earn nothing
    ],
)
def test_true_false_2025_table(answers, expected):
    assert score(tf([True, True, False, False]), answers) == Decimal(expected)


@pytest.mark.django_db
def test_true_false_table_is_data():
    TrueFalseScore.objects.filter(statements=4, correct=3).update(fraction=Decimal("0.6"))
    assert score(tf([True] * 4), [True, True, True, False]) == Decimal("0.6")
    # A count without a row falls back to the share of statements right.
    assert score(tf([True, False, True]), [True, False, False]) == Decimal(2) / Decimal(3)


@pytest.mark.parametrize("typed", ["-1,5", "−1,5", "-1.5", "-1,50", "-3/2", " -1,5 "])
def test_numeric_equivalent_forms(typed):
    assert numeric_equal(typed, "-1,5")


@pytest.mark.parametrize("typed", ["1,5", "-1,4", "abc", "", "1,5,0", "1/0"])
def test_numeric_wrong_or_unreadable(typed):
    assert not numeric_equal(typed, "-1,5")


def test_numeric_parse_and_format():
    assert parse_numeric(",25") == Decimal("0.25")
    assert format_numeric(Decimal("0.250")) == "0,25"
    assert format_numeric("-2") == "-2"
    with pytest.raises(NumericAnswerError):
        parse_numeric("1e5")


@pytest.mark.django_db
def test_other_types():
    single = {"qtype": "single_choice", "choices": [{"correct": False}, {"correct": True}]}
    assert score(single, 1) == 1 and score(single, 0) == 0
    multi = {
        "qtype": "multiple_response",
        "choices": [
            {"correct": True, "fraction": 0.5},
            {"correct": True, "fraction": 0.5},
            {"correct": False, "fraction": -1},
        ],
    }
    assert (
        score(multi, [0, 1]) == 1
        and score(multi, [0]) == Decimal("0.5")
        and score(multi, [0, 2]) == 0
    )
    numeric = {"qtype": "short_numeric", "numeric_answer": "0,25", "tolerance": 0}
    assert score(numeric, "0.25") == 1 and score(numeric, "1/4") == 1
    text = {
        "qtype": "short_text",
        "case_sensitive": False,
        "choices": [{"text": "Hà Nội", "correct": True}],
    }
    assert score(text, "hà  nội") == 1 and score(text, "Huế") == 0
    cloze = {
        "qtype": "cloze",
        "blanks": [
            {"kind": "numeric", "answers": [{"text": "98", "correct": True}], "points": 1},
            {"kind": "text", "answers": [{"text": "axit", "correct": True}], "points": 1},
        ],
    }
    assert score(cloze, ["98,0", "Axit"]) == 1 and score(cloze, ["98", "bazơ"]) == Decimal("0.5")
    matching = {
        "qtype": "matching",
        "choices": [
            {"text": "Hà Nội", "match": "thủ đô"},
            {"text": "TP HCM", "match": "thành phố lớn nhất"},
            {"text": "", "match": "cố đô"},
        ],
    }
    assert score(matching, [0, 1]) == 1 and score(matching, [1, 0]) == 0
    ordering = {"qtype": "ordering", "choices": [{}, {}, {}]}
    assert score(ordering, [0, 1, 2]) == 1 and score(ordering, [1, 0, 2]) == 0
    assert score({"qtype": "essay"}, "bài làm") == 0
