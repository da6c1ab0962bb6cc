"""Two schools of one Sở, each under its own district office: a primary school (class 3A,
taught Toán and Tiếng Việt) and a secondary one (classes 10A1 and 6A, taught Toán, Ngữ
văn); a school of another Sở; admins of each level, teachers and students."""

from dataclasses import dataclass, field

import pytest

from accounts.models import Role, SchoolLevel
from accounts.services import teaching_assign
from curriculum.models import Subject
from tests.accounts.factories import (
    DepartmentFactory,
    DistrictOfficeFactory,
    SchoolYearFactory,
    make_class,
    make_school,
    make_student_in,
    make_user,
)


def subject(code: str, name: str) -> Subject:
    return Subject.objects.get_or_create(code=code, defaults={"name": name})[0]


@dataclass
class Area:
    year: object = None
    primary: object = None
    secondary: object = None
    other: object = None
    c3a: object = None
    c10a1: object = None
    c6a: object = None
    c_other: object = None
    toan: object = None
    van: object = None
    tv: object = None
    teacher: object = None
    teacher_6a: object = None
    homeroom: object = None
    primary_teacher: object = None
    admin: object = None
    primary_admin: object = None
    other_admin: object = None
    department_admin: object = None
    district_admin: object = None
    librarian: object = None
    exam_board: object = None
    students: list = field(default_factory=list)
    other_student: object = None


@pytest.fixture
def area(db) -> Area:
    a = Area()
    a.year = SchoolYearFactory()
    dept = DepartmentFactory()
    office_p = DistrictOfficeFactory(department=dept, name="Phòng GD&ĐT Tiểu học")
    office_s = DistrictOfficeFactory(department=dept, name="Phòng GD&ĐT Trung học")
    a.primary = make_school(name="Trường Tiểu học Hoa Sen", level=SchoolLevel.PRIMARY)
    a.primary.district_office = office_p
    a.primary.save()
    a.secondary = make_school(name="Trường THCS-THPT Bạch Đằng", level=SchoolLevel.MULTI_LEVEL)
    a.secondary.district_office = office_s
    a.secondary.save()
    a.other = make_school(
        name="Trường THPT Sở Khác", department=DepartmentFactory(name="Sở Khác", code="SK")
    )
    a.toan = subject("toan", "Toán")
    a.van = subject("ngu-van", "Ngữ văn")
    a.tv = subject("tieng-viet", "Tiếng Việt")
    a.teacher = make_user(role=Role.TEACHER, school=a.secondary, full_name="Thầy Toán")
    a.teacher_6a = make_user(role=Role.TEACHER, school=a.secondary, full_name="Cô Lớp Sáu")
    a.homeroom = make_user(role=Role.TEACHER, school=a.secondary, full_name="Cô Chủ Nhiệm")
    a.primary_teacher = make_user(role=Role.TEACHER, school=a.primary, full_name="Cô Tiểu Học")
    a.admin = make_user(role=Role.SCHOOL_ADMIN, school=a.secondary, full_name="Hiệu Trưởng")
    a.primary_admin = make_user(role=Role.SCHOOL_ADMIN, school=a.primary)
    a.other_admin = make_user(role=Role.SCHOOL_ADMIN, school=a.other)
    a.department_admin = make_user(role=Role.DEPARTMENT_ADMIN, school=None, department=dept)
    a.district_admin = make_user(
        role=Role.DEPARTMENT_ADMIN, school=None, department=dept, district_office=office_p
    )
    a.librarian = make_user(role=Role.LIBRARIAN, school=a.secondary)
    a.exam_board = make_user(role=Role.EXAM_BOARD, school=a.secondary)
    a.c3a = make_class(school=a.primary, name="3A", grade=3, school_year=a.year)
    a.c10a1 = make_class(
        school=a.secondary, name="10A1", grade=10, school_year=a.year, homeroom_teacher=a.homeroom
    )
    a.c6a = make_class(school=a.secondary, name="6A", grade=6, school_year=a.year)
    a.c_other = make_class(school=a.other, name="10B9", grade=10, school_year=a.year)
    a.students = [
        make_student_in(a.c10a1, full_name=f"Học Sinh {n}", student_id=f"27100000{n:02d}")
        for n in range(1, 4)
    ]
    a.other_student = make_student_in(a.c_other, full_name="Học Sinh Sở Khác")
    teaching_assign(teacher=a.primary_teacher, school_class=a.c3a, subject=a.toan)
    teaching_assign(teacher=a.primary_teacher, school_class=a.c3a, subject=a.tv)
    teaching_assign(teacher=a.teacher, school_class=a.c10a1, subject=a.toan)
    teaching_assign(teacher=a.teacher, school_class=a.c10a1, subject=a.van)
    teaching_assign(teacher=a.teacher_6a, school_class=a.c6a, subject=a.toan)
    return a
