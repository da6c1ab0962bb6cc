"""Permissions tested through the views, the API and the Wagtail admin, not only the functions."""

import pytest

from accounts.models import Role
from tests.accounts.factories import make_class, make_school, make_student_in, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    school_a = make_school(name="Trường THPT Nguyễn Huệ")
    school_b = make_school(name="Trường THPT Yên Mô A")
    teacher_a1 = make_user(school=school_a, full_name="Trần Thị Mai")
    teacher_a2 = make_user(school=school_a, full_name="Lê Văn Hùng")
    class_a1 = make_class(school=school_a, name="10A1", homeroom_teacher=teacher_a1)
    class_a2 = make_class(school=school_a, name="10A2", homeroom_teacher=teacher_a2)
    class_b1 = make_class(school=school_b, name="10A1")
    return {
        "school_a": school_a,
        "school_b": school_b,
        "teacher_a1": teacher_a1,
        "class_a1": class_a1,
        "class_a2": class_a2,
        "student_a1": make_student_in(class_a1, full_name="Phạm Minh Anh"),
        "student_a2": make_student_in(class_a2, full_name="Hoàng Thu Trang"),
        "student_b1": make_student_in(class_b1, full_name="Đặng Quốc Bảo"),
        "admin_a": make_user(role=Role.SCHOOL_ADMIN, school=school_a, full_name="Bùi Hữu Nghĩa"),
        "admin_b": make_user(role=Role.SCHOOL_ADMIN, school=school_b, full_name="Ngô Thanh Hà"),
    }


def test_student_cannot_open_admin(client, org):
    client.force_login(org["student_a1"])
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/"  # sent home, not to Wagtail's sign-in (issue 16)
    # and a teacher can, through the same groups the role gave them
    client.force_login(org["teacher_a1"])
    assert client.get("/admin/").status_code == 200


def test_teacher_of_10a1_sees_own_roster_not_10a2(client, org):
    client.force_login(org["teacher_a1"])
    own = client.get(f"/lop/{org['class_a1'].pk}/")
    assert own.status_code == 200
    assert "Phạm Minh Anh" in own.content.decode()
    other = client.get(f"/lop/{org['class_a2'].pk}/")
    assert other.status_code == 404
    assert "Hoàng Thu Trang" not in other.content.decode()
    listing = client.get("/lop/").content.decode()
    assert f"/lop/{org['class_a1'].pk}/" in listing
    assert f"/lop/{org['class_a2'].pk}/" not in listing


def test_teacher_roster_api_same_rule(client, org):
    client.force_login(org["teacher_a1"])
    ok = client.get(f"/api/v1/lms/classes/{org['class_a1'].pk}/students")
    assert ok.status_code == 200
    assert [s["full_name"] for s in ok.json()["items"]] == ["Phạm Minh Anh"]
    assert client.get(f"/api/v1/lms/classes/{org['class_a2'].pk}/students").status_code == 404
    names = {c["id"] for c in client.get("/api/v1/lms/classes").json()["items"]}
    assert names == {org["class_a1"].pk}


def test_student_cannot_read_rosters(client, org):
    client.force_login(org["student_a1"])
    assert client.get(f"/lop/{org['class_a1'].pk}/").status_code == 403
    assert client.get(f"/api/v1/lms/classes/{org['class_a1'].pk}/students").status_code == 404


def test_school_admin_sees_own_school_people_only(client, org):
    client.force_login(org["admin_a"])
    own = client.get(f"/truong/{org['school_a'].pk}/nguoi-dung/")
    assert own.status_code == 200
    body = own.content.decode()
    assert "Phạm Minh Anh" in body and "Trần Thị Mai" in body
    assert "Đặng Quốc Bảo" not in body
    other = client.get(f"/truong/{org['school_b'].pk}/nguoi-dung/")
    assert other.status_code == 404
    assert "Đặng Quốc Bảo" not in other.content.decode()
    # the other school's class roster is closed too, in the page and the API
    class_b1 = org["student_b1"].enrolments.get().school_class
    assert client.get(f"/lop/{class_b1.pk}/").status_code == 404
    assert client.get(f"/api/v1/lms/classes/{class_b1.pk}/students").status_code == 404


def test_school_admin_admin_listing_is_narrowed(client, org):
    client.force_login(org["admin_a"])
    response = client.get("/admin/snippets/accounts/school/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Trường THPT Nguyễn Huệ" in body
    assert "Trường THPT Yên Mô A" not in body


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(f"/lop/{org['class_a1'].pk}/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert client.get("/api/v1/lms/classes").status_code == 401
