"""The invigilator's room view (giám thị): who may open it, what it shows, and the actions
(presence, extend, unlock, biên bản, thu bài), each logged with who did it."""

import datetime as dt
import json
import time

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from lms.exams import codes, room, saving, services
from lms.exams.invigilation import attempt_collect
from lms.exams.models import Attempt, AttemptEvent, Candidate
from tests.accounts.factories import make_user
from tests.lms.exams.factories import correct_response, make_exam_world, started

pytestmark = pytest.mark.django_db


def _world(students: int = 3):
    """A session of one room (class 12A1) with an invigilator of that room only."""
    world = make_exam_world(students=students)
    exam_room = world.session.rooms.get()
    invigilator = make_user(role=Role.TEACHER, school=world.board.school)
    exam_room.invigilators.add(invigilator)
    return world, exam_room, invigilator


def _api(client, url, token, body=None):
    return client.post(
        url, data=json.dumps(body or {}), content_type="application/json", HTTP_X_EXAM_TOKEN=token
    )


def _action(client, exam_room, candidate, action, **data):
    return client.post(f"/thi/phong/{exam_room.pk}/thi-sinh/{candidate.pk}/{action}/", data)


def _row(client, exam_room, candidate) -> dict:
    r = client.get(f"/thi/phong/{exam_room.pk}/trang-thai/")
    assert r.status_code == 200
    return next(row for row in r.json()["candidates"] if row["id"] == candidate.pk)


ACTIONS = ("co-mat", "vang-mat", "gia-han", "mo-khoa", "bien-ban", "thu-bai")


def test_room_page_shows_the_code_the_window_and_every_candidate(client):
    world, exam_room, invigilator = _world()
    client.force_login(invigilator)
    r = client.get(f"/thi/phong/{exam_room.pk}/")
    assert r.status_code == 200
    page = r.content.decode()
    assert codes.access_code(exam_room.secret) in page
    assert "45 phút" in page
    for candidate in world.session.candidates.select_related("student", "variant"):
        assert candidate.number in page and candidate.student.full_name in page
        assert candidate.variant.code in page
    assert "Chưa bắt đầu" in page
    assert "Cho phép thí sinh" not in page  # the unlock button lives on the candidate page


def test_other_rooms_students_and_strangers_get_404():
    world, room_a, invigilator = _world()
    other = make_exam_world(students=2)
    room_b = other.session.rooms.get()
    b_candidate = other.session.candidates.first()
    a_candidate = world.session.candidates.first()
    attempt_b, _items = started(other, b_candidate.student)
    urls_b = [
        f"/thi/phong/{room_b.pk}/",
        f"/thi/phong/{room_b.pk}/trang-thai/",
        f"/thi/phong/{room_b.pk}/thi-sinh/{b_candidate.pk}/",
        # B's candidate through A's room: the candidate must belong to the room.
        f"/thi/phong/{room_a.pk}/thi-sinh/{b_candidate.pk}/",
    ]
    posts_b = [
        f"/thi/phong/{rid}/thi-sinh/{b_candidate.pk}/{action}/"
        for rid in (room_a.pk, room_b.pk)
        for action in ACTIONS
    ]
    student = world.students[0]
    for user in (invigilator, student):
        client = Client()
        client.force_login(user)
        for url in urls_b:
            assert client.get(url).status_code == 404, (user, url)
        for url in posts_b:
            r = client.post(url, {"minutes": "10", "reason": "thử", "note": "thử"})
            assert r.status_code == 404, (user, url)
    # A student of room A cannot open their own room's view either.
    client = Client()
    client.force_login(student)
    assert client.get(f"/thi/phong/{room_a.pk}/").status_code == 404
    assert client.get(f"/thi/phong/{room_a.pk}/trang-thai/").status_code == 404
    assert (
        client.post(f"/thi/phong/{room_a.pk}/thi-sinh/{a_candidate.pk}/co-mat/").status_code == 404
    )
    # Nothing happened to B's candidate.
    attempt_b.refresh_from_db()
    assert attempt_b.state == Attempt.State.IN_PROGRESS and attempt_b.extension_seconds == 0
    assert not AttemptEvent.objects.filter(candidate=b_candidate, by__isnull=False).exists()
    b_candidate.refresh_from_db()
    assert b_candidate.present is True  # from the check-in, untouched
    # Anonymous visitors are sent to sign in.
    r = Client().get(f"/thi/phong/{room_a.pk}/")
    assert r.status_code == 302 and r["Location"].startswith("/dang-nhap/")


