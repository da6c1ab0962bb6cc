"""The exam board's pages: creating a session through the form, the session page, who may
open what (404, never 403, for a session one may not see)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Role
from lms.exams import codes, staffing
from lms.exams.models import ExamSession
from tests.accounts.factories import make_class, make_school, make_student_in, make_user
from tests.lms.exams.factories import DOB, make_exam_paper, make_exam_world, started

pytestmark = pytest.mark.django_db

FORM_TIME = "%Y-%m-%dT%H:%M"


@pytest.fixture
def board_world():
    school = make_school()
    board = make_user(role=Role.EXAM_BOARD, school=school)
    school_class = make_class(school=school, name="12A1", grade=12)
    students = [make_student_in(school_class, date_of_birth=DOB) for _ in range(3)]
    paper = make_exam_paper(board)
    return {
        "school": school,
        "board": board,
        "class": school_class,
        "students": students,
        "paper": paper,
    }


def _form(paper, school_class, opens, **extra):
    data = {
        "paper": paper.pk,
        "title": "Kiểm tra giữa kì",
        "classes": [school_class.pk],
        "students": "",
        "opens_at": timezone.localtime(opens).strftime(FORM_TIME),
        "duration_minutes": "45",
        "grace_seconds": "120",
        "attempts_allowed": "1",
        "release_policy": "manual",
        "review_policy": "score",
        "require_identity": "on",
    }
    data.update(extra)
    return data


def test_the_board_creates_a_session_for_12a1_with_45_minutes(client, board_world):
    board, paper, school_class = board_world["board"], board_world["paper"], board_world["class"]
    client.force_login(board)
    page = client.get(f"/thi/quan-ly/tao/?paper={paper.pk}")
    assert page.status_code == 200
    assert page.context["form"].initial["paper"] == paper.pk
    assert page.context["form"].initial["duration_minutes"] == 45
    assert "12A1" in page.content.decode()

    opens = (timezone.now() + dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    response = client.post("/thi/quan-ly/tao/", _form(paper, school_class, opens))
    assert response.status_code == 302, response.context["form"].errors
    session = ExamSession.objects.get()
    assert response["Location"] == f"/thi/quan-ly/{session.pk}/"
    assert session.duration_minutes == 45
    assert session.opens_at == opens
    assert session.last_entry_at == opens + dt.timedelta(minutes=15)
    assert session.closes_at == opens + dt.timedelta(minutes=60)
    assert session.created_by == board and session.school_id == board_world["school"].pk
    assert sorted(c.student_id for c in session.candidates.all()) == sorted(
        s.pk for s in board_world["students"]
    )
    room = session.rooms.get()
    assert room.name == "Phòng 12A1"

    page = client.get(response["Location"])
    text = page.content.decode()
    assert page.status_code == 200
    assert codes.access_code(room.secret) in text
    assert f"/thi/phong/{room.pk}/" in text
    assert "000001" in text and board_world["students"][0].full_name in text
    assert opens.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y %H:%M") in text

    listing = client.get("/thi/quan-ly/")
    assert listing.status_code == 200 and "Kiểm tra giữa kì" in listing.content.decode()


def test_extra_students_by_their_identifier(client, board_world):
    board, paper, school_class = board_world["board"], board_world["paper"], board_world["class"]
    other = make_class(school=board_world["school"], name="12A2", grade=12)
    guest = make_student_in(other, date_of_birth=DOB)
    client.force_login(board)
    opens = timezone.now() + dt.timedelta(hours=1)
    data = _form(paper, school_class, opens, classes=[], students=f"{guest.student_id}\n")
    response = client.post("/thi/quan-ly/tao/", data)
    assert response.status_code == 302
    assert [c.student_id for c in ExamSession.objects.get().candidates.all()] == [guest.pk]


def test_form_errors_are_vietnamese_and_nothing_is_saved(client, board_world):
    board, paper, school_class = board_world["board"], board_world["paper"], board_world["class"]
    stranger_board = make_user(role=Role.EXAM_BOARD, school=make_school())
    foreign_paper = make_exam_paper(stranger_board)
    client.force_login(board)
    opens = timezone.now() + dt.timedelta(hours=1)

    data = _form(foreign_paper, school_class, opens, opens_at="", students="0123456789\n9999999999")
    page = client.post("/thi/quan-ly/tao/", data)
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert errors["paper"] == ["Lựa chọn không hợp lệ hoặc bạn không có quyền chọn."]
    assert errors["opens_at"] == ["Hãy nhập ngày giờ."]
    assert errors["students"] == [
        "Không tìm thấy học sinh có mã định danh: 0123456789, 9999999999."
    ]
    assert "Chưa tạo được ca thi" in page.content.decode()

    # Checked by the service: the end before the opening, as a field error.
    before = timezone.localtime(opens - dt.timedelta(hours=2)).strftime(FORM_TIME)
    page = client.post("/thi/quan-ly/tao/", _form(paper, school_class, opens, closes_at=before))
    assert page.status_code == 200
    assert page.context["form"].errors["closes_at"] == ["Ca thi phải kết thúc sau khi mở cửa."]

    page = client.post("/thi/quan-ly/tao/", _form(paper, school_class, opens, classes=[]))
    assert page.context["form"].errors["classes"] == [
        "Hãy chọn ít nhất một lớp hoặc nhập một thí sinh."
    ]
    page = client.post(
        "/thi/quan-ly/tao/", _form(paper, school_class, opens, duration_minutes="abc")
    )
    assert page.context["form"].errors["duration_minutes"] == ["Hãy nhập một số nguyên."]
    assert not ExamSession.objects.exists()


def _board_urls(world, attempt):
    s = world.session.pk
    room = world.session.rooms.get()
    gets = [
        f"/thi/quan-ly/{s}/",
        f"/thi/quan-ly/{s}/ket-qua/",
        f"/thi/quan-ly/{s}/ket-qua.xlsx",
        f"/thi/quan-ly/{s}/bai/{attempt.pk}/",
        f"/thi/quan-ly/{s}/cham/",
        f"/thi/quan-ly/{s}/cham/{attempt.pk}/4/",
    ]
    posts = [
        f"/thi/quan-ly/{s}/cong-bo/",
        f"/thi/quan-ly/{s}/cham-lai/",
        f"/thi/quan-ly/{s}/phong/{room.pk}/giam-thi/",
    ]
    return gets, posts


def test_a_teacher_of_another_school_and_students_get_404_everywhere(client):
    world = make_exam_world()
    attempt, _items = started(world, world.students[0])
    gets, posts = _board_urls(world, attempt)
    outsider = make_user(role=Role.TEACHER, school=make_school())
    for person in (outsider, world.students[1]):
        client.force_login(person)
        for url in gets:
            assert client.get(url).status_code == 404, (person, url)
        for url in posts:
            assert client.post(url, {"reason": "x"}).status_code == 404, (person, url)
    client.force_login(world.students[1])
    assert client.get("/thi/quan-ly/").status_code == 404
    assert client.get("/thi/quan-ly/tao/").status_code == 404
    world.session.refresh_from_db()
    assert world.session.released_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    world = make_exam_world()
    response = client.get(f"/thi/quan-ly/{world.session.pk}/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_invigilators_are_colleagues_of_the_session_school(client):
    world = make_exam_world()
    room = world.session.rooms.get()
    colleague = make_user(role=Role.TEACHER, school=world.school_class.school)
    outsider = make_user(role=Role.TEACHER, school=make_school())
    client.force_login(world.board)
    url = f"/thi/quan-ly/{world.session.pk}/phong/{room.pk}/giam-thi/"
    response = client.post(url, {f"room{room.pk}-invigilators": [colleague.pk]})
    assert response.status_code == 302
    assert list(room.invigilators.all()) == [colleague]
    client.post(url, {f"room{room.pk}-invigilators": [outsider.pk]})
    assert list(room.invigilators.all()) == [colleague]
    with pytest.raises(ValidationError):
        staffing.room_invigilators_set(user=world.board, room=room, invigilators=[outsider])
    # Removing them all.
    client.post(url, {})
    assert not room.invigilators.exists()


def test_release_publishes_the_results(client):
    world = make_exam_world()
    client.force_login(world.board)
    response = client.post(f"/thi/quan-ly/{world.session.pk}/cong-bo/")
    assert response.status_code == 302
    world.session.refresh_from_db()
    assert world.session.released_at is not None


def test_a_marker_sees_the_list_and_the_queue_but_not_the_session_page(client):
    world = make_exam_world()
    marker = make_user(role=Role.TEACHER, school=world.school_class.school)
    world.session.markers.add(marker)
    client.force_login(marker)
    listing = client.get("/thi/quan-ly/")
    assert listing.status_code == 200 and world.session.title in listing.content.decode()
    assert client.get(f"/thi/quan-ly/{world.session.pk}/cham/").status_code == 200
    assert client.get(f"/thi/quan-ly/{world.session.pk}/").status_code == 404
    assert client.get(f"/thi/quan-ly/{world.session.pk}/ket-qua/").status_code == 404


def test_the_admin_menu_item_is_for_those_who_run_sessions(client):
    school = make_school()
    client.force_login(make_user(role=Role.EXAM_BOARD, school=school))
    assert "/thi/quan-ly/" in client.get("/admin/").content.decode()
    client.force_login(make_user(role=Role.LIBRARIAN, school=school))
    page = client.get("/admin/")
    assert page.status_code == 200 and "/thi/quan-ly/" not in page.content.decode()


def test_an_invigilator_finds_their_room_on_the_board_home(client):
    from accounts.models import Role
    from tests.accounts.factories import make_user
    from tests.lms.exams.factories import make_exam_world

    world = make_exam_world()
    room = world.session.rooms.get()
    teacher = make_user(role=Role.TEACHER, school=world.board.school)
    room.invigilators.add(teacher)
    client.force_login(teacher)
    response = client.get("/thi/quan-ly/")
    assert response.status_code == 200
    assert f"/thi/phong/{room.pk}/" in response.content.decode()
