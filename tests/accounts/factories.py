"""Test data built through the services, as the conventions ask."""

import datetime as dt
import itertools

import factory

from accounts.models import Department, DistrictOffice, Role, SchoolLevel, SchoolYear
from accounts.services import enrol, school_class_create, school_create, user_create

_seq = itertools.count(1)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    name = "Sở Giáo dục và Đào tạo Thử nghiệm"
    code = "TN"


class DistrictOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistrictOffice

    department = factory.SubFactory(DepartmentFactory)
    name = factory.Sequence(lambda n: f"Phòng GD&ĐT số {n}")
    code = factory.Sequence(lambda n: f"P{n:03d}")


class SchoolYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolYear
        django_get_or_create = ("name",)

    name = "2025-2026"
    start_date = dt.date(2025, 9, 5)
    end_date = dt.date(2026, 5, 31)
    is_current = True


def make_school(*, code=None, name=None, department=None, level=SchoolLevel.UPPER_SECONDARY):
    n = next(_seq)
    return school_create(
        department=department or DepartmentFactory(),
        name=name or f"Trường THPT Thử nghiệm {n}",
        code=code or f"T{n:04d}",
        level=level,
    )


def make_user(*, role=Role.TEACHER, school=None, password="mat-khau-thu", **extra):
    n = next(_seq)
    defaults = {
        "username": f"user{n}",
        "full_name": f"Nguyễn Văn Người {n}",
        "email": f"user{n}@example.edu.vn",
    }
    if role == Role.STUDENT:
        defaults["student_id"] = f"27{n:08d}"
        defaults["username"] = defaults["student_id"]
    defaults.update(extra)
    if role == Role.STUDENT and "student_id" in extra and "username" not in extra:
        # A student's username is their student id: a given id must not leave the
        # sequence's username behind (it could collide with an imported student's).
        defaults["username"] = extra["student_id"]
    return user_create(role=role, school=school, password=password, **defaults)


def make_class(*, school, name, grade=10, homeroom_teacher=None, school_year=None):
    return school_class_create(
        school=school,
        school_year=school_year or SchoolYearFactory(),
        name=name,
        grade=grade,
        homeroom_teacher=homeroom_teacher,
    )


def make_student_in(school_class, **extra):
    student = make_user(role=Role.STUDENT, school=school_class.school, **extra)
    enrol(student=student, school_class=school_class)
    return student
