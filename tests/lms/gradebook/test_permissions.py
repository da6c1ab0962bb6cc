"""Every permission line of the gradebook, through the views (role × door):

- a subject teacher sees and edits their class × subject, nothing else;
- the homeroom teacher sees the whole class and every subject's sheet, edits only theirs;
- a student sees only their own marks ("Điểm của em"), never a sheet or the class;
- a school admin sees their school's gradebooks (read only) and locks its terms;
- nobody else: another teacher, another school's admin, a department admin, a librarian,
  anonymous visitors (sent to sign in).
"""

from decimal import Decimal

import pytest
from django.test import Client

from lms.gradebook.models import Mark, TermLock
from tests.lms.gradebook.helpers import enter

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _urls(sch):
    c = sch.c10a1.pk
    return {
        "home": "/hoc/so-diem/",
        "class": f"/hoc/so-diem/lop/{c}/",
        "toan": f"/hoc/so-diem/lop/{c}/mon/{sch.toan.pk}/",
        "su": f"/hoc/so-diem/lop/{c}/mon/{sch.su.pk}/",
        "toan_xlsx": f"/hoc/so-diem/lop/{c}/mon/{sch.toan.pk}/xuat/",
        "su_xlsx": f"/hoc/so-diem/lop/{c}/mon/{sch.su.pk}/xuat/",
        "toan_import": f"/hoc/so-diem/lop/{c}/mon/{sch.toan.pk}/nhap/",
        "su_import": f"/hoc/so-diem/lop/{c}/mon/{sch.su.pk}/nhap/",
        "own": "/hoc/so-diem/cua-em/",
        "locks": "/hoc/so-diem/khoa-so/",
    }


# role → {door: expected status}. 404 hides what one may not see; 302 is a redirect.
TABLE = {
    "homeroom": dict(
        home=200,
        **{"class": 200},
        toan=200,
        su=200,
        toan_xlsx=200,
        su_xlsx=200,
        toan_import=200,
        su_import=404,
        own=404,
        locks=404,
    ),
    "teacher": dict(
        home=200,
        **{"class": 404},
        toan=404,
        su=200,
        toan_xlsx=404,
        su_xlsx=200,
        toan_import=404,
        su_import=200,
        own=404,
        locks=404,
    ),
    "other_teacher": dict(
        home=200,
        **{"class": 404},
        toan=404,
        su=404,
        toan_xlsx=404,
        su_xlsx=404,
        toan_import=404,
        su_import=404,
        own=404,
        locks=404,
    ),
    "student": dict(
        home=302,
        **{"class": 404},
        toan=404,
        su=404,
        toan_xlsx=404,
        su_xlsx=404,
        toan_import=404,
        su_import=404,
        own=200,
        locks=404,
    ),
    "admin": dict(
        home=200,
        **{"class": 200},
        toan=200,
        su=200,
        toan_xlsx=200,
        su_xlsx=200,
        toan_import=404,
        su_import=404,
        own=404,
        locks=200,
    ),
    "other_admin": dict(
        home=200,
        **{"class": 404},
        toan=404,
        su=404,
        toan_xlsx=404,
        su_xlsx=404,
        toan_import=404,
        su_import=404,
        own=404,
        locks=200,
    ),
    "department_admin": dict(
        home=404,
        **{"class": 404},
        toan=404,
        su=404,
        toan_xlsx=404,
        su_xlsx=404,
        toan_import=404,
        su_import=404,
        own=404,
        locks=404,
    ),
    "librarian": dict(
        home=404,
        **{"class": 404},
        toan=404,
        su=404,
        toan_xlsx=404,
        su_xlsx=404,
        toan_import=404,
        su_import=404,
        own=404,
        locks=404,
    ),
}


def _user(sch, role):
    return sch.students[0] if role == "student" else getattr(sch, role)


@pytest.mark.parametrize("role", sorted(TABLE))
def test_who_opens_which_door(sch, role):
    client = _client(_user(sch, role))
    urls = _urls(sch)
    answers = {door: client.get(url).status_code for door, url in urls.items()}
    assert answers == TABLE[role]


