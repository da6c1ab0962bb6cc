"""The time a student spent on a paper (practice set, test) on the teacher's progress page:
the sum of their submitted attempts' durations (started → submitted), printed "m phút s
giây"; an attempt not submitted yet adds nothing."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from lms.exams.models import Attempt
from question_bank.assembly.models import Paper
from tests.lms.assignments.factories import do_work, give, make_world

pytestmark = pytest.mark.django_db


def _took(attempt, duration: dt.timedelta, *, ago: dt.timedelta):
    started = timezone.now() - ago
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=started, submitted_at=started + duration
    )


def _time_cells(client, assignment) -> dict[int, str]:
    """Student id → the "Thời gian" cell of their row on the progress page."""
    page = client.get(f"/hoc/giao-bai/{assignment.pk}/tien-do/")
    assert page.status_code == 200
    html = page.content.decode()
    table = html.split('id="students"', 1)[1].split("</table>", 1)[0]
    cells = {}
    for pk, row in re.findall(r'<tr data-student="(\d+)"[^>]*>(.*?)</tr>', table, re.S):
        tds = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        cells[int(pk)] = " ".join(re.sub(r"<[^>]+>", " ", tds[3]).split())
    return cells


def test_time_spent_on_a_practice_set(client):
    world = make_world(students=3)
    assignment = give(world, attempts_allowed=2)
    twice, once, working = world.students
    _took(
        do_work(assignment, twice, [0, 2, 1]),
        dt.timedelta(minutes=12, seconds=34),
        ago=dt.timedelta(hours=3),
    )
    _took(
        do_work(assignment, twice, [0, 0, 0]),
        dt.timedelta(minutes=3, seconds=30),
        ago=dt.timedelta(hours=1),
    )
    _took(do_work(assignment, once, [1, 1, 1]), dt.timedelta(seconds=45), ago=dt.timedelta(hours=2))
    do_work(assignment, working, [0, 0, 0], submit=False)
    client.force_login(world.teacher)
    assert _time_cells(client, assignment) == {
        twice.pk: "16 phút 4 giây",  # 12:34 + 3:30
        once.pk: "0 phút 45 giây",
        working.pk: "–",
    }


def test_time_spent_on_a_timed_test(client):
    world = make_world(students=2)
    Paper.objects.filter(pk=world.paper.pk).update(kind=Paper.Kind.EXAM)
    world.paper.refresh_from_db()
    assignment = give(world, kind="test", duration_minutes=90)
    done, idle = world.students
    _took(
        do_work(assignment, done, [0, 2, 1]),
        dt.timedelta(hours=1, minutes=2, seconds=5),
        ago=dt.timedelta(hours=2),
    )
    client.force_login(world.teacher)
    assert _time_cells(client, assignment) == {done.pk: "62 phút 5 giây", idle.pk: "–"}
