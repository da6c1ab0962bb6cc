"""Results, XLSX, one attempt in full, essay marking and regrading after a key correction,
through the board's pages on data made by the services."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from accounts.models import Role
from lms.exams import results, saving, services
from lms.exams.models import Attempt, AttemptResult, EssayMark, ScoreChange
from question_bank import services as bank_services
from question_bank.formats.base import QType
from question_bank.models import Question, QuestionVersion
from tests.accounts.factories import make_user
from tests.lms.exams.factories import correct_response, make_exam_world, started

pytestmark = pytest.mark.django_db


def _graded(world, student, capture, *, device="thiet-bi-1"):
    """A submitted, graded attempt with every auto-marked question right and an essay."""
    attempt, items = started(world, student, device=device)
    answers = [
        {"slot": it["slot"], "seq": n, "response": correct_response(it)}
        for n, it in enumerate(items, 1)
    ]
    saving.answers_save(
        attempt_id=attempt.pk,
        token=saving.attempt_token(attempt),
        payload={"answers": answers},
        ip="10.1.2.3",
    )
    with capture(execute=True):
        services.attempt_submit(attempt=attempt, by=Attempt.SubmittedBy.STUDENT, user=student)
    attempt.refresh_from_db()
    assert AttemptResult.objects.get(attempt=attempt).score == Decimal("2.000")
    return attempt, items


def _essay_slot(items):
    return next(it["slot"] for it in items if it["data"]["qtype"] == QType.ESSAY)


def test_results_table_and_xlsx_after_a_graded_attempt(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    world = make_exam_world(students=3)
    student = world.students[0]
    attempt, _items = _graded(world, student, django_capture_on_commit_callbacks)
    candidate = attempt.candidate

    with django_assert_max_num_queries(4):
        rows = results.result_rows(world.session)
    assert len(rows) == 3
    row = next(r for r in rows if r.attempt_id == attempt.pk)
    assert row.parts_shown == ["0,50", "1,00", "0,50", "0,00"]
    assert row.score_shown == "2,00" and row.pending == 1 and row.class_name == "12A1"

    client.force_login(world.board)
    page = client.get(f"/thi/quan-ly/{world.session.pk}/ket-qua/")
    text = page.content.decode()
    assert page.status_code == 200
    assert candidate.number in text and student.full_name in text and "2,00" in text
    assert candidate.variant.code in text and "Thí sinh nộp" in text

    # Filtered by the candidate's version: only those who sit it.
    page = client.get(
        f"/thi/quan-ly/{world.session.pk}/ket-qua/?ma_de={candidate.variant_id}&phong=&lop="
    )
    assert {r.variant for r in page.context["rows"]} == {candidate.variant.code}

    response = client.get(f"/thi/quan-ly/{world.session.pk}/ket-qua.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == (
        "SBD",
        "Họ và tên",
        "Lớp",
        "Phòng",
        "Mã đề",
        "Phần I",
        "Phần II",
        "Phần III",
        "Tự luận",
        "Tổng điểm",
    )
    mine = next(v for v in values[1:] if v[0] == candidate.number)
    assert mine == (
        candidate.number,
        student.full_name,
        "12A1",
        "Phòng 12A1",
        candidate.variant.code,
        0.5,
        1,
        0.5,
        0,
        2,
    )
    line = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == candidate.number)
    assert all(cell.number_format == "0.00" for cell in line[5:])
    others = [v for v in values[1:] if v[0] != candidate.number]
    assert len(others) == 2 and all(v[5:] == (None,) * 5 for v in others)


def test_attempt_page_shows_answers_keys_and_the_logs(client, django_capture_on_commit_callbacks):
    world = make_exam_world()
    attempt, _items = _graded(world, world.students[0], django_capture_on_commit_callbacks)
    client.force_login(world.board)
    page = client.get(f"/thi/quan-ly/{world.session.pk}/bai/{attempt.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "10.1.2.3" in text and "thiet-bi-1" in text
    assert "Bắt đầu làm bài" in text and "Nộp bài" in text and "Xác minh danh tính" in text
    assert len(page.context["log"]) == 5
    # Every auto-marked answer was right: it reads as its key ("B", "a) Đúng; b) Sai; …").
    auto = [q for q in page.context["questions"] if q["part"] != 4]
    assert auto and all(q["answer"] == q["key"] and q["points"] == q["max"] for q in auto)
    assert any("a) Đúng" in q["key"] or "a) Sai" in q["key"] for q in auto)
    # An attempt of another session is not found under this one.
    other = make_exam_world()
    assert client.get(f"/thi/quan-ly/{other.session.pk}/bai/{attempt.pk}/").status_code == 404


def test_marking_an_essay_updates_the_total_and_records_a_score_change(
    client, django_capture_on_commit_callbacks
):
    world = make_exam_world(students=2)
    marker = make_user(role=Role.TEACHER, school=world.school_class.school)
    world.session.markers.add(marker)
    first, items = _graded(world, world.students[0], django_capture_on_commit_callbacks)
    second, _ = _graded(
        world, world.students[1], django_capture_on_commit_callbacks, device="thiet-bi-2"
    )
    slot = _essay_slot(items)

    client.force_login(marker)
    queue = client.get(f"/thi/quan-ly/{world.session.pk}/cham/")
    assert [(e.attempt_id, e.number) for e in queue.context["queue"]] == sorted(
        [(first.pk, first.candidate.number), (second.pk, second.candidate.number)],
        key=lambda e: e[1],
    )
    url = f"/thi/quan-ly/{world.session.pk}/cham/{first.pk}/{slot}/"
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    # Anonymous marking: the number, the guide beside the answer, never the name.
    assert first.candidate.number in text and world.students[0].full_name not in text
    assert "Tính đạo hàm (1 điểm)" in text and "Ta có" in text

    too_many = client.post(url, {"points": "2,5", "comment": ""})
    assert too_many.status_code == 200
    assert too_many.context["form"].errors["points"] == ["Điểm phải từ 0 đến 2."]
    not_a_number = client.post(url, {"points": "một", "comment": ""})
    assert not_a_number.context["form"].errors["points"] == [
        "Điểm không hợp lệ: hãy nhập một số, ví dụ 1,5."
    ]
    assert not EssayMark.objects.exists()

    response = client.post(url, {"points": "1,5", "comment": "Thiếu kết luận"})
    assert response.status_code == 302
    other_slot = _essay_slot(items)
    assert response["Location"] == f"/thi/quan-ly/{world.session.pk}/cham/{second.pk}/{other_slot}/"
    mark = EssayMark.objects.get(attempt=first, slot=slot)
    assert mark.points == Decimal("1.500") and mark.marker == marker
    assert mark.comment == "Thiếu kết luận"
    result = AttemptResult.objects.get(attempt=first)
    assert result.score == Decimal("3.500") and result.pending == 0
    change = ScoreChange.objects.get(attempt=first)
    assert (change.old_score, change.new_score, change.by, change.slot) == (
        Decimal("2.000"),
        Decimal("3.500"),
        marker,
        slot,
    )
    assert [e.attempt_id for e in results.marking_queue(world.session)] == [second.pk]


def _correct_the_key(question_id: int, user) -> QuestionVersion:
    """A new version of a Part I question whose right option is the next one."""
    question = Question.objects.get(pk=question_id)
    choices = list(question.choices.all())
    right = next(i for i, c in enumerate(choices) if c.correct)
    for i, choice in enumerate(choices):
        choice.correct = i == (right + 1) % len(choices)
    question.choices = choices
    bank_services.question_save_draft(question=question, user=user)
    bank_services.question_approve_directly(question=question, user=user)
    return QuestionVersion.objects.filter(question_id=question_id).latest("pk")


def test_regrade_after_a_key_correction_changes_the_score_and_records_who_and_why(
    client, django_capture_on_commit_callbacks
):
    world = make_exam_world()
    attempt, items = _graded(world, world.students[0], django_capture_on_commit_callbacks)
    part_one = next(it for it in items if it["part"] == 1)
    version = _correct_the_key(part_one["question_id"], world.board)
    assert version.pk != part_one["version_id"]

    client.force_login(world.board)
    url = f"/thi/quan-ly/{world.session.pk}/cham-lai/"
    client.post(url, {"reason": ""})
    assert AttemptResult.objects.get(attempt=attempt).score == Decimal("2.000")
    assert not ScoreChange.objects.exists()

    response = client.post(url, {"reason": "Sửa đáp án câu 1 phần I"}, follow=True)
    assert "Đã chấm lại ca thi: 1 bài thay đổi điểm." in response.content.decode()
    result = AttemptResult.objects.get(attempt=attempt)
    assert result.score == Decimal("1.750")
    assert result.part_scores["1"] == "0.250"
    change = ScoreChange.objects.get(attempt=attempt)
    assert (change.old_score, change.new_score) == (Decimal("2.000"), Decimal("1.750"))
    assert change.by == world.board and change.reason == "Sửa đáp án câu 1 phần I"
    page = client.get(f"/thi/quan-ly/{world.session.pk}/bai/{attempt.pk}/")
    assert "Sửa đáp án câu 1 phần I" in page.content.decode()