def test_anonymous_visitors_are_sent_to_sign_in(sch):
    client = _client(None)
    for url in _urls(sch).values():
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"], url


def _post_mark(client, sch, subject, value="8,5", term=1):
    student = sch.students[0]
    return client.post(
        f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{subject.pk}/",
        {"hk": term, f"m-{student.pk}-tx1": value},
    )


def test_the_subject_teacher_saves_their_subject_and_nothing_else(sch):
    client = _client(sch.teacher)
    assert _post_mark(client, sch, sch.su).status_code == 302
    mark = Mark.objects.get(subject=sch.su, student=sch.students[0], column="tx1")
    assert (mark.value, mark.entered_by, mark.term) == (Decimal("8.5"), sch.teacher, 1)
    assert _post_mark(client, sch, sch.toan).status_code == 404
    assert not Mark.objects.filter(subject=sch.toan).exists()


def test_the_homeroom_teacher_sees_every_subject_but_edits_only_theirs(sch):
    enter(sch.teacher, sch.c10a1, sch.su, 1, {sch.students[0]: [7, 8, 9, 6, 7]})
    client = _client(sch.homeroom)
    html = client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/mon/{sch.su.pk}/").content.decode()
    assert "7,0" in html and "<input" not in html.split("<tbody>")[1]  # read only
    assert _post_mark(client, sch, sch.su, "1").status_code == 404
    assert Mark.objects.get(subject=sch.su, column="tx1").value == Decimal("7")
    assert _post_mark(client, sch, sch.toan).status_code == 302
    html = client.get(f"/hoc/so-diem/lop/{sch.c10a1.pk}/?ky=1").content.decode()
    assert "Lịch sử" in html and "Toán" in html


def test_a_student_sees_only_their_own_marks(sch):
    an, binh = sch.students[0], sch.students[1]
    enter(sch.teacher, sch.c10a1, sch.su, 1, {an: [7, 8, 9, 6, 7], binh: [1.5, 2.5, 3.5, 4.5, 5.5]})
    html = _client(an).get("/hoc/so-diem/cua-em/").content.decode()
    assert "Lịch sử" in html and "9,0" in html
    assert "3,5" not in html and "Trần Thị Bình" not in html
    html = _client(sch.student_10a2).get("/hoc/so-diem/cua-em/").content.decode()
    assert "9,0" not in html and "Lịch sử" not in html


def test_school_admins_see_but_do_not_edit_and_lock_only_their_school(sch):
    client = _client(sch.admin)
    assert _post_mark(client, sch, sch.su).status_code == 404
    year = sch.c10a1.school_year
    response = client.post(
        "/hoc/so-diem/khoa-so/",
        {"truong": sch.school.pk, "nam": year.pk, "hk": 1, "lenh": "khoa", "ly_do": "Chốt sổ"},
    )
    assert response.status_code == 302
    assert TermLock.objects.get(school=sch.school, term=1).locked_by == sch.admin
    other = _client(sch.other_admin)
    response = other.post(
        "/hoc/so-diem/khoa-so/", {"truong": sch.school.pk, "nam": year.pk, "hk": 1, "lenh": "mo"}
    )
    assert response.status_code == 404
    assert TermLock.objects.filter(school=sch.school, term=1).exists()
    for user in (sch.teacher, sch.homeroom, sch.department_admin):
        response = _client(user).post(
            "/hoc/so-diem/khoa-so/",
            {"truong": sch.school.pk, "nam": year.pk, "hk": 2, "lenh": "khoa"},
        )
        assert response.status_code == 404
    assert not TermLock.objects.filter(term=2).exists()


def test_the_lists_name_only_ones_own_classes(sch):
    html = _client(sch.other_admin).get("/hoc/so-diem/").content.decode()
    assert "10A1" not in html and "chưa được phân công" in html
    html = _client(sch.other_teacher).get("/hoc/so-diem/").content.decode()
    assert "10A2" in html and "10A1" not in html
    html = _client(sch.admin).get("/hoc/so-diem/").content.decode()
    assert "10A1" in html and "10A2" in html
