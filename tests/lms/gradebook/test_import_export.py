"""XLSX import of one term's marks: the export edited and imported back; a wrong student,
a mark outside 0–10 or with more than one decimal, a missing column are refused whole
with each row's reason in Vietnamese, nothing saved; a locked term refuses with its reason."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from lms.gradebook import services
from lms.gradebook.models import Mark, MarkChange, MarkSource
from tests.lms.gradebook.helpers import enter

pytestmark = pytest.mark.django_db
D = Decimal
HEADER = ["Mã định danh", "Họ và tên", "ĐĐGtx1", "ĐĐGtx2", "ĐĐGtx3", "ĐĐGgk", "ĐĐGck"]


def _xlsx(rows, header=HEADER) -> bytes:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(client, sch, data, term=1, name="diem.xlsx"):
    return client.post(
        f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.su.pk}/nhap/",
        {"hk": term, "tep": SimpleUploadedFile(name, data)},
    )


@pytest.fixture
def teacher(sch):
    client = Client()
    client.force_login(sch.teacher)
    return client


def test_a_good_file_is_imported_with_its_source_and_author(sch, teacher):
    an, binh, cuong = sch.students
    data = _xlsx(
        [
            ["2700000001", "Nguyễn Văn An", 8, 7.5, "9,5", 8, 9],
            ["2700000002", "Trần Thị Bình", 6, None, 5, 6.5, 7],
            [2700000003, "le van cuong", 10, 0, 4.5, 5, 5],
        ]
    )
    response = _upload(teacher, sch, data)
    assert response.status_code == 302
    marks = {(m.student_id, m.column): m for m in Mark.objects.filter(subject=sch.su, term=1)}
    assert marks[(an.pk, "tx3")].value == D("9.5")
    assert marks[(cuong.pk, "tx2")].value == D("0")
    assert (binh.pk, "tx2") not in marks  # an empty cell enters nothing
    assert len(marks) == 14
    assert {m.source for m in marks.values()} == {MarkSource.IMPORT}
    assert {m.entered_by_id for m in marks.values()} == {sch.teacher.pk}
    assert MarkChange.objects.filter(source=MarkSource.IMPORT).count() == 14


def test_a_wrong_file_is_refused_whole_with_each_rows_reason(sch, teacher):
    enter(sch.teacher, sch.c10a1, sch.su, 1, {sch.students[0]: [5, 5, 5, 5, 5]})
    before = list(Mark.objects.values_list("pk", "value"))
    data = _xlsx(
        [
            ["2700000001", "Nguyễn Văn An", 8, 7, 9, 8, 9],  # a good row: not saved either
            ["2700000004", "Phạm Thị Dung", 8, 7, 9, 8, 9],  # 10A2's student
            ["2700000009", "Không Có Ai", 8, 7, 9, 8, 9],  # no such student
            ["2700000002", "Lê Văn Cường", 8, 7, 9, 8, 9],  # Bình's id with another name
            ["2700000003", "Lê Văn Cường", 11, 7, 9, 8, 9],  # outside 0–10
            ["", "Trần Văn Thiếu", 8, 7, 9, 8, 9],  # no id
            ["2700000001", "Nguyễn Văn An", 8, 7.25, 9, 8, -1],  # 2 decimals, -1, repeated
        ]
    )
    response = _upload(teacher, sch, data)
    assert response.status_code == 400
    html = response.content.decode()
    for reason in (
        "Dòng 3: mã định danh 2700000004 không có trong lớp.",
        "Dòng 4: mã định danh 2700000009 không có trong lớp.",
        "Dòng 5: mã định danh 2700000002 là của Trần Thị Bình, không phải “Lê Văn Cường”.",
        "Dòng 6, cột HKI ĐĐGtx1: Điểm 11 nằm ngoài thang điểm 0–10.",
        "Dòng 7: thiếu mã định danh.",
        "Dòng 8: học sinh 2700000001 đã có ở dòng 2.",
        "Dòng 8, cột HKI ĐĐGtx2: Điểm 7,25 có quá 1 chữ số thập phân.",
        "Dòng 8, cột HKI ĐĐGck: Điểm -1 nằm ngoài thang điểm 0–10.",
    ):
        assert reason in html, reason
    assert "không điểm nào được lưu" in html
    assert list(Mark.objects.values_list("pk", "value")) == before


def test_a_missing_column_is_refused(sch, teacher):
    data = _xlsx([["2700000001", "Nguyễn Văn An", 8, 7, 8, 9]], header=HEADER[:4] + HEADER[5:])
    response = _upload(teacher, sch, data)
    assert response.status_code == 400
    assert "Thiếu cột “HKI ĐĐGtx3”." in response.content.decode()
    assert not Mark.objects.exists()


def test_not_an_xlsx_file_is_refused(sch, teacher):
    response = _upload(teacher, sch, b"a,b,c\n", name="diem.csv")
    assert response.status_code == 400
    assert "Chỉ nhận tệp Excel .xlsx." in response.content.decode()
    response = _upload(teacher, sch, b"PK\x03\x04 hong", name="diem.xlsx")
    assert "Không đọc được tệp Excel" in response.content.decode()


def test_the_export_edited_imports_back_into_the_second_term(sch, teacher):
    an = sch.students[0]
    enter(sch.teacher, sch.c10a1, sch.su, 1, {an: [7, 8, 9, 6, 7]})
    exported = teacher.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.su.pk}/xuat/").content
    book = load_workbook(io.BytesIO(exported))
    sheet = book.active
    header = [c.value for c in sheet[3]]
    row = next(r for r in sheet.iter_rows(min_row=4) if r[1].value == an.student_id)
    for name, value in zip(
        ["HKII ĐĐGtx1", "HKII ĐĐGtx2", "HKII ĐĐGtx3", "HKII ĐĐGgk", "HKII ĐĐGck"],
        [9, 9, 8, 8.5, 9],
        strict=True,
    ):
        row[header.index(name)].value = value
    out = io.BytesIO()
    book.save(out)
    assert _upload(teacher, sch, out.getvalue(), term=2).status_code == 302
    html = teacher.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.su.pk}/?hk=2").content
    # HK II (9 + 9 + 8 + 17 + 27) / 8 = 8,75 → 8,8; HK I (23 + 12 + 21) / 8 = 7,0;
    # ĐTBmcn (7,0 + 17,6) / 3 = 8,2
    assert '<td class="num avg">8,8</td><td class="num avg">8,2</td>' in html.decode()
    # HK I's marks are as they were: the import touched only HK II.
    assert Mark.objects.filter(term=1, source=MarkSource.MANUAL).count() == 5


def test_a_locked_term_refuses_the_import_with_its_reason(sch, teacher):
    services.term_lock(
        user=sch.admin,
        school=sch.school,
        school_year=sch.c10a1.school_year,
        term=1,
        reason="Đã nộp sổ cho Sở",
    )
    response = _upload(teacher, sch, _xlsx([["2700000001", "Nguyễn Văn An", 8, 7, 9, 8, 9]]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Học kỳ I năm học 2025-2026 đã khoá sổ" in html and "Đã nộp sổ cho Sở" in html
    assert not Mark.objects.exists()


def test_a_subject_assessed_by_comment_imports_d_and_cd(sch, teacher):
    an, binh = sch.students[:2]
    data = _xlsx(
        [
            ["2700000001", "Nguyễn Văn An", "Đ", "Đạt", "đ", "CĐ"],
            ["2700000002", "", "Đ", "x", "", ""],
        ],
        header=["Mã định danh", "Họ và tên", "ĐĐGtx1", "ĐĐGtx2", "ĐĐGgk", "ĐĐGck"],
    )
    url = f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.gdtc.pk}/nhap/"
    response = teacher.post(url, {"hk": 1, "tep": SimpleUploadedFile("gdtc.xlsx", data)})
    assert response.status_code == 400
    assert "Dòng 3, cột HKI ĐĐGtx2: “x” không phải là Đạt (Đ) hay Chưa đạt (CĐ)." in (
        response.content.decode()
    )
    assert not Mark.objects.exists()
    data = _xlsx(
        [
            ["2700000001", "Nguyễn Văn An", "Đ", "Đạt", "đ", "CĐ"],
            ["2700000002", "", "Đ", "", "", ""],
        ],
        header=["Mã định danh", "Họ và tên", "ĐĐGtx1", "ĐĐGtx2", "ĐĐGgk", "ĐĐGck"],
    )
    response = teacher.post(url, {"hk": 1, "tep": SimpleUploadedFile("gdtc.xlsx", data)})
    assert response.status_code == 302
    got = {(m.student_id, m.column): m.passed for m in Mark.objects.filter(subject=sch.gdtc)}
    assert got == {
        (an.pk, "tx1"): True,
        (an.pk, "tx2"): True,
        (an.pk, "gk"): True,
        (an.pk, "ck"): False,
        (binh.pk, "tx1"): True,
    }
