"""Acceptance 3: an essay is marked with a rubric and a comment, returned, and the
student sees both; the mark lands in the gradebook column the assignment is mapped to.
Everything through the pages, as the teacher and the student use them."""

from decimal import Decimal

import pytest
from django.test import Client

from lms.assignments.models import Notification
from lms.exams.models import EssayMark, ScoreChange
from lms.gradebook.models import Mark, MarkChange, MarkSource
from lms.marking.models import GradebookLink, ManualMark, MarkReturn, Rubric
from tests.lms.marking.helpers import RUBRIC_TEXT, answer_all, essay_world, urls

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_essay_marked_with_rubric_returned_seen_and_in_the_gradebook(
    django_capture_on_commit_callbacks,
):
    world, assignment = essay_world()
    student = world.students[0]
    attempt, essay = answer_all(
        assignment, student, django_capture_on_commit_callbacks, essay_text="y' = 3x² ≥ 0"
    )
    assert attempt.result.pending == 1
    teacher = _client(world.teacher)
    u = urls(assignment, attempt, essay)

    # The teacher writes a reusable rubric.
    response = teacher.post(
        "/hoc/cham-bai/tieu-chi/", {"title": "Chứng minh đồng biến", "text": RUBRIC_TEXT}
    )
    assert response.status_code == 302
    rubric = Rubric.objects.get(owner=world.teacher)
    assert [len(r["levels"]) for r in rubric.rows] == [2, 3]

    # Maps the assignment to ĐĐGtx2 of HK I: the essay still waits, nothing is written.
    response = teacher.post(
        u["gradebook"], {"subject": world.subject.pk, "term": 1, "column": "tx2"}
    )
    assert response.status_code == 302
    link = GradebookLink.objects.get(assignment=assignment)
    assert (link.subject_id, link.term, link.column) == (world.subject.pk, 1, "tx2")
    assert not Mark.objects.filter(student=student).exists()

    # The queue shows the essay waiting; its page the answer and the marking guide.
    queue = teacher.get(u["queue"]).content.decode()
    assert "chờ chấm" in queue and u["answer"] in queue
    page = teacher.get(u["answer"] + f"?tieu_chi={rubric.pk}").content.decode()
    assert "y&#x27; = 3x² ≥ 0" in page or "y' = 3x² ≥ 0" in page
    assert "Tính đạo hàm (1 điểm), kết luận (1 điểm)." in page
    assert "Kết luận" in page and "Thiếu (0,5)" in page

    # Marks it with the rubric's levels (1 + 0,5) and a comment.
    comment = "Đạo hàm đúng, thiếu bước kết luận trên ℝ."
    response = teacher.post(
        u["answer"], {"rubric": rubric.pk, "level_0": 0, "level_1": 1, "comment": comment}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert EssayMark.objects.get(attempt=attempt, slot=essay).points == Decimal("1.5")
    history = ManualMark.objects.get(attempt=attempt, slot=essay)
    assert (history.marker, history.rubric, history.points) == (
        world.teacher,
        rubric,
        Decimal("1.5"),
    )
    assert [c["level"] for c in history.chosen] == ["Đúng", "Thiếu"]
    # 2 auto-marked points + 1,5 of 4 → 8,75 → ĐĐGtx2 8,8 (TT22: one decimal, half up).
    mark = Mark.objects.get(student=student, column="tx2", term=1, subject=world.subject)
    assert (mark.value, mark.source) == (Decimal("8.8"), MarkSource.FILL)

    # Not returned yet: the student sees no comment.
    pupil = _client(student)
    before = pupil.get(u["work"]).content.decode()
    assert comment not in before and 'id="feedback"' not in before

    # Trả bài: the student is told and sees the mark, the levels chosen and the comment.
    assert teacher.post(u["return"]).status_code == 302
    assert MarkReturn.objects.filter(assignment=assignment, student=student).exists()
    notice = Notification.objects.get(user=student, kind=Notification.Kind.MARK_RETURNED)
    assert notice.assignment_id == assignment.pk
    after = pupil.get(u["work"]).content.decode()
    assert 'id="feedback"' in after
    assert comment in after
    assert "1,50/2,00" in after
    assert "Đạo hàm: <strong>Đúng</strong>" in after and "Kết luận: <strong>Thiếu</strong>" in after

    # A later mark (typed, 2 points) keeps the history and updates the column.
    response = teacher.post(u["answer"], {"points": "2", "comment": "Đã bổ sung."})
    assert response.status_code == 302
    assert list(
        ManualMark.objects.filter(attempt=attempt, slot=essay).values_list("points", flat=True)
    ) == [Decimal("1.5"), Decimal("2")]
    mark.refresh_from_db()
    assert mark.value == Decimal("10.0")
    assert MarkChange.objects.filter(mark=mark).count() == 2
    assert ScoreChange.objects.filter(attempt=attempt, slot=essay).count() == 2
    # Other students have no score yet: not written.
    assert not Mark.objects.filter(student__in=world.students[1:]).exists()


def test_an_auto_marked_answer_is_overridden_with_a_reason(django_capture_on_commit_callbacks):
    world, assignment = essay_world(students=1)
    student = world.students[0]
    attempt, essay = answer_all(assignment, student, django_capture_on_commit_callbacks)
    other_slot = 0 if essay != 0 else 1
    teacher = _client(world.teacher)
    u = urls(assignment, attempt, other_slot)
    refused = teacher.post(u["answer"], {"points": "0"})
    assert refused.status_code == 400
    assert "cần ghi lý do" in refused.content.decode()
    assert not ManualMark.objects.exists()
    done = teacher.post(u["answer"], {"points": "0", "reason": "Chép bài"})
    assert done.status_code == 302
    assert ManualMark.objects.get().reason == "Chép bài"
