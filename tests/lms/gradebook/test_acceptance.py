"""Acceptance 2 of issue 22: a term's ĐTBmhk, the year's ĐTBmcn and the levels of a
hand-computed fixture of 3 students and 3 subjects (one assessed by comment) match every
value, on the pages and in the XLSX export, which reads back with the same numbers.

Class 10A1 (grade 10, THPT). By the rules file (Thông tư 22/2021/TT-BGDĐT):
- Toán: 105 periods/year (> 70) → 4 ĐĐGtx; ĐTBmhk = (TĐĐGtx + 2·gk + 3·ck) / 9.
- Lịch sử: 52 periods (> 35, ≤ 70) → 3 ĐĐGtx; ĐTBmhk = (TĐĐGtx + 2·gk + 3·ck) / 8.
- Giáo dục thể chất: assessed by comment, 2 regular assessments + gk + ck, Đ/CĐ.
"""

import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from lms.gradebook import selectors
from tests.lms.gradebook.helpers import enter

pytestmark = pytest.mark.django_db
D = Decimal

TOAN = {
    # Student A
    # HK I: tx 8 + 7,5 + 9 + 6 = 30,5; 2·7 = 14; 3·8,5 = 25,5 → 70 / 9 = 7,777… → 7,8
    # HK II: tx 9 + 8 + 8,5 + 10 = 35,5; 2·8 = 16; 3·9 = 27 → 78,5 / 9 = 8,722… → 8,7
    # ĐTBmcn = (7,8 + 2·8,7) / 3 = 25,2 / 3 = 8,4
    "A": ([8, 7.5, 9, 6, 7, 8.5], [9, 8, 8.5, 10, 8, 9]),
    # Student B
    # HK I: 5 + 6 + 4,5 + 7 = 22,5; 2·5,5 = 11; 3·6 = 18 → 51,5 / 9 = 5,722… → 5,7
    # HK II: 6 + 6 + 7 + 5 = 24; 2·6,5 = 13; 3·7 = 21 → 58 / 9 = 6,444… → 6,4
    # ĐTBmcn = (5,7 + 12,8) / 3 = 18,5 / 3 = 6,166… → 6,2
    "B": ([5, 6, 4.5, 7, 5.5, 6], [6, 6, 7, 5, 6.5, 7]),
    # Student C
    # HK I: 3 + 4 + 2,5 + 5 = 14,5; 2·3 = 6; 3·2 = 6 → 26,5 / 9 = 2,944… → 2,9
    # HK II: 4 + 5 + 3,5 + 4 = 16,5; 2·4 = 8; 3·3,5 = 10,5 → 35 / 9 = 3,888… → 3,9
    # ĐTBmcn = (2,9 + 7,8) / 3 = 10,7 / 3 = 3,566… → 3,6
    "C": ([3, 4, 2.5, 5, 3, 2], [4, 5, 3.5, 4, 4, 3.5]),
}
SU = {
    # A HK I: 7 + 8 + 6,6 = 21,6; 2·7 = 14; 3·8 = 24 → 59,6 / 8 = 7,45 → 7,5 (half up,
    # where banker's rounding would give 7,4)
    # A HK II: 9 + 9 + 8 = 26; 2·8,5 = 17; 3·9 = 27 → 70 / 8 = 8,75 → 8,8
    # ĐTBmcn = (7,5 + 17,6) / 3 = 25,1 / 3 = 8,366… → 8,4
    "A": ([7, 8, 6.6, 7, 8], [9, 9, 8, 8.5, 9]),
    # B HK I: 6 + 5 + 7 = 18; 12; 16,5 → 46,5 / 8 = 5,8125 → 5,8
    # B HK II: 7 + 6,5 + 6 = 19,5; 14; 19,5 → 53 / 8 = 6,625 → 6,6
    # ĐTBmcn = (5,8 + 13,2) / 3 = 19 / 3 = 6,333… → 6,3
    "B": ([6, 5, 7, 6, 5.5], [7, 6.5, 6, 7, 6.5]),
    # C HK I: 5 + 4 + 6 = 15; 9; 15 → 39 / 8 = 4,875 → 4,9
    # C HK II: 5 + 5 + 5 = 15; 10; 13,5 → 38,5 / 8 = 4,8125 → 4,8
    # ĐTBmcn = (4,9 + 9,6) / 3 = 14,5 / 3 = 4,833… → 4,8
    "C": ([5, 4, 6, 4.5, 5], [5, 5, 5, 5, 4.5]),
}
GDTC = {
    # A: every assessment Đ in both terms → HK I Đạt, HK II Đạt, year (= HK II) Đạt.
    "A": (["Đ", "Đ", "Đ", "Đ"], ["Đ", "Đ", "Đ", "Đ"]),
    # B: one CĐ in HK I → HK I Chưa đạt; HK II all Đ → Đạt; year Đạt.
    "B": (["Đ", "CĐ", "Đ", "Đ"], ["Đ", "Đ", "Đ", "Đ"]),
    # C: HK I Đạt; CĐ at the end of HK II → HK II Chưa đạt; year Chưa đạt.
    "C": (["Đ", "Đ", "Đ", "Đ"], ["Đ", "Đ", "Đ", "CĐ"]),
}
EXPECTED = {
    # student: {subject: (HK I, HK II, year)}
    "A": {"toan": ("7.8", "8.7", "8.4"), "lich-su": ("7.5", "8.8", "8.4"), "gdtc": (1, 1, 1)},
    "B": {"toan": ("5.7", "6.4", "6.2"), "lich-su": ("5.8", "6.6", "6.3"), "gdtc": (0, 1, 1)},
    "C": {"toan": ("2.9", "3.9", "3.6"), "lich-su": ("4.9", "4.8", "4.8"), "gdtc": (1, 0, 0)},
}
# Levels (Điều 9 khoản 2 điểm b): Tốt, Khá and Đạt each need at least 6 mark subjects at
# 8,0 / 6,5 / 5,0; this class has two mark subjects, so no student reaches Đạt in any
# period: every level is Chưa đạt (the fuller timetable below reaches every level).
EXPECTED_LEVELS = {k: {1: "Chưa đạt", 2: "Chưa đạt", "cn": "Chưa đạt"} for k in "ABC"}


