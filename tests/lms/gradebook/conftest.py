"""A school with class 10A1 of three students: its homeroom teacher teaches Toán there, a
subject teacher teaches Lịch sử and Giáo dục thể chất; class 10A2 of the same school with
a student; a school admin; and a school of another Sở with its own admin."""

from dataclasses import dataclass, field

import pytest

from accounts.models import Role
from accounts.services import teaching_assign
from curriculum.models import Subject
from tests.accounts.factories import (
    DepartmentFactory,
    make_class,
    make_school,
    make_student_in,
    make_user,
)


def subject(code: str, name: str) -> Subject:
    return Subject.objects.get_or_create(code=code, defaults={"name": name})[0]


@dataclass
class School:
    school: object = None
    c10a1: object = None
    c10a2: object = None
    homeroom: object = None
    teacher: object = None
    other_teacher: object = None
    admin: object = None
    other_admin: object = None
    department_admin: object = None
    librarian: object = None
    students: list = field(default_factory=list)
    student_10a2: object = None
    toan: object = None
    su: object = None
    gdtc: object = None


@pytest.fixture
def sch(db) -> School:
    return build_school()


def build_school() -> School:
    s = School()
    s.school = make_school(name="Trường THPT Sổ Điểm")
    other = make_school(
        name="Trường THPT Sở Khác", department=DepartmentFactory(name="Sở Khác", code="SK")
    )
    s.homeroom = make_user(role=Role.TEACHER, school=s.school, full_name="Cô Chủ Nhiệm")
    s.teacher = make_user(role=Role.TEACHER, school=s.school, full_name="Thầy Bộ Môn")
    s.other_teacher = make_user(role=Role.TEACHER, school=s.school, full_name="Cô Lớp Khác")
    s.admin = make_user(role=Role.SCHOOL_ADMIN, school=s.school, full_name="Hiệu Trưởng")
    s.other_admin = make_user(role=Role.SCHOOL_ADMIN, school=other, full_name="Quản Trị Khác")
    s.department_admin = make_user(
        role=Role.DEPARTMENT_ADMIN, school=None, department=s.school.department
    )
    s.librarian = make_user(role=Role.LIBRARIAN, school=s.school)
    s.c10a1 = make_class(school=s.school, name="10A1", homeroom_teacher=s.homeroom)
    s.c10a2 = make_class(school=s.school, name="10A2")
    s.students = [
        make_student_in(s.c10a1, full_name=name, student_id=sid)
        for name, sid in (
            ("Nguyễn Văn An", "2700000001"),
            ("Trần Thị Bình", "2700000002"),
            ("Lê Văn Cường", "2700000003"),
        )
    ]
    s.student_10a2 = make_student_in(s.c10a2, full_name="Phạm Thị Dung", student_id="2700000004")
    s.toan = subject("toan", "Toán")
    s.su = subject("lich-su", "Lịch sử")
    s.gdtc = subject("giao-duc-the-chat", "Giáo dục thể chất")
    teaching_assign(teacher=s.homeroom, school_class=s.c10a1, subject=s.toan)
    teaching_assign(teacher=s.teacher, school_class=s.c10a1, subject=s.su)
    teaching_assign(teacher=s.teacher, school_class=s.c10a1, subject=s.gdtc)
    teaching_assign(teacher=s.other_teacher, school_class=s.c10a2, subject=s.toan)
    return s
