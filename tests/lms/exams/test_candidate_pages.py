"""The candidate's pages: my exams, check-in, the take page's bootstrap, the submitted page."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from lms.exams import codes, delivery, saving, services
from lms.exams.models import Attempt, Candidate
from lms.exams.views import DEVICE_COOKIE
from question_bank.formats.base import ParsedQuestion, QType
from tests.lms.exams.factories import (
    DOB,
    _questions,
    checked_in,
    correct_response,
    make_exam_world,
    started,
)
from tests.question_bank.factories import parsed_single

pytestmark = pytest.mark.django_db
SOLUTION = "Lời giải bí mật: đạo hàm bằng 2x"


def _with_solution():
    first = parsed_single()
    first.solution = f"<p>{SOLUTION}</p>"
    return [(1, "0.25", first), *_questions()[1:]]


def _bootstrap(response) -> dict:
    html = response.content.decode()
    found = re.search(r'<script id="exam-bootstrap" type="application/json">(.*?)</script>', html)
    assert found, "the take page carries its bootstrap"
    return json.loads(found.group(1))


def _candidate(world, student) -> Candidate:
    return world.session.candidates.get(student=student)


def _check_in(client, candidate, *, code=None, identity=None):
    return client.post(
        f"/thi/{candidate.pk}/",
        {
            "action": "check_in",
            "access_code": code if code is not None else codes.access_code(candidate.room.secret),
            "identity": identity if identity is not None else DOB.strftime("%d/%m/%Y"),
        },
    )


def test_my_exams_lists_own_candidacies_only(client):
    world = make_exam_world(students=2)
    me, other = world.students
    client.force_login(me)
    response = client.get("/thi/")
    assert response.status_code == 200
    html = response.content.decode()
    mine, theirs = _candidate(world, me), _candidate(world, other)
    assert "Bài thi của tôi" in html
    assert world.session.title in html
    assert mine.number in html and mine.room.name in html
    assert "Đang mở" in html
    assert f"/thi/{mine.pk}/" in html
    assert f"/thi/{theirs.pk}/" not in html and theirs.number not in html
    # The header links students to it.
    assert 'href="/thi/"' in client.get("/thi/").content.decode()


def test_check_in_refuses_a_wrong_code_and_a_wrong_identity(client):
    world = make_exam_world()
    student = world.students[0]
    candidate = _candidate(world, student)
    client.force_login(student)
    page = client.get(f"/thi/{candidate.pk}/").content.decode()
    assert "Ngày sinh (dd/mm/yyyy) hoặc 6 số cuối CCCD" in page
    assert "Bắt đầu làm bài" not in page

    response = _check_in(client, candidate, code="000000x")
    assert response.status_code == 400
    assert "Mã vào phòng thi không đúng" in response.content.decode()
    response = _check_in(client, candidate, identity="01/01/2000")
    assert response.status_code == 400
    assert "không khớp" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.checked_in_at is None

    response = _check_in(client, candidate)
    assert response.status_code == 302
    page = client.get(f"/thi/{candidate.pk}/").content.decode()
    assert "Bắt đầu làm bài" in page
    response = client.post(f"/thi/{candidate.pk}/", {"action": "start"})
    assert response.status_code == 302
    assert response["Location"] == f"/thi/{candidate.pk}/lam-bai/"


def test_before_the_window_no_question_reaches_the_device(client):
    world = make_exam_world()
    opens = timezone.now() + dt.timedelta(hours=1)
    world.session.opens_at = opens
    world.session.last_entry_at = opens + dt.timedelta(minutes=30)
    world.session.save()
    student = world.students[0]
    candidate = _candidate(world, student)
    client.force_login(student)
    entry = client.get(f"/thi/{candidate.pk}/")
    assert entry.status_code == 200
    assert "Ca thi chưa mở" in entry.content.decode()
    assert timezone.localtime(opens).strftime("%H:%M") in entry.content.decode()
    assert _check_in(client, candidate).status_code == 400
    take = client.get(f"/thi/{candidate.pk}/lam-bai/")
    assert take.status_code == 400
    html = take.content.decode()
    assert "Ca thi chưa mở" in html
    assert "exam-bootstrap" not in html
    for item in delivery.variant_items(candidate.variant_id):
        stem = re.sub(r"<[^>]+>", "", item["data"]["stem"])
        assert stem not in html
    assert not Attempt.objects.filter(candidate=candidate).exists()


def test_take_page_sends_no_key_no_solution_no_other_version(client):
    world = make_exam_world(students=2, questions=_with_solution())
    student = world.students[0]
    candidate = checked_in(world, student)
    client.force_login(student)
    response = client.get(f"/thi/{candidate.pk}/lam-bai/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '"correct"' not in html
    assert SOLUTION not in html
    assert "Tính đạo hàm (1 điểm)" not in html  # the essay's marking guide
    assert "numeric_answer" not in html
    boot = _bootstrap(response)
    attempt = Attempt.objects.get(candidate=candidate)
    assert boot["attempt"] == attempt.pk
    assert saving.read_token(boot["token"], attempt.pk) == attempt.device
    assert boot["items"] == delivery.public_items(candidate.variant_id)
    others = [
        delivery.public_items(v.pk) for v in world.paper.variants.exclude(pk=candidate.variant_id)
    ]
    assert others and all(boot["items"] != other for other in others)
    assert boot["code"] == candidate.variant.code and boot["sbd"] == candidate.number
    assert boot["mode"] == "exam"
    assert boot["deadline"] == int(attempt.deadline.timestamp() * 1000)
    assert boot["urls"]["save"] == f"/thi/bai/{attempt.pk}/luu/"
    assert boot["answers"] == []
    assert boot["check_url"] is None
    # The device cookie: random, httponly, SameSite=Lax, long-lived.
    cookie = response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 300 * 24 * 3600
    assert cookie.value == attempt.device


def test_take_page_resumes_with_saved_answers_and_refuses_a_second_device(client):
    world = make_exam_world()
    student = world.students[0]
    candidate = checked_in(world, student)
    client.force_login(student)
    first = client.get(f"/thi/{candidate.pk}/lam-bai/")
    attempt = Attempt.objects.get(candidate=candidate)
    items = delivery.variant_items(candidate.variant_id)
    saving.answers_save(
        attempt_id=attempt.pk,
        token=_bootstrap(first)["token"],
        payload={"answers": [{"slot": 0, "seq": 7, "response": correct_response(items[0])}]},
    )
    again = client.get(f"/thi/{candidate.pk}/lam-bai/")
    assert again.status_code == 200
    assert _bootstrap(again)["answers"] == [
        {"slot": 0, "seq": 7, "response": correct_response(items[0]), "flagged": False}
    ]
    client.cookies[DEVICE_COOKIE] = "b" * 32
    other = client.get(f"/thi/{candidate.pk}/lam-bai/")
    assert other.status_code == 409
    assert "thiết bị khác" in other.content.decode()
    assert "exam-bootstrap" not in other.content.decode()
    # The first device keeps the attempt.
    assert Attempt.objects.get(pk=attempt.pk).device == attempt.device


def test_another_students_pages_are_not_found(client):
    world = make_exam_world(students=2)
    owner, intruder = world.students
    attempt, _items = started(world, owner)
    services.attempt_submit(attempt=attempt, by=Attempt.SubmittedBy.STUDENT)
    candidate = _candidate(world, owner)
    client.force_login(intruder)
    assert client.get(f"/thi/{candidate.pk}/").status_code == 404
    assert _check_in(client, candidate).status_code == 404
    assert client.get(f"/thi/{candidate.pk}/lam-bai/").status_code == 404
    assert client.get(f"/thi/bai/{attempt.pk}/da-nop/").status_code == 404
    client.logout()
    assert client.get(f"/thi/{candidate.pk}/").status_code == 302  # to sign in


def _submitted_world(django_capture_on_commit_callbacks, **kwargs):
    world = make_exam_world(questions=_with_solution(), **kwargs)
    student = world.students[0]
    attempt, items = started(world, student)
    answers = [
        {"slot": it["slot"], "seq": n, "response": correct_response(it)}
        for n, it in enumerate(items, 1)
    ]
    saving.answers_save(
        attempt_id=attempt.pk, token=saving.attempt_token(attempt), payload={"answers": answers}
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(attempt=attempt, by=Attempt.SubmittedBy.STUDENT)
    return world, student, attempt


def test_result_waits_for_a_manual_release(client, django_capture_on_commit_callbacks):
    world, student, attempt = _submitted_world(
        django_capture_on_commit_callbacks, release_policy="manual", review_policy="keys"
    )
    client.force_login(student)
    html = client.get(f"/thi/bai/{attempt.pk}/da-nop/").content.decode()
    assert "Bài đã được nộp lúc" in html
    assert "5 / 5" in html
    assert "Điểm:" not in html and "<td>0,5</td>" not in html
    assert "Đáp án:" not in html and SOLUTION not in html
    assert "khi hội đồng thi công bố" in html

    services.session_release(user=world.board, session=world.session)
    html = client.get(f"/thi/bai/{attempt.pk}/da-nop/").content.decode()
    # 0,25 + 0,25 + 1 + 0,5 (the essay waits for a marker); part I: 0,5
    assert 'data-testid="score">2<' in html
    assert "<td>0,5</td>" in html
    assert "PHẦN II" in html and "chờ chấm" in html
    assert "Đáp án:" in html and SOLUTION in html
    list_html = client.get("/thi/").content.decode()
    assert "Có kết quả" in list_html


def test_result_with_answers_only_never_shows_keys(client, django_capture_on_commit_callbacks):
    _world, student, attempt = _submitted_world(
        django_capture_on_commit_callbacks, release_policy="immediate", review_policy="answers"
    )
    client.force_login(student)
    html = client.get(f"/thi/bai/{attempt.pk}/da-nop/").content.decode()
    assert 'data-testid="score">2<' in html
    assert "Bạn trả lời:" in html
    assert "Đáp án:" not in html and SOLUTION not in html


def test_result_on_close_waits_for_the_end(client, django_capture_on_commit_callbacks):
    world, student, attempt = _submitted_world(
        django_capture_on_commit_callbacks, release_policy="on_close", review_policy="score"
    )
    client.force_login(student)
    html = client.get(f"/thi/bai/{attempt.pk}/da-nop/").content.decode()
    assert "Điểm:" not in html and "khi ca thi kết thúc" in html
    world.session.closes_at = timezone.now() - dt.timedelta(minutes=1)
    world.session.save()
    html = client.get(f"/thi/bai/{attempt.pk}/da-nop/").content.decode()
    assert 'data-testid="score">2<' in html
    assert "Bạn trả lời:" not in html


def test_submitted_page_of_an_attempt_in_progress_goes_back_to_the_exam(client):
    world = make_exam_world()
    student = world.students[0]
    attempt, _items = started(world, student)
    client.force_login(student)
    response = client.get(f"/thi/bai/{attempt.pk}/da-nop/")
    assert response.status_code == 302
    assert response["Location"] == f"/thi/{attempt.candidate_id}/lam-bai/"


def test_service_worker_is_served_for_the_exam_pages(client):
    response = client.get("/thi/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = response.content.decode()
    assert "/static/lms/exam.js" in body and "caches.match" in body


def test_essay_only_question_types_render_in_bootstrap(client):
    essay = ParsedQuestion(qtype=QType.ESSAY, stem="<p>Viết đoạn văn.</p>", part=4)
    world = make_exam_world(questions=[(4, "10", essay)], versions=1)
    student = world.students[0]
    candidate = checked_in(world, student)
    client.force_login(student)
    boot = _bootstrap(client.get(f"/thi/{candidate.pk}/lam-bai/"))
    assert [it["qtype"] for it in boot["items"]] == ["essay"]


def test_practice_take_page_has_no_timer_and_a_check_url(client):
    # A practice session as practice_start makes it: results at once, with keys (an
    # assigned practice set that holds back its keys gets no check: tests/lms/assignments).
    world = make_exam_world(
        kind="practice", require_identity=False, release_policy="immediate", review_policy="keys"
    )
    student = world.students[0]
    candidate = _candidate(world, student)
    client.force_login(student)
    entry = client.get(f"/thi/{candidate.pk}/").content.decode()
    assert "Xác minh danh tính" not in entry and "Bắt đầu làm bài" in entry
    response = client.get(f"/thi/{candidate.pk}/lam-bai/")
    assert response.status_code == 200
    boot = _bootstrap(response)
    attempt = Attempt.objects.get(candidate=candidate)
    assert boot["mode"] == "practice"
    assert boot["check_url"] == f"/thi/bai/{attempt.pk}/kiem-tra/"
