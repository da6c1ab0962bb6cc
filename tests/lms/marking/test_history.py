"""Marking keeps what it is asked to keep: one rubric serves two assignments (marks on
both, the rubric itself untouched, a later edit of it changes no mark given), and every
manual mark, an essay's or an override's, keeps who marked and when, on the answer's
history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from lms.exams.models import EssayMark
from lms.marking.models import ManualMark, Rubric
from tests.lms.assignments.factories import give
from tests.lms.marking.helpers import RUBRIC_TEXT, answer_all, essay_world, urls

pytestmark = pytest.mark.django_db

#: RUBRIC_TEXT as stored: "Đạo hàm: Đúng = 1; Sai = 0 / Kết luận: Đủ = 1; Thiếu = 0,5; Không có = 0".
CRITERIA = {
    "schema_version": 1,
    "criteria": [
        {
            "name": "Đạo hàm",
            "levels": [{"label": "Đúng", "points": "1"}, {"label": "Sai", "points": "0"}],
        },
        {
            "name": "Kết luận",
            "levels": [
                {"label": "Đủ", "points": "1"},
                {"label": "Thiếu", "points": "0.5"},
                {"label": "Không có", "points": "0"},
            ],
        },
    ],
}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _second_test(world):
    now = timezone.now()
    return give(
        world,
        title="Kiểm tra lại chương I",
        kind="test",
        paper=world.extra["paper"],
        duration_minutes=45,
        opens_at=now - dt.timedelta(minutes=5),
        due_at=now + dt.timedelta(days=3),
    )


def test_one_rubric_marks_two_assignments_and_stays_as_written(
    django_capture_on_commit_callbacks,
):
    world, first = essay_world(students=1)
    second = _second_test(world)
    [student] = world.students
    teacher = _client(world.teacher)
    assert (
        teacher.post(
            "/hoc/cham-bai/tieu-chi/", {"title": "Chứng minh đồng biến", "text": RUBRIC_TEXT}
        ).status_code
        == 302
    )
    rubric = Rubric.objects.get(owner=world.teacher)
    assert rubric.criteria == CRITERIA
    written_at = rubric.updated_at

    # First test: Đúng (1) + Thiếu (0,5) = 1,5; the retest: Sai (0) + Đủ (1) = 1.
    picks = {
        first: ({"level_0": 0, "level_1": 1}, Decimal("1.5"), [("Đúng", "1"), ("Thiếu", "0.5")]),
        second: ({"level_0": 1, "level_1": 0}, Decimal("1"), [("Sai", "0"), ("Đủ", "1")]),
    }
    marked = {}
    for assignment, (levels, points, chosen) in picks.items():
        attempt, essay = answer_all(
            assignment, student, django_capture_on_commit_callbacks, essay_text="y' = 3x²"
        )
        u = urls(assignment, attempt, essay)
        response = teacher.post(u["answer"], {"rubric": rubric.pk, **levels, "comment": "Xem lại."})
        assert response.status_code == 302, response.content.decode()[:1500]
        assert EssayMark.objects.get(attempt=attempt, slot=essay).points == points
        mark = ManualMark.objects.get(assignment=assignment)
        assert (mark.attempt, mark.rubric, mark.points) == (attempt, rubric, points)
        assert [(c["level"], c["points"]) for c in mark.chosen] == chosen
        labels = [label for label, _points in chosen]
        marked[assignment.pk] = (attempt, essay, labels)
    assert len({m.attempt_id for m in ManualMark.objects.all()}) == 2

    rubric.refresh_from_db()
    assert Rubric.objects.count() == 1
    assert rubric.criteria == CRITERIA and rubric.updated_at == written_at

    # The teacher renames a level later: the marks keep the levels they were given with.
    edited = RUBRIC_TEXT.replace("Thiếu = 0,5", "Còn thiếu = 0,5")
    response = teacher.post(
        f"/hoc/cham-bai/tieu-chi/{rubric.pk}/", {"title": rubric.title, "text": edited}
    )
    assert response.status_code == 302
    rubric.refresh_from_db()
    assert rubric.criteria["criteria"][1]["levels"][1]["label"] == "Còn thiếu"
    for assignment_id, (_attempt, _essay, labels) in marked.items():
        mark = ManualMark.objects.get(assignment_id=assignment_id)
        assert [c["level"] for c in mark.chosen] == labels


def _shown(moment) -> str:
    """A time as the history prints it: local time, "H:i d/m/Y"."""
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def test_every_manual_mark_keeps_who_and_when_in_the_history(
    django_capture_on_commit_callbacks,
):
    world, assignment = essay_world(students=1)
    [student] = world.students
    attempt, essay = answer_all(assignment, student, django_capture_on_commit_callbacks)
    override = 0 if essay != 0 else 1
    teacher = _client(world.teacher)
    steps = [
        (essay, {"points": "1,5", "comment": "Thiếu kết luận."}, Decimal("1.5")),
        (essay, {"points": "2", "comment": "Đã bổ sung."}, Decimal("2")),
        (override, {"points": "0", "reason": "Chép bài"}, Decimal("0")),
    ]
    bounds = []
    for slot, data, points in steps:
        before = timezone.now()
        response = teacher.post(urls(assignment, attempt, slot)["answer"], data)
        after = timezone.now()
        assert response.status_code == 302, response.content.decode()[:1500]
        bounds.append((slot, points, before, after))

    history = list(ManualMark.objects.filter(attempt=attempt).order_by("marked_at", "pk"))
    assert len(history) == 3
    for mark, (slot, points, before, after) in zip(history, bounds, strict=True):
        assert (mark.slot, mark.points, mark.marker) == (slot, points, world.teacher)
        assert before <= mark.marked_at <= after
    # The mark in force of each answer names the same marker and its time.
    for slot, mark in ((essay, history[1]), (override, history[2])):
        in_force = EssayMark.objects.get(attempt=attempt, slot=slot)
        assert in_force.marker == world.teacher
        assert abs(in_force.marked_at - mark.marked_at) < dt.timedelta(seconds=5)

    # The essay's page lists both of its marks, newest first, with who and when.
    page = teacher.get(urls(assignment, attempt, essay)["answer"]).content.decode()
    table = page.split('id="history"', 1)[1].split("</table>", 1)[0]
    rows = table.split("<tbody>", 1)[1].split("</tr>")[:-1]
    assert len(rows) == 2
    for row, mark in zip(rows, [history[1], history[0]], strict=True):
        assert _shown(mark.marked_at) in row
        assert world.teacher.full_name in row
    assert "Đã bổ sung." in rows[0] and "Thiếu kết luận." in rows[1]
    page = teacher.get(urls(assignment, attempt, override)["answer"]).content.decode()
    history_html = page.split('id="history"', 1)[1]
    assert _shown(history[2].marked_at) in history_html and "(Chép bài)" in history_html
