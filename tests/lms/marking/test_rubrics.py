"""Rubrics written as text: read back the same, points summed, wrong lines named."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lms.marking.rubrics import levels_chosen, rubric_max, rubric_parse, rubric_text
from tests.lms.marking.helpers import RUBRIC_TEXT


def test_a_rubric_reads_back_as_it_was_written():
    criteria = rubric_parse(RUBRIC_TEXT)
    assert criteria["schema_version"] == 1
    assert [r["name"] for r in criteria["criteria"]] == ["Đạo hàm", "Kết luận"]
    assert criteria["criteria"][1]["levels"][1] == {"label": "Thiếu", "points": "0.5"}
    assert rubric_text(criteria) == RUBRIC_TEXT
    assert rubric_max(criteria) == Decimal(2)


def test_levels_chosen_and_missing():
    criteria = rubric_parse(RUBRIC_TEXT)
    chosen, errors = levels_chosen(criteria, {0: 0, 1: 1})
    assert errors == {}
    assert sum(Decimal(c["points"]) for c in chosen) == Decimal("1.5")
    _chosen, errors = levels_chosen(criteria, {0: 0, 1: 7})
    assert list(errors) == ["level_1"] and "Kết luận" in errors["level_1"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "ít nhất một tiêu chí"),
        ("Nội dung Tốt = 1; Kém = 0", "Dòng 1"),
        ("Nội dung: Tốt = 1", "từ 2 đến 10 mức"),
        ("Nội dung: Tốt = 1,555; Kém = 0", "“Tốt = 1,555”"),
        ("Nội dung: Tốt = 101; Kém = 0", "“Tốt = 101”"),
        ("A: x = 1; y = 0\nB: = 1; z = 0", "Dòng 2"),
    ],
)
def test_wrong_rubrics_are_refused_with_the_line(text, reason):
    with pytest.raises(ValidationError) as refused:
        rubric_parse(text)
    assert reason in " ".join(refused.value.messages)