def test_unknown_action_is_404(client):
    world, exam_room, invigilator = _world()
    client.force_login(invigilator)
    candidate = world.session.candidates.first()
    assert _action(client, exam_room, candidate, "xoa-bai").status_code == 404
    assert (
        client.get(f"/thi/phong/{exam_room.pk}/thi-sinh/{candidate.pk}/co-mat/").status_code == 405
    )


def test_the_board_running_the_session_may_open_the_room(client):
    world, exam_room, _invigilator = _world()
    client.force_login(world.board)
    assert client.get(f"/thi/phong/{exam_room.pk}/").status_code == 200


def test_extend_moves_the_deadline_and_the_next_heartbeat_says_so(
    client, django_capture_on_commit_callbacks
):
    world, exam_room, invigilator = _world()
    attempt, _items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    before = _api(client, f"/thi/bai/{attempt.pk}/nhip/", token).json()["deadline"]
    assert before == int(attempt.deadline.timestamp() * 1000)

    client.force_login(invigilator)
    with django_capture_on_commit_callbacks(execute=True):
        r = _action(
            client, exam_room, attempt.candidate, "gia-han", minutes="10", reason="Mất điện"
        )
    assert r.status_code == 302
    attempt.refresh_from_db()
    assert attempt.extension_seconds == 600
    assert int(attempt.deadline.timestamp() * 1000) == before + 600_000
    beat = _api(client, f"/thi/bai/{attempt.pk}/nhip/", token).json()
    assert beat["deadline"] == before + 600_000 and beat["device_ok"] is True
    event = AttemptEvent.objects.get(attempt=attempt, kind=AttemptEvent.Kind.EXTEND)
    assert event.by == invigilator and event.note == "Mất điện" and event.data == {"minutes": 10}
    assert _row(client, exam_room, attempt.candidate)["deadline"] == before + 600_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"minutes": "10", "reason": "  "}, "Hãy ghi lý do gia hạn."),
        ({"minutes": "mười", "reason": "Mất điện"}, "Số phút gia hạn phải là một số nguyên."),
        ({"minutes": "0", "reason": "Mất điện"}, "Số phút gia hạn phải từ 1 đến 240."),
        ({"minutes": "500", "reason": "Mất điện"}, "Số phút gia hạn phải từ 1 đến 240."),
    ],
)
def test_extend_with_a_wrong_input_changes_nothing(client, data, message):
    world, exam_room, invigilator = _world()
    attempt, _items = started(world, world.students[0])
    client.force_login(invigilator)
    r = _action(client, exam_room, attempt.candidate, "gia-han", **data)
    assert r.status_code == 400
    assert message in r.content.decode()
    attempt.refresh_from_db()
    assert attempt.extension_seconds == 0
    assert not AttemptEvent.objects.filter(kind=AttemptEvent.Kind.EXTEND).exists()


def test_extend_before_the_candidate_started_is_refused(client):
    world, exam_room, invigilator = _world()
    client.force_login(invigilator)
    candidate = world.session.candidates.first()
    r = _action(client, exam_room, candidate, "gia-han", minutes="5", reason="Mất điện")
    assert r.status_code == 400 and "chưa bắt đầu làm bài" in r.content.decode()


def test_unlock_lets_a_second_device_in_and_stops_the_first(
    client, django_capture_on_commit_callbacks
):
    world, exam_room, invigilator = _world()
    student = world.students[0]
    attempt, items = started(world, student, device="may-1")
    token_1 = saving.attempt_token(attempt)
    save = f"/thi/bai/{attempt.pk}/luu/"
    first = {"answers": [{"slot": 0, "seq": 1, "response": correct_response(items[0])}]}
    assert _api(client, save, token_1, first).status_code == 200  # the state is now cached
    candidate = attempt.candidate
    with pytest.raises(services.ExamRefused) as refused:
        services.attempt_open(user=student, candidate=candidate, device="may-2")
    assert refused.value.code == "device"

    client.force_login(invigilator)
    page = client.get(f"/thi/phong/{exam_room.pk}/thi-sinh/{candidate.pk}/").content.decode()
    assert (
        "Cho phép thí sinh tiếp tục trên thiết bị khác; thiết bị cũ sẽ không lưu được nữa" in page
    )
    with django_capture_on_commit_callbacks(execute=True):
        r = _action(client, exam_room, candidate, "mo-khoa", reason="Điện thoại hết pin")
    assert r.status_code == 302
    event = AttemptEvent.objects.get(attempt=attempt, kind=AttemptEvent.Kind.UNLOCK)
    assert event.by == invigilator and event.data == {"old_device": "may-1"}

    reopened = services.attempt_open(user=student, candidate=candidate, device="may-2")
    assert reopened.pk == attempt.pk and reopened.device == "may-2"
    token_2 = saving.attempt_token(reopened)
    late = {"answers": [{"slot": 1, "seq": 2, "response": correct_response(items[1])}]}
    r = _api(client, save, token_1, late)
    assert r.status_code == 409 and r.json()["code"] == "device"
    assert _api(client, save, token_2, late).status_code == 200
    assert set(saving.current_answers(attempt.pk)) == {0, 1}


