"""Writes for people and organisation. Keyword-only, atomic, validated with full_clean()."""

import datetime as dt

from django.db import transaction
from wagtail.models import Collection

from accounts.models import (
    Department,
    DistrictOffice,
    Enrolment,
    Role,
    School,
    SchoolClass,
    SchoolYear,
    TeachingAssignment,
    User,
)
from accounts.roles import sync_user_groups
from common.vietnamese import nfc


@transaction.atomic
def school_create(
    *,
    department: Department,
    name: str,
    code: str,
    level: str,
    district_office: DistrictOffice | None = None,
    address: str = "",
) -> School:
    """Create a school and its own Wagtail collection (for its images and documents)."""
    school = School(
        department=department,
        district_office=district_office,
        name=nfc(name).strip(),
        code=code.strip(),
        level=level,
        address=nfc(address).strip(),
    )
    school.full_clean()
    root = Collection.get_first_root_node()
    school.collection = root.add_child(instance=Collection(name=school.name))
    school.save()
    return school


def school_class_create(
    *,
    school: School,
    school_year: SchoolYear,
    name: str,
    grade: int,
    homeroom_teacher: User | None = None,
) -> SchoolClass:
    school_class = SchoolClass(
        school=school,
        school_year=school_year,
        name=name.strip().upper(),
        grade=grade,
        homeroom_teacher=homeroom_teacher,
    )
    school_class.full_clean()
    school_class.save()
    return school_class


def user_build(
    *,
    username: str,
    full_name: str,
    role: str,
    school: School | None = None,
    department: Department | None = None,
    district_office: DistrictOffice | None = None,
    **fields,
) -> User:
    """An unsaved user: NFC name split the Vietnamese way (given name last, used for
    sorting) and the organisation taken from the school unless given."""
    full_name = nfc(full_name).strip()
    family, _sep, given = full_name.rpartition(" ")
    return User(
        username=username,
        full_name=full_name,
        first_name=given[:150],
        last_name=family[:150],
        role=role,
        school=school,
        department_id=department.pk if department else (school.department_id if school else None),
        district_office_id=(
            district_office.pk
            if district_office
            else (school.district_office_id if school else None)
        ),
        **fields,
    )


@transaction.atomic
def user_create(
    *,
    username: str,
    full_name: str,
    role: str,
    school: School | None = None,
    department: Department | None = None,
    district_office: DistrictOffice | None = None,
    email: str = "",
    password: str | None = None,
    student_id: str | None = None,
    citizen_id: str | None = None,
    date_of_birth: dt.date | None = None,
    gender: str = "",
    phone: str = "",
    parent_email: str = "",
) -> User:
    """Create a validated user with a role; staff roles join their Wagtail group."""
    user = user_build(
        username=username,
        full_name=full_name,
        role=role,
        school=school,
        department=department,
        district_office=district_office,
        email=email,
        student_id=student_id or None,
        citizen_id=citizen_id or None,
        date_of_birth=date_of_birth,
        gender=gender,
        phone=phone,
        parent_email=parent_email,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    if role != Role.STUDENT:
        sync_user_groups(user)
    return user


def enrol(
    *, student: User, school_class: SchoolClass, enrolled_on: dt.date | None = None
) -> Enrolment:
    enrolment = Enrolment(student=student, school_class=school_class, enrolled_on=enrolled_on)
    enrolment.full_clean()
    enrolment.save()
    return enrolment


def teaching_assign(
    *, teacher: User, school_class: SchoolClass, subject=None
) -> TeachingAssignment:
    assignment = TeachingAssignment(teacher=teacher, school_class=school_class, subject=subject)
    assignment.full_clean()
    assignment.save()
    return assignment
