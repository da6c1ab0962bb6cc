"""Marking test data, built through the services: class 10A1 of the assignments' world
given a 45-minute test whose paper has four auto-marked questions (2 points) and an essay
(2 points, with a marking guide), and a student who answers all of it."""

import datetime as dt

from django.utils import timezone

from lms.exams import grading, saving
from lms.exams import services as exams
from lms.exams.delivery import variant_items
from question_bank.formats.base import QType
from tests.lms.assignments.factories import give, make_world
from tests.lms.exams.factories import correct_response, make_exam_paper

RUBRIC_TEXT = "Đạo hàm: Đúng = 1; Sai = 0\nKết luận: Đủ = 1; Thiếu = 0,5; Không có = 0"


def essay_world(*, students: int = 3):
    world = make_world(students=students, versions=1)
    paper = make_exam_paper(world.teacher, versions=1)
    paper.title = "Kiểm tra 45 phút có tự luận"
    paper.save(update_fields=["title"])
    now = timezone.now()
    assignment = give(
        world,
        title="Kiểm tra chương I",
        kind="test",
        paper=paper,
        duration_minutes=45,
        opens_at=now - dt.timedelta(minutes=5),
        due_at=now + dt.timedelta(days=2),
    )
    world.extra.update(paper=paper, assignment=assignment)
    return world, assignment


def answer_all(assignment, student, capture, *, essay_text=None):
    """The student answers every question right (the essay with ``essay_text``), submits,
    the attempt is graded; returns (attempt, essay slot)."""
    candidate = assignment.session.candidates.get(student=student)
    attempt = exams.attempt_open(user=student, candidate=candidate, device=f"dev{student.pk}")
    items = variant_items(candidate.variant_id)
    answers = []
    for n, item in enumerate(items, 1):
        response = correct_response(item)
        if item["data"]["qtype"] == QType.ESSAY and essay_text:
            response = essay_text
        answers.append({"slot": item["slot"], "seq": n, "response": response})
    saving.answers_save(
        attempt_id=attempt.pk, token=saving.attempt_token(attempt), payload={"answers": answers}
    )
    with capture(execute=True):
        exams.attempt_submit(attempt=attempt, by="student", user=student)
    grading.attempt_grade(attempt.pk)
    attempt.refresh_from_db()
    essay = next(i["slot"] for i in items if i["data"]["qtype"] == QType.ESSAY)
    return attempt, essay


def urls(assignment, attempt=None, slot=None) -> dict:
    base = f"/hoc/cham-bai/{assignment.pk}/"
    found = {
        "queue": base,
        "return": base + "tra-bai/",
        "gradebook": base + "so-diem/",
        "work": f"/hoc/giao-bai/{assignment.pk}/",
        "progress": f"/hoc/giao-bai/{assignment.pk}/tien-do/",
    }
    if attempt is not None:
        found["answer"] = f"{base}bai/{attempt.pk}/cau/{slot}/"
    return found
