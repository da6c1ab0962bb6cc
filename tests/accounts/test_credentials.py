"""Student accounts that can sign in (issue 18): initial passwords issued for a class as
login slips (one PDF) or reset for one student, the forced change at the first sign-in,
sign-in by username or mã định danh, and who may do what."""

import json
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from wagtail.models import ModelLogEntry

from accounts.credentials import ALPHABET, LENGTH, credentials_issue
from accounts.hashers import InitialPasswordHasher
from accounts.models import Role, User
from accounts.services import teaching_assign
from common.vietnamese import nfc
from tests.accounts.factories import make_class, make_school, make_student_in, make_user

pytestmark = pytest.mark.django_db

SLIP = re.compile(r"Tên đăng nhập: (?P<login>\S+)\s+Mật khẩu: (?P<password>\S+)")
NEW_PASSWORD = "Hoa-sen-nở-2025"


@pytest.fixture
def org():
    school = make_school(name="Trường THPT Chu Văn An")
    homeroom = make_user(school=school, full_name="Trần Thị Mai")
    subject_teacher = make_user(school=school, full_name="Lê Văn Hùng")
    school_class = make_class(school=school, name="12A1", grade=12, homeroom_teacher=homeroom)
    teaching_assign(teacher=subject_teacher, school_class=school_class)
    other_school = make_school(name="Trường THPT Yên Mô A")
    return {
        "school": school,
        "class": school_class,
        "homeroom": homeroom,
        "subject_teacher": subject_teacher,
        "school_admin": make_user(role=Role.SCHOOL_ADMIN, school=school),
        "other_teacher": make_user(school=other_school, full_name="Ngô Thanh Hà"),
        "other_admin": make_user(role=Role.SCHOOL_ADMIN, school=other_school),
        "student": make_student_in(school_class, full_name="Phạm Minh Anh"),
    }


def _sign_in(client, login, password, url="/dang-nhap/", address="10.0.0.1"):
    return client.post(url, {"username": login, "password": password}, REMOTE_ADDR=address)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _slips(pdf: bytes) -> list[dict]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    text = nfc("\n".join(page.get_textpage().get_text_range() for page in document))
    document.close()
    return [m.groupdict() for m in SLIP.finditer(text)]


