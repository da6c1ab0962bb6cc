"""Emails for new work and for a returned mark go to the student and to their parent,
where each has an address: one email per address (a failing address never keeps the
message from the other; nobody sees another address), none when neither is set."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import User
from lms.assignments.models import Assignment
from lms.marking import services as marking
from tests.lms.assignments.factories import make_world
from tests.lms.marking.helpers import answer_all, essay_world, urls

pytestmark = pytest.mark.django_db


def _addresses(students) -> dict:
    """Student 0: own and parent's address; 1: only a parent's; 2: neither; 3: the parent
    uses the student's own address (one email, not two)."""
    plan = [
        ("an@hs.example.vn", "me.an@example.vn"),
        ("", "bo.binh@example.vn"),
        ("", ""),
        ("chung@example.vn", "Chung@example.vn"),
    ]
    for student, (email, parent) in zip(students, plan, strict=True):
        User.objects.filter(pk=student.pk).update(email=email, parent_email=parent)
    return {
        "an@hs.example.vn",
        "me.an@example.vn",
        "bo.binh@example.vn",
        "chung@example.vn",
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_new_work_is_emailed_to_students_and_parents_with_an_address(
    django_capture_on_commit_callbacks,
):
    world = make_world(students=4)
    expected = _addresses(world.students)
    now = timezone.now()
    form = {
        "title": "Luyện tập tuần 2",
        "kind": "practice",
        "paper": world.paper.pk,
        "audience": "class",
        "opens_at": _when(now - dt.timedelta(minutes=5)),
        "due_at": _when(now + dt.timedelta(days=1)),
        "late_policy": "accept",
        "attempts_allowed": "1",
        "score_rule": "highest",
        "release_policy": "immediate",
        "review_policy": "answers",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(world.teacher).post(
            f"/hoc/giao-bai/lop/{world.school_class.pk}/giao/", form
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assignment = Assignment.objects.get()

    assert all(len(m.to) == 1 for m in mail.outbox)
    assert sorted(m.to[0].lower() for m in mail.outbox) == sorted(expected)
    assert {m.subject for m in mail.outbox} == {"Bài mới: Luyện tập tuần 2"}
    assert all(f"/hoc/giao-bai/{assignment.pk}/" in m.body for m in mail.outbox)


def test_nothing_is_emailed_when_neither_has_an_address(django_capture_on_commit_callbacks):
    world = make_world(students=1)
    User.objects.filter(pk=world.students[0].pk).update(email="", parent_email="")
    now = timezone.now()
    form = {
        "title": "Đọc bài",
        "kind": "practice",
        "paper": world.paper.pk,
        "audience": "class",
        "opens_at": _when(now - dt.timedelta(minutes=5)),
        "due_at": _when(now + dt.timedelta(days=1)),
        "late_policy": "accept",
        "attempts_allowed": "1",
        "score_rule": "highest",
        "release_policy": "immediate",
        "review_policy": "answers",
    }
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _client(world.teacher).post(
            f"/hoc/giao-bai/lop/{world.school_class.pk}/giao/", form
        )
    assert response.status_code == 302
    assert Assignment.objects.get().students.count() == 1
    assert mail.outbox == []
    assert callbacks == []  # no email job was even queued


def test_a_returned_mark_is_emailed_to_students_and_parents_with_an_address(
    django_capture_on_commit_callbacks,
):
    world, assignment = essay_world(students=4)
    expected = _addresses(world.students)
    for student in world.students:
        attempt, essay = answer_all(assignment, student, django_capture_on_commit_callbacks)
        marking.answer_mark(
            user=world.teacher,
            assignment=assignment,
            attempt=attempt,
            slot=essay,
            data=marking.MarkInput(points=Decimal(2), comment="Tốt."),
        )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = _client(world.teacher).post(urls(assignment)["return"])

    assert response.status_code == 302
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert sorted(m.to[0].lower() for m in mail.outbox) == sorted(expected)
    assert {m.subject for m in mail.outbox} == {f"Bài đã chấm: {assignment.title}"}