def test_presence_incident_and_collect_are_logged_with_who_did_them(
    client, django_capture_on_commit_callbacks
):
    world, exam_room, invigilator = _world()
    absent = world.session.candidates.get(student=world.students[2])
    client.force_login(invigilator)

    r = _action(client, exam_room, absent, "vang-mat", back="room")
    assert r.status_code == 302 and r["Location"] == f"/thi/phong/{exam_room.pk}/"
    absent.refresh_from_db()
    assert absent.present is False
    assert _action(client, exam_room, absent, "co-mat").status_code == 302
    absent.refresh_from_db()
    assert absent.present is True
    kinds = list(
        AttemptEvent.objects.filter(candidate=absent, by=invigilator).values_list("kind", flat=True)
    )
    assert kinds == [AttemptEvent.Kind.ABSENT, AttemptEvent.Kind.PRESENT]

    r = _action(client, exam_room, absent, "bien-ban", note="  ")
    assert r.status_code == 400 and "Hãy ghi nội dung biên bản." in r.content.decode()
    assert not AttemptEvent.objects.filter(kind=AttemptEvent.Kind.INCIDENT).exists()
    r = _action(client, exam_room, absent, "bien-ban", note="Mang điện thoại thứ hai vào phòng")
    assert r.status_code == 302
    incident = AttemptEvent.objects.get(kind=AttemptEvent.Kind.INCIDENT)
    assert incident.by == invigilator and incident.note.startswith("Mang điện thoại")

    attempt, _items = started(world, world.students[0])
    with django_capture_on_commit_callbacks(execute=True):
        r = _action(client, exam_room, attempt.candidate, "thu-bai")
    assert r.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.submitted_by == Attempt.SubmittedBy.INVIGILATOR
    # A second Thu bài is harmless: one submit event, by the invigilator.
    assert _action(client, exam_room, attempt.candidate, "thu-bai").status_code == 302
    submit = AttemptEvent.objects.get(attempt=attempt, kind=AttemptEvent.Kind.SUBMIT)
    assert submit.by == invigilator
    row = _row(client, exam_room, attempt.candidate)
    assert row["state"] == "submitted" and invigilator.full_name in row["state_text"]

    # The candidate's log lists them with who did them.
    page = client.get(f"/thi/phong/{exam_room.pk}/thi-sinh/{absent.pk}/").content.decode()
    for text in (
        "Vắng mặt",
        "Có mặt",
        "Biên bản",
        "Mang điện thoại thứ hai",
        invigilator.full_name,
    ):
        assert text in page