# --- Acceptance 3 --------------------------------------------------------------------------
@pytest.mark.browser
def test_slips_of_a_45_student_class_sign_in_once_and_force_a_change(org):
    """Given a class of 45 made through the services, when its homeroom teacher issues the
    passwords, then one PDF holds 45 slips whose credentials each sign in through the real
    form, lead to /doi-mat-khau/, and stop working once changed."""
    school_class = org["class"]
    for n in range(44):
        make_student_in(school_class, full_name=f"Nguyễn Thị Học Sinh {n:02d}")
    students = {s.student_id: s for s in User.objects.filter(enrolments__school_class=school_class)}
    assert len(students) == 45
    teacher = Client()
    teacher.force_login(org["homeroom"])

    response = teacher.post(f"/lop/{school_class.pk}/cap-mat-khau/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    slips = _slips(pdf)
    assert len(slips) == 45
    assert {slip["login"] for slip in slips} == set(students)
    assert all(len(s["password"]) == LENGTH and set(s["password"]) <= set(ALPHABET) for s in slips)
    assert len({slip["password"] for slip in slips}) == 45
    text = nfc(" ".join(_pdf_text(pdf)))
    assert "Trường THPT Chu Văn An" in text and "Lớp 12A1" in text
    assert "Phạm Minh Anh" in text
    assert "http://testserver/dang-nhap/" in text
    # The plaintext passwords are in the answer only: the database holds their hashes.
    for student in User.objects.filter(pk__in=[s.pk for s in students.values()]):
        assert identify_hasher(student.password).algorithm == InitialPasswordHasher.algorithm
        assert student.must_change_password

    for slip in slips:
        _first_sign_in_changes_the_password(students[slip["login"]], slip)


def _first_sign_in_changes_the_password(student: User, slip: dict) -> None:
    client = Client()
    response = _sign_in(client, slip["login"], slip["password"])
    assert response.status_code == 302, slip
    assert _signed_in(client)
    # Any page sends the student to the change first.
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith("/doi-mat-khau/")
    assert client.get(response["Location"]).status_code == 200

    response = client.post(
        "/doi-mat-khau/",
        {
            "old_password": slip["password"],
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
            "next": "/lop/",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/lop/"
    assert _signed_in(client)  # the session survives the change
    assert client.get("/lop/").status_code == 200
    student.refresh_from_db()
    assert not student.must_change_password
    client.logout()
    _sign_in(client, slip["login"], slip["password"])
    assert not _signed_in(client)
    _sign_in(client, slip["login"], NEW_PASSWORD)
    assert _signed_in(client)


def _pdf_text(pdf: bytes) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


@pytest.mark.browser
def test_slips_fit_several_to_a_page(org):
    for n in range(19):
        make_student_in(org["class"], full_name=f"Học Sinh {n:02d}")
    client = Client()
    client.force_login(org["school_admin"])

    pdf = client.post(f"/lop/{org['class'].pk}/cap-mat-khau/").content

    pages = _pdf_text(pdf)
    assert len(pages) == 2  # 20 slips, 10 to a page
    assert [len(SLIP.findall(nfc(page))) for page in pages] == [10, 10]


# --- Service --------------------------------------------------------------------------------
def test_issuing_for_a_class_reissues_everyone_and_logs_who(org):
    classmate = make_student_in(org["class"], full_name="Hoàng Thu Trang")

    issued = credentials_issue(actor=org["homeroom"], school_class=org["class"])

    assert {c.user.pk for c in issued} == {org["student"].pk, classmate.pk}
    for credential in issued:
        user = User.objects.get(pk=credential.user.pk)
        assert user.check_password(credential.password)
        assert user.must_change_password
        assert credential.login == user.student_id
    entry = ModelLogEntry.objects.get(action="accounts.credentials.issue")
    assert entry.user_id == org["homeroom"].pk
    assert entry.object_id == str(org["class"].pk)
    assert sorted(entry.data["students"]) == sorted([org["student"].pk, classmate.pk])
    # Again: new passwords, the first ones no longer work.
    again = credentials_issue(actor=org["homeroom"], school_class=org["class"])
    first = {c.user.pk: c.password for c in issued}
    for credential in again:
        user = User.objects.get(pk=credential.user.pk)
        assert not user.check_password(first[user.pk])
        assert user.check_password(credential.password)


def test_a_reset_changes_one_student_only(org):
    classmate = make_student_in(org["class"], full_name="Hoàng Thu Trang")
    before = User.objects.get(pk=classmate.pk).password

    [issued] = credentials_issue(
        actor=org["subject_teacher"], school_class=org["class"], users=[org["student"]]
    )

    assert issued.user.pk == org["student"].pk
    assert User.objects.get(pk=classmate.pk).password == before
    assert not User.objects.get(pk=classmate.pk).must_change_password
    assert ModelLogEntry.objects.filter(
        action="accounts.credentials.reset", object_id=str(org["student"].pk)
    ).exists()


@pytest.mark.parametrize(
    "who", ["subject_teacher", "other_teacher", "other_admin", "student"], ids=str
)
def test_who_may_not_issue_a_class(org, who):
    before = User.objects.get(pk=org["student"].pk).password
    with pytest.raises(PermissionDenied):
        credentials_issue(actor=org[who], school_class=org["class"])
    assert User.objects.get(pk=org["student"].pk).password == before


@pytest.mark.parametrize("who", ["homeroom", "school_admin"])
def test_who_may_issue_a_class(org, who):
    assert len(credentials_issue(actor=org[who], school_class=org["class"])) == 1


def test_department_admin_of_the_area_may_issue(org):
    department_admin = make_user(
        role=Role.DEPARTMENT_ADMIN, school=None, department=org["school"].department
    )
    assert len(credentials_issue(actor=department_admin, school_class=org["class"])) == 1


def test_nobody_resets_a_teacher_or_a_student_of_another_school(org):
    with pytest.raises(PermissionDenied):
        credentials_issue(actor=org["school_admin"], users=[org["homeroom"]])
    with pytest.raises(PermissionDenied):
        credentials_issue(actor=org["other_teacher"], users=[org["student"]])
    # A student of another class than the one named.
    other_class = make_class(school=org["school"], name="12A2", grade=12)
    stranger = make_student_in(other_class)
    with pytest.raises(PermissionDenied):
        credentials_issue(actor=org["homeroom"], school_class=org["class"], users=[stranger])


# --- Pages ----------------------------------------------------------------------------------
def test_the_roster_links_the_slips_for_the_homeroom_teacher_only(client, org):
    url = f"/lop/{org['class'].pk}/"
    client.force_login(org["homeroom"])
    page = client.get(url).content.decode()
    assert f"/lop/{org['class'].pk}/cap-mat-khau/" in page
    assert f"/hoc-sinh/{org['student'].pk}/dat-lai-mat-khau/" in page

    client.force_login(org["subject_teacher"])
    page = client.get(url).content.decode()
    assert "cap-mat-khau" not in page
    assert f"/hoc-sinh/{org['student'].pk}/dat-lai-mat-khau/" in page


def test_the_confirm_page_lists_the_students(client, org):
    client.force_login(org["homeroom"])
    response = client.get(f"/lop/{org['class'].pk}/cap-mat-khau/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Phạm Minh Anh" in text and org["student"].student_id in text
    # Showing the page changes nothing.
    assert not User.objects.get(pk=org["student"].pk).must_change_password


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_teacher", 404), ("other_admin", 404), ("subject_teacher", 403), ("student", 403)],
)
def test_the_slips_pages_refuse_others(client, org, who, status):
    before = User.objects.get(pk=org["student"].pk).password
    client.force_login(org[who])
    url = f"/lop/{org['class'].pk}/cap-mat-khau/"
    assert client.get(url).status_code == status
    assert client.post(url).status_code == status
    assert User.objects.get(pk=org["student"].pk).password == before


def test_a_subject_teacher_resets_one_student_and_sees_the_password_once(client, org):
    client.force_login(org["subject_teacher"])
    url = f"/lop/{org['class'].pk}/hoc-sinh/{org['student'].pk}/dat-lai-mat-khau/"

    assert client.get(url).status_code == 405
    response = client.post(url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = re.search(r"Mật khẩu</dt><dd><code>([^<]+)</code>", response.content.decode()).group(
        1
    )
    student = User.objects.get(pk=org["student"].pk)
    assert student.must_change_password
    other = Client()
    _sign_in(other, org["student"].student_id, password)
    assert _signed_in(other)


@pytest.mark.parametrize(("who", "status"), [("other_teacher", 404), ("student", 403)])
def test_a_reset_is_refused_to_others(client, org, who, status):
    client.force_login(org[who])
    url = f"/lop/{org['class'].pk}/hoc-sinh/{org['student'].pk}/dat-lai-mat-khau/"
    assert client.post(url).status_code == status
    assert not User.objects.get(pk=org["student"].pk).must_change_password


def test_a_reset_of_a_student_outside_the_class_is_a_404(client, org):
    stranger = make_student_in(make_class(school=org["school"], name="12A2", grade=12))
    client.force_login(org["homeroom"])
    url = f"/lop/{org['class'].pk}/hoc-sinh/{stranger.pk}/dat-lai-mat-khau/"
    assert client.post(url).status_code == 404


# --- The forced change ----------------------------------------------------------------------
def _must_change(user: User) -> User:
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    return user


def test_the_change_is_required_everywhere_but_its_own_page(client, org):
    client.force_login(_must_change(org["student"]))
    for path in ("/", "/lop/", f"/lop/{org['class'].pk}/", "/hoc/cau-hoi/1/tra-loi/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/doi-mat-khau/?next="), path
    assert client.get("/doi-mat-khau/").status_code == 200
    # The API answers JSON, not a redirect to a page.
    response = client.get("/api/v1/lms/classes")
    assert response.status_code == 403
    assert json.loads(response.content) == {"error": "Bạn cần đổi mật khẩu trước."}
    # Signing out stays possible.
    response = client.post("/dang-xuat/")
    assert response.status_code == 302
    assert not _signed_in(client)


def test_the_new_password_must_differ_from_the_initial_one(client, org):
    [issued] = credentials_issue(actor=org["homeroom"], users=[org["student"]])
    client.force_login(issued.user)
    response = client.post(
        "/doi-mat-khau/",
        {
            "old_password": issued.password,
            "new_password1": issued.password,
            "new_password2": issued.password,
        },
    )
    assert response.status_code == 200
    assert "Mật khẩu mới phải khác mật khẩu cũ." in response.content.decode()
    assert User.objects.get(pk=org["student"].pk).must_change_password


def test_a_teacher_signing_in_to_the_admin_is_sent_to_the_change(org):
    _must_change(org["homeroom"])
    client = Client()
    response = _sign_in(client, org["homeroom"].username, "mat-khau-thu", url="/admin/login/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == "/doi-mat-khau/?next=%2Fadmin%2F"


def test_the_initial_hash_is_upgraded_at_the_first_sign_in(org):
    [issued] = credentials_issue(actor=org["homeroom"], users=[org["student"]])
    client = Client()
    _sign_in(client, issued.login, issued.password)
    assert _signed_in(client)
    stored = User.objects.get(pk=org["student"].pk).password
    assert identify_hasher(stored).algorithm != InitialPasswordHasher.algorithm


# --- Sign-in by username or mã định danh ----------------------------------------------------
def test_a_student_signs_in_by_username_or_student_id(org):
    student = make_student_in(org["class"], username="hs.phamanh", student_id="2712345678")
    for login in ("hs.phamanh", "2712345678", " 2712345678 "):
        client = Client()
        _sign_in(client, login, "mat-khau-thu")
        assert _signed_in(client), login
        assert client.session["_auth_user_id"] == str(student.pk)
    client = Client()
    _sign_in(client, "2712345678", "sai-mat-khau")
    assert not _signed_in(client)


def test_an_inactive_student_cannot_sign_in_by_student_id(org):
    student = org["student"]
    student.is_active = False
    student.save()
    client = Client()
    _sign_in(client, student.student_id, "mat-khau-thu")
    assert not _signed_in(client)


@override_settings(AXES_ENABLED=True)
def test_throttling_locks_a_student_whichever_name_is_typed(org):
    """Ten failures lock the account, counted against one account whether the username or
    the mã định danh was typed; a reset by the teacher lets the student in again."""
    student = make_student_in(org["class"], username="hs.lock", student_id="2798765432")
    client = Client()
    for n in range(10):
        _sign_in(client, "hs.lock" if n % 2 else "2798765432", "sai", address=f"10.3.0.{n}")
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"hs.lock"}

    response = _sign_in(client, "2798765432", "mat-khau-thu", address="10.3.1.1")
    assert response.status_code == 429
    assert not _signed_in(client)
    response = _sign_in(client, "hs.lock", "mat-khau-thu", address="10.3.1.2")
    assert not _signed_in(client)

    [issued] = credentials_issue(actor=org["homeroom"], users=[student])
    _sign_in(client, issued.login, issued.password, address="10.3.1.3")
    assert _signed_in(client)


def test_a_failed_print_changes_no_password(client, org, monkeypatch):
    from accounts import views
    from common.pdf import ChromiumMissing

    def no_chromium(**kwargs):
        raise ChromiumMissing("no chromium")

    monkeypatch.setattr(views, "login_slips_pdf", no_chromium)
    before = User.objects.get(pk=org["student"].pk).password
    client.force_login(org["homeroom"])

    response = client.post(f"/lop/{org['class'].pk}/cap-mat-khau/")

    assert response.status_code == 503
    assert "chưa bị thay đổi" in response.content.decode()
    student = User.objects.get(pk=org["student"].pk)
    assert student.password == before
    assert not student.must_change_password
    assert not ModelLogEntry.objects.filter(action="accounts.credentials.issue").exists()
