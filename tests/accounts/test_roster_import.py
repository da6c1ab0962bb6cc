"""Bulk roster import: every bad row reported in Vietnamese, nothing saved on any error."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook

from accounts.models import Enrolment, Role, SchoolClass, User
from accounts.roster.importer import roster_import
from tests.accounts.factories import (
    SchoolYearFactory,
    make_class,
    make_school,
    make_student_in,
    make_user,
)

pytestmark = pytest.mark.django_db

STUDENT_HEADER = ["Mã trường", "Lớp", "Họ và tên", "Mã định danh", "Ngày sinh", "Giới tính", "CCCD"]


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


@pytest.fixture
def school_setup():
    school = make_school(code="27001", name="Trường THPT Nguyễn Huệ")
    other = make_school(code="27002", name="Trường THPT Yên Mô A")
    year = SchoolYearFactory()
    class_10a1 = make_class(school=school, name="10A1", school_year=year)
    admin = make_user(role=Role.SCHOOL_ADMIN, school=school)
    existing = make_student_in(class_10a1, student_id="2700000099", full_name="Đã Có Sẵn")
    return {"school": school, "other": other, "year": year, "admin": admin, "existing": existing}


def test_file_with_bad_rows_reports_each_and_saves_nothing(school_setup):
    rows = [
        STUDENT_HEADER,
        ["27001", "10A1", "Nguyễn Văn An", "2700000001", "05/03/2009", "Nam", "037209123456"],  # ok
        ["27001", "10A1", "Trần Thị Bình", "2700000001", "06/04/2009", "Nữ", ""],  # dup in file
        [
            "27001",
            "10A1",
            "Lê Văn Cường",
            "2700000003",
            "07/05/2009",
            "Nam",
            "037309000001",
        ],  # bad CCCD (3=female)
        ["27001", "10A9", "Phạm Thu Dung", "2700000004", "08/06/2009", "Nữ", ""],  # unknown class
        ["27001", "10A1", "Hoàng Văn Em", "2700000099", "09/07/2009", "Nam", ""],  # already in DB
        ["27002", "10A1", "Vũ Thị Giang", "2700000006", "10/08/2009", "Nữ", ""],  # other school
        ["27001", "10A1", "Đỗ Minh Huy", "27-0000007", "31/02/2009", "Nam", ""],  # bad id and date
    ]
    before = (User.objects.count(), Enrolment.objects.count())
    report = roster_import(
        kind="students", data=xlsx(rows), filename="danh-sach.xlsx", actor=school_setup["admin"]
    )
    assert not report.ok
    by_row: dict[int, str] = {}
    for error in report.errors:
        by_row[error.row] = by_row.get(error.row, "") + " | " + error.message
    assert set(by_row) == {3, 4, 5, 6, 7, 8}
    assert "trùng với dòng 2" in by_row[3]
    assert "CCCD không khớp" in by_row[4]
    assert "không tìm thấy lớp 10A9" in by_row[5]
    assert "đã có trong hệ thống" in by_row[6]
    assert "không có quyền quản lý trường 27002" in by_row[7]
    assert "Mã định danh học sinh 27-0000007 không hợp lệ" in by_row[8]
    assert "ngày sinh “31/02/2009”" in by_row[8]
    assert str(report.errors[0]).startswith("Dòng 3:")
    assert (User.objects.count(), Enrolment.objects.count()) == before


def test_single_bad_row_among_good_ones_saves_nothing(school_setup):
    rows = [STUDENT_HEADER] + [
        ["27001", "10A1", f"Học Sinh {i}", f"27{i:08d}", "01/01/2009", "Nam", ""]
        for i in range(1, 30)
    ]
    rows[15][3] = "0000000015"  # one bad student ID in the middle
    before = User.objects.count()
    report = roster_import(
        kind="students", data=csv_bytes(rows), filename="ds.csv", actor=school_setup["admin"]
    )
    assert [e.row for e in report.errors] == [16]
    assert User.objects.count() == before


def test_good_csv_imports_students_into_classes(school_setup):
    rows = [
        [
            "Ma truong",
            "LOP",
            "Ho va ten",
            "Ma dinh danh",
            "Ngay sinh",
            "Gioi tinh",
        ],  # unaccented headers
        ["27001", "10a1", "Nguyễn Văn An", "2700000001", "2009-03-05", "nam"],
        [],
        ["27001", "10A1", "Trần Thị Bình", "2700000002", "06/04/2009", "Nữ"],
    ]
    report = roster_import(
        kind="students", data=csv_bytes(rows), filename="ds.csv", actor=school_setup["admin"]
    )
    assert report.ok, report.errors
    assert report.created == 2
    an = User.objects.get(student_id="2700000001")
    assert an.full_name == "Nguyễn Văn An" and an.role == Role.STUDENT
    assert an.date_of_birth == dt.date(2009, 3, 5) and an.gender == "male"
    assert not an.has_usable_password()
    assert an.enrolments.get().school_class.name == "10A1"


def test_teachers_and_classes_import(school_setup):
    teachers = [
        ["Mã trường", "Họ và tên", "Email", "Vai trò", "Giới tính", "Ngày sinh", "CCCD"],
        [
            "27001",
            "Trần Thị Mai",
            "mai.tt@ninhbinh.edu.vn",
            "Giáo viên",
            "Nữ",
            "12/10/1985",
            "037185000123",
        ],
        ["27001", "Lê Văn Hùng", "hung.lv@ninhbinh.edu.vn", "Thủ thư", "Nam", "", ""],
    ]
    report = roster_import(
        kind="teachers", data=xlsx(teachers), filename="gv.xlsx", actor=school_setup["admin"]
    )
    assert report.ok, report.errors
    mai = User.objects.get(username="mai.tt@ninhbinh.edu.vn")
    assert mai.groups.filter(name="Giáo viên").exists()
    classes = [
        ["Mã trường", "Tên lớp", "Khối", "GVCN"],
        ["27001", "11A1", "11", "mai.tt@ninhbinh.edu.vn"],
    ]
    report = roster_import(
        kind="classes", data=xlsx(classes), filename="lop.xlsx", actor=school_setup["admin"]
    )
    assert report.ok, report.errors
    assert SchoolClass.objects.get(name="11A1").homeroom_teacher == mai


def test_unreadable_or_incomplete_files_are_rejected(school_setup):
    actor = school_setup["admin"]
    report = roster_import(kind="students", data=b"%PDF-1.4", filename="ds.pdf", actor=actor)
    assert "chỉ nhận .xlsx hoặc .csv" in report.errors[0].message
    report = roster_import(
        kind="students", data=csv_bytes([["Mã trường", "Lớp"]]), filename="a.csv", actor=actor
    )
    assert "Thiếu cột “Họ và tên”" in report.errors[0].message
    report = roster_import(
        kind="students", data=csv_bytes([STUDENT_HEADER]), filename="a.csv", actor=actor
    )
    assert report.errors[0].message == "tệp không có dòng dữ liệu nào."


def test_upload_view_shows_errors_and_teacher_is_refused(client, school_setup):
    client.force_login(school_setup["admin"])
    rows = [STUDENT_HEADER, ["27001", "10A9", "Nguyễn Văn An", "2700000001", "", "", ""]]
    upload = io.BytesIO(xlsx(rows))
    upload.name = "ds.xlsx"
    response = client.post("/nhap-danh-sach/", {"kind": "students", "file": upload})
    assert response.status_code == 400
    assert "Dòng 2: không tìm thấy lớp 10A9" in response.content.decode()
    teacher = make_user(school=school_setup["school"])
    client.force_login(teacher)
    assert client.get("/nhap-danh-sach/").status_code == 403


def test_department_admin_imports_schools_into_an_empty_department(client):
    from accounts.models import School
    from tests.accounts.factories import DepartmentFactory, DistrictOfficeFactory

    department = DepartmentFactory()
    district = DistrictOfficeFactory(department=department, code="NB-HL")
    admin = make_user(role=Role.DEPARTMENT_ADMIN, department=department)
    client.force_login(admin)
    assert client.get("/nhap-danh-sach/").status_code == 200
    rows = [
        ["Mã trường", "Tên trường", "Cấp học", "Mã Phòng GD&ĐT"],
        ["27201", "Trường THCS Đinh Tiên Hoàng", "THCS", "NB-HL"],
        ["27202", "Trường THPT Hoa Lư A", "Trung học phổ thông", ""],
    ]
    upload = io.BytesIO(xlsx(rows))
    upload.name = "truong.xlsx"
    response = client.post("/nhap-danh-sach/", {"kind": "schools", "file": upload})
    assert response.status_code == 200, response.content.decode()[-1500:]
    thcs = School.objects.get(code="27201")
    assert (
        thcs.district_office == district and thcs.collection.name == "Trường THCS Đinh Tiên Hoàng"
    )
    assert School.objects.get(code="27202").level == "upper_secondary"


def test_good_file_of_2000_students_imports(school_setup):
    school, year = school_setup["school"], school_setup["year"]
    for name in ["10A2", "10A3", "10A4"]:
        make_class(school=school, name=name, school_year=year)
    classes = ["10A1", "10A2", "10A3", "10A4"]
    rows = [STUDENT_HEADER] + [
        [
            "27001",
            classes[i % 4],
            f"Nguyễn Văn Học {i}",
            f"27{i + 1000:08d}",
            "15/09/2009",
            "Nam" if i % 2 else "Nữ",
            "",
        ]
        for i in range(2000)
    ]
    report = roster_import(
        kind="students", data=xlsx(rows), filename="2000.xlsx", actor=school_setup["admin"]
    )
    assert report.ok, report.errors[:5]
    assert report.created == 2000
    assert Enrolment.objects.filter(school_class__school=school).count() == 2001
    assert Enrolment.objects.filter(school_class__name="10A3").count() == 500


def test_an_optional_parent_email_column_is_saved_and_a_bad_one_refused_whole(school_setup):
    header = [*STUDENT_HEADER, "Email phụ huynh"]
    good = ["27001", "10A1", "Nguyễn Văn An", "2700000001", "05/03/2009", "Nam", ""]
    rows = [
        header,
        [*good, "Me.An@Example.vn"],
        ["27001", "10A1", "Trần Thị Bình", "2700000002", "06/04/2009", "Nữ", "", ""],
        ["27001", "10A1", "Lê Văn Cường", "2700000003", "07/05/2009", "Nam", "", "bo-cuong@"],
    ]
    before = User.objects.count()
    report = roster_import(
        kind="students", data=xlsx(rows), filename="ds.xlsx", actor=school_setup["admin"]
    )
    assert [(e.row, e.message) for e in report.errors] == [
        (4, "email phụ huynh “bo-cuong@” không hợp lệ.")
    ]
    assert User.objects.count() == before

    report = roster_import(
        kind="students", data=xlsx(rows[:3]), filename="ds.xlsx", actor=school_setup["admin"]
    )
    assert report.ok, report.errors
    assert User.objects.get(student_id="2700000001").parent_email == "me.an@example.vn"
    assert User.objects.get(student_id="2700000002").parent_email == ""