def _enter_all(sch):
    students = dict(zip("ABC", sch.students, strict=True))
    for term in (1, 2):
        enter(
            sch.homeroom,
            sch.c10a1,
            sch.toan,
            term,
            {students[k]: v[term - 1] for k, v in TOAN.items()},
        )
        enter(
            sch.teacher, sch.c10a1, sch.su, term, {students[k]: v[term - 1] for k, v in SU.items()}
        )
        enter(
            sch.teacher,
            sch.c10a1,
            sch.gdtc,
            term,
            {students[k]: v[term - 1] for k, v in GDTC.items()},
        )
    return students


def _expected_value(value):
    return bool(value) if isinstance(value, int) else D(value)


def test_averages_results_and_levels_match_the_hand_computed_values(sch):
    students = _enter_all(sch)
    overview = selectors.class_overview(school_class=sch.c10a1)
    codes = {"toan": "toan", "lich-su": "lich-su", "giao-duc-the-chat": "gdtc"}
    by_student = {row.student.pk: row for row in overview.rows}
    for key, student in students.items():
        row = by_student[student.pk]
        for result in row.results:
            hk1, hk2, year = EXPECTED[key][codes[result.subject.code]]
            assert result.terms[1] == _expected_value(hk1), (key, result.subject.code)
            assert result.terms[2] == _expected_value(hk2), (key, result.subject.code)
            assert result.year == _expected_value(year), (key, result.subject.code)
        assert {p: lv[1] for p, lv in row.levels.items()} == EXPECTED_LEVELS[key]


def test_the_class_page_shows_the_same_numbers_with_a_decimal_comma(sch):
    _enter_all(sch)
    client = Client()
    client.force_login(sch.homeroom)
    html = client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/?ky=cn").content.decode()
    for value in ("8,4", "6,2", "3,6", "6,3", "4,8"):
        assert f'<td class="num">{value}</td>' in html
    html = client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/?ky=1").content.decode()
    for value in ("7,8", "5,7", "2,9", "7,5", "5,8", "4,9"):
        assert f'<td class="num">{value}</td>' in html
    assert html.count('<td class="num">CĐ</td>') == 1  # B's GDTC in HK I


def _read_back(content: bytes) -> dict:
    sheet = load_workbook(io.BytesIO(content), data_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[2])
    return {row[1]: dict(zip(header, row, strict=True)) for row in rows[3:]}


def test_the_xlsx_export_reads_back_with_the_same_numbers(sch):
    students = _enter_all(sch)
    client = Client()
    client.force_login(sch.homeroom)
    toan = _read_back(
        client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.toan.pk}/xuat/").content
    )
    client.force_login(sch.teacher)
    su = _read_back(client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.su.pk}/xuat/").content)
    gdtc = _read_back(
        client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.gdtc.pk}/xuat/").content
    )
    for key, student in students.items():
        a, s, g = toan[student.student_id], su[student.student_id], gdtc[student.student_id]
        assert a["Họ và tên"] == student.full_name
        for table, code, marks in ((a, "toan", TOAN), (s, "lich-su", SU)):
            hk1, hk2, year = EXPECTED[key][code]
            assert D(str(table["HKI ĐTBmhk"])) == D(hk1)
            assert D(str(table["HKII ĐTBmhk"])) == D(hk2)
            assert D(str(table["ĐTBmcn"])) == D(year)
            regular = len(marks[key][0]) - 2
            columns = [f"ĐĐGtx{i}" for i in range(1, regular + 1)] + ["ĐĐGgk", "ĐĐGck"]
            for term, roman in ((1, "I"), (2, "II")):
                read = [D(str(table[f"HK{roman} {c}"])) for c in columns]
                assert read == [D(str(v)) for v in marks[key][term - 1]]
        hk1, hk2, year = EXPECTED[key]["gdtc"]
        word = {1: "Đ", 0: "CĐ"}
        assert (g["HKI Kết quả"], g["HKII Kết quả"], g["Cả năm"]) == (
            word[hk1],
            word[hk2],
            word[year],
        )
        assert [g[f"HKII ĐĐG{c}"] for c in ("tx1", "tx2", "gk", "ck")] == GDTC[key][1]
