"""Rosters decided once (``accounts.permissions.visible_students``) and read through the
selectors the page and the API share: both doors list the same students, in order."""

import re

import pytest

from accounts import permissions, selectors
from accounts.models import Role
from tests.accounts.factories import make_class, make_school, make_student_in, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    school = make_school()
    teacher = make_user(school=school)
    other_teacher = make_user(school=school)
    school_class = make_class(school=school, name="11B2", homeroom_teacher=teacher)
    make_class(school=school, name="11B3", homeroom_teacher=other_teacher)
    students = [
        make_student_in(school_class, full_name=name)
        for name in ("Vũ Thị Yến", "Lê Quang Anh", "Đỗ Minh Châu")
    ]
    return {
        "school": school,
        "teacher": teacher,
        "other_teacher": other_teacher,
        "class": school_class,
        "students": students,
        "admin": make_user(role=Role.SCHOOL_ADMIN, school=school),
        "outside_admin": make_user(role=Role.SCHOOL_ADMIN, school=make_school()),
    }


def test_visible_students_of_a_class_by_role(org):
    school_class, everyone = org["class"], set(org["students"])
    assert set(permissions.visible_students(org["teacher"], school_class)) == everyone
    assert set(permissions.visible_students(org["admin"], school_class)) == everyone
    for outsider in (org["other_teacher"], org["outside_admin"], org["students"][0]):
        assert not permissions.visible_students(outsider, school_class).exists()


def test_roster_selectors_order_by_given_name_and_refuse_students(org):
    names = [
        s.full_name
        for s in selectors.class_students(user=org["teacher"], school_class=org["class"])
    ]
    assert names == ["Lê Quang Anh", "Đỗ Minh Châu", "Vũ Thị Yến"]
    assert selectors.roster_class(user=org["students"][0], class_id=org["class"].pk) is None
    assert selectors.roster_class(user=org["other_teacher"], class_id=org["class"].pk) is None
    assert selectors.roster_class(user=org["teacher"], class_id=org["class"].pk) == org["class"]


def test_the_roster_page_and_the_api_list_the_same_students(client, org):
    client.force_login(org["teacher"])
    page = client.get(f"/lop/{org['class'].pk}/").content.decode()
    api = client.get(f"/api/v1/lms/classes/{org['class'].pk}/students").json()["items"]
    api_names = [s["full_name"] for s in api]
    assert api_names == ["Lê Quang Anh", "Đỗ Minh Châu", "Vũ Thị Yến"]
    page_names = re.findall(r"<td>\d+</td><td>([^<]+)</td>", page)
    assert page_names == api_names