def test_collect_checks_the_room():
    world, _room, _invigilator = _world()
    attempt, _items = started(world, world.students[0])
    stranger = make_user(role=Role.TEACHER, school=world.board.school)
    with pytest.raises(PermissionDenied):
        attempt_collect(user=stranger, attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS


def test_room_json_shows_states_saves_offline_and_page_events(client):
    world, exam_room, invigilator = _world()
    quiet, _items = started(world, world.students[0], device="may-1")
    busy, items = started(world, world.students[1], device="may-2")
    waiting = world.session.candidates.get(student=world.students[2])
    busy_token = saving.attempt_token(busy)
    answers = {"answers": [{"slot": 0, "seq": 1, "response": correct_response(items[0])}]}
    assert _api(client, f"/thi/bai/{busy.pk}/luu/", busy_token, answers).status_code == 200
    assert (
        _api(client, f"/thi/bai/{busy.pk}/su-kien/", busy_token, {"kind": "blur"}).status_code
        == 200
    )
    assert (
        _api(client, f"/thi/bai/{busy.pk}/su-kien/", busy_token, {"kind": "left_page"}).status_code
        == 200
    )
    # The quiet one's last heartbeat was 2 minutes ago.
    cache.set(f"exam:seen:{quiet.pk}", time.time() - 120, 3600)

    client.force_login(invigilator)
    r = client.get(f"/thi/phong/{exam_room.pk}/trang-thai/")
    assert r.status_code == 200 and r["Cache-Control"].startswith("max-age=0")
    data = r.json()
    assert data["code"] == codes.access_code(exam_room.secret)
    rows = {row["id"]: row for row in data["candidates"]}
    q, b, w = rows[quiet.candidate_id], rows[busy.candidate_id], rows[waiting.pk]
    assert q["state"] == "offline" and "Mất kết nối" in q["state_text"]
    assert "2 phút trước" in q["state_text"]
    assert (
        b["state"] == "in_progress"
        and "lưu " in b["state_text"]
        and "giây trước" in b["state_text"]
    )
    assert b["answered"] == 1 and b["total"] == len(items)
    assert b["page_events"] == 2 and b["page_events_text"].startswith("2 lần, gần nhất")
    assert 44 * 60 < b["remaining_seconds"] <= 45 * 60
    assert w["state"] == "not_started" and w["attempt_id"] is None and w["checked_in_at"] == ""
    assert data["counts"] == {
        "total": 3,
        "present": 2,
        "absent": 0,
        "checked_in": 2,
        "not_started": 1,
        "in_progress": 1,
        "offline": 1,
        "submitted": 0,
    }


def test_without_the_heartbeat_cache_the_newest_save_says_when_the_page_was_seen():
    world, exam_room, _invigilator = _world()
    attempt, items = started(world, world.students[0])
    saving.answers_save(
        attempt_id=attempt.pk,
        token=saving.attempt_token(attempt),
        payload={"answers": [{"slot": 0, "seq": 1, "response": correct_response(items[0])}]},
    )
    cache.delete(f"exam:seen:{attempt.pk}")  # Redis lost the heartbeat
    now = time.time()
    row = room.room_status(room=exam_room, now=now + 30)["candidates"]
    mine = next(r for r in row if r["attempt_id"] == attempt.pk)
    assert mine["state"] == "in_progress" and "lưu 30 giây trước" in mine["state_text"]
    later = room.room_status(room=exam_room, now=now + 150)["candidates"]
    mine = next(r for r in later if r["attempt_id"] == attempt.pk)
    assert mine["state"] == "offline" and "lưu 2 phút trước" in mine["state_text"]


def _count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_the_room_selector_needs_the_same_few_queries_for_40_candidates(
    client, django_assert_max_num_queries
):
    world, exam_room, invigilator = _world(students=40)
    first = world.students[0]
    started(world, first)
    small = _count_queries(lambda: room.room_status(room=exam_room))
    for n, student in enumerate(world.students[1:30], 1):
        attempt, items = started(world, student, device=f"may-{n}")
        saving.answers_save(
            attempt_id=attempt.pk,
            token=saving.attempt_token(attempt),
            payload={"answers": [{"slot": 0, "seq": 1, "response": correct_response(items[0])}]},
        )
        services.page_event_record(
            attempt_id=attempt.pk,
            candidate_id=attempt.candidate_id,
            kind="blur",
            device=f"may-{n}",
            ip=None,
        )
        if n % 5 == 0:
            services.attempt_submit(
                attempt=attempt, by=Attempt.SubmittedBy.INVIGILATOR, user=invigilator
            )
    with django_assert_max_num_queries(4):
        status = room.room_status(room=exam_room)
    assert len(status["candidates"]) == 40
    assert _count_queries(lambda: room.room_status(room=exam_room)) == small
    client.force_login(invigilator)
    with django_assert_max_num_queries(8):
        assert client.get(f"/thi/phong/{exam_room.pk}/trang-thai/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/thi/phong/{exam_room.pk}/").status_code == 200
    assert Candidate.objects.filter(room=exam_room).count() == 40


def test_the_deadline_shown_is_the_servers(client):
    world, exam_room, invigilator = _world()
    attempt, _items = started(world, world.students[0])
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=attempt.started_at + dt.timedelta(minutes=1, seconds=5)
    )
    client.force_login(invigilator)
    row = _row(client, exam_room, attempt.candidate)
    assert row["remaining_text"] in {"01:05", "01:04", "01:03"}
