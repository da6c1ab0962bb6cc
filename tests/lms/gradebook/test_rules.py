"""The rules are data: counts by periods, weights, rounding and levels come from the
rules file; a changed file changes the results without a change of code."""

import datetime as dt
import json
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client

from lms.gradebook import rules as rules_module
from lms.gradebook.rules import RULES_DIR, all_rules, rules_for
from tests.lms.gradebook.helpers import enter

D = Decimal
YEAR = SimpleNamespace(start_date=dt.date(2025, 9, 5))


def subj(code, name="Môn"):
    return SimpleNamespace(code=code, name=name)


@pytest.fixture
def tt22():
    return rules_for(school_year=YEAR, grade=10)


def test_the_tt22_file_is_the_rules_of_a_secondary_school_year(tt22):
    assert tt22.code == "tt22-2021"
    assert "22/2021/TT-BGDĐT" in tt22.circular
    assert rules_for(school_year=YEAR, grade=6).code == "tt22-2021"


@pytest.mark.parametrize(
    ("code", "grade", "count"),
    [
        ("giao-duc-quoc-phong-va-an-ninh", 10, 2),  # 35 periods
        ("lich-su", 10, 3),  # 52
        ("vat-ly", 11, 3),  # 70
        ("toan", 12, 4),  # 105
        ("toan", 6, 4),  # 140
        ("cong-nghe", 7, 2),  # 35
        ("cong-nghe", 8, 3),  # 52
        ("giao-duc-the-chat", 10, 2),  # by comment: 2 whatever the periods
        ("hoat-dong-trai-nghiem-huong-nghiep", 8, 2),
    ],
)
def test_regular_assessments_by_periods(tt22, code, grade, count):
    assert tt22.regular_count(subj(code), grade) == count
    assert tt22.columns(subj(code), grade)[-2:] == ["gk", "ck"]


def test_a_subject_is_found_by_its_name_too_and_an_unknown_one_takes_the_default(tt22):
    assert tt22.is_comment(subj("gdtc", "Giáo dục thể chất"))
    assert tt22.periods_of(subj("xyz", "Toán"), 10) == (105, True)
    assert tt22.periods_of(subj("xyz", "Môn lạ"), 10) == (70, False)


def test_averages_round_half_up_to_one_decimal(tt22):
    cols = ["tx1", "tx2", "tx3", "gk", "ck"]
    # (7 + 8 + 6,6 + 2·7 + 3·8) / 8 = 59,6 / 8 = 7,45 → 7,5
    marks = dict(zip(cols, [D("7"), D("8"), D("6.6"), D("7"), D("8")], strict=True))
    assert tt22.term_average(marks, cols) == D("7.5")
    assert tt22.term_average({**marks, "ck": None}, cols) is None
    # (7,5 + 2·8,8) / 3 = 8,366… → 8,4
    assert tt22.year_average({1: D("7.5"), 2: D("8.8")}) == D("8.4")
    assert tt22.year_average({1: D("7.5"), 2: None}) is None
    assert tt22.to_scale(D("7"), D("8")) == D("8.8")  # 8,75 → 8,8


def _level(rules, marks, comments=(True,)):
    found = rules.level([D(str(m)) for m in marks], list(comments))
    return found[1] if found else None


def test_levels_at_their_boundaries(tt22):
    six_at_8 = [8, 8, 8, 8, 8, 8]
    assert _level(tt22, [*six_at_8, 6.5]) == "Tốt"
    assert _level(tt22, [*six_at_8, 6.4]) == "Khá"  # one below 6,5
    assert _level(tt22, [8, 8, 8, 8, 8, 7.9, 6.5]) == "Khá"  # only five at 8,0
    assert _level(tt22, [*six_at_8, 6.5], (True, False)) == "Đạt"  # a comment subject CĐ
    assert _level(tt22, [*six_at_8, 6.5], (False, False)) == "Chưa đạt"  # two CĐ
    assert _level(tt22, [6.5] * 6 + [5.0]) == "Khá"
    assert _level(tt22, [6.5] * 6 + [4.9]) == "Đạt"
    assert _level(tt22, [5] * 6 + [3.5]) == "Đạt"
    assert _level(tt22, [5] * 6 + [3.4]) == "Chưa đạt"
    assert _level(tt22, [5] * 5 + [4.9, 4.9]) == "Chưa đạt"  # five at 5,0
    assert tt22.level([D(5)] * 6 + [None], [True]) is None  # a missing average


def test_a_changed_rules_file_changes_the_results(tmp_path, monkeypatch, tt22):
    """A new circular is a data change: a file with other weights and a later start."""
    data = json.loads((RULES_DIR / "tt22-2021.json").read_text(encoding="utf-8"))
    data.update(code="thu-nghiem-2030", applies_from="2030-09-01")
    data["weights"] = {"regular": 1, "midterm": 1, "final": 1}
    data["levels"][0]["at_least"]["count"] = 2
    (tmp_path / "tt22-2021.json").write_text(
        (RULES_DIR / "tt22-2021.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "thu-nghiem-2030.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(rules_module, "RULES_DIR", tmp_path)
    all_rules.cache_clear()
    try:
        later = rules_for(school_year=SimpleNamespace(start_date=dt.date(2030, 9, 5)), grade=10)
        same = rules_for(school_year=YEAR, grade=10)
        assert (later.code, same.code) == ("thu-nghiem-2030", "tt22-2021")
        cols = ["tx1", "tx2", "gk", "ck"]
        marks = dict(zip(cols, [D(6), D(6), D(9), D(9)], strict=True))
        assert same.term_average(marks, cols) == D("8.1")  # (12 + 18 + 27) / 7 = 8,14… → 8,1
        assert later.term_average(marks, cols) == D("7.5")  # (6 + 6 + 9 + 9) / 4
        assert _level(later, [8, 8, 6.5]) == "Tốt"
        assert _level(same, [8, 8, 6.5]) == "Chưa đạt"
    finally:
        all_rules.cache_clear()


def test_the_sheet_has_the_columns_of_the_rules(sch):
    client = Client()
    client.force_login(sch.homeroom)
    html = client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.toan.pk}/").content.decode()
    assert html.count(f'name="m-{sch.students[0].pk}-tx') == 4  # Toán: 105 periods → 4
    client.force_login(sch.teacher)
    html = client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.su.pk}/").content.decode()
    assert html.count(f'name="m-{sch.students[0].pk}-tx') == 3  # Lịch sử: 52 → 3
    enter(sch.teacher, sch.c10a1, sch.gdtc, 1, {sch.students[0]: ["Đ", "CĐ", "Đ", "Đ"]})
    html = client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.gdtc.pk}/").content.decode()
    assert '<option value="CĐ" selected>CĐ</option>' in html
