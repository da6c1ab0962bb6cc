"""A class's heatmap (students × learning outcomes, from the mastery numbers) and its
lesson/e-lecture completion (from learning events)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from curriculum.models import CurriculumLesson, LearningOutcome, Topic
from lms.assignments import services as assignment_services
from lms.revision.models import OutcomeMastery
from lms.services import learning_event_record
from tests.accounts.factories import make_student_in
from tests.lms.test_checkpoints import electure, with_feedback

pytestmark = pytest.mark.django_db


def _outcomes(subject, n):
    topic = Topic.objects.create(subject=subject, grade=10, code="chu-de-bao-cao", name="Chủ đề")
    lesson = CurriculumLesson.objects.create(topic=topic, code="bai-bao-cao", name="Bài")
    return [
        LearningOutcome.objects.create(lesson=lesson, code=f"yc-bao-cao-{i}", text=f"Yêu cầu {i}")
        for i in range(n)
    ]


def _mastery(student, outcome, value, answers):
    OutcomeMastery.objects.create(
        student=student, outcome=outcome, value=value, answers=answers, updated_at=timezone.now()
    )


def test_heatmap_shows_each_students_mastery_with_its_band(client, area):
    a = area
    o1, o2 = _outcomes(a.toan, 2)
    s1, s2, _s3 = a.students
    _mastery(s1, o1, 0.9, 5)
    _mastery(s1, o2, 0.3, 2)
    _mastery(s2, o1, 0.6, 1)
    _mastery(a.other_student, o1, 0.1, 9)  # another school: never a row
    client.force_login(a.teacher)
    response = client.get(reverse("report_class_progress", args=[a.c10a1.pk]))
    heatmap = response.context["heatmap"]
    cells = {
        (student.pk, o.pk): (c.percent, c.band.code)
        for student, row in heatmap.rows()
        for o, c in zip(heatmap.outcomes, row, strict=True)
    }
    assert cells[(s1.pk, o1.pk)] == (90, "strong")
    assert cells[(s1.pk, o2.pk)] == (30, "weak")
    assert cells[(s2.pk, o1.pk)] == (60, "learning")
    assert cells[(s2.pk, o2.pk)] == (None, "none")
    assert a.other_student.pk not in {s.pk for s in heatmap.students}
    html = response.content.decode()
    assert "90%" in html and 'class="heat--strong"' in html


def test_heatmap_queries_do_not_grow(client, area, django_assert_max_num_queries):
    a = area
    outcomes = _outcomes(a.toan, 3)
    client.force_login(a.teacher)
    url = reverse("report_class_progress", args=[a.c10a1.pk])
    with django_assert_max_num_queries(20):
        client.get(url)
    for n in range(15):
        s = make_student_in(a.c10a1, full_name=f"Thêm {n}")
        for o in outcomes:
            _mastery(s, o, 0.5, 2)
    with django_assert_max_num_queries(20):
        client.get(url)


def test_completion_counts_sections_and_checkpoints_per_student(client, area):
    a = area
    q1 = with_feedback(a.teacher)
    page = electure(q1, slug="bai-giang-bao-cao")  # two sections: one checkpoint, a summary
    assignment_services.assignment_create(
        user=a.teacher,
        data=assignment_services.AssignmentInput(
            title="Xem bài giảng",
            school_class=a.c10a1,
            kind="lesson",
            page=page,
            opens_at=timezone.now() - dt.timedelta(hours=1),
            due_at=timezone.now() + dt.timedelta(days=1),
        ),
    )
    s1, s2, _s3 = a.students
    version = q1.versions.get()
    learning_event_record(user=s1, kind="section_completed", page=page, section=0)
    learning_event_record(user=s1, kind="section_completed", page=page, section=0)
    for _ in range(2):  # answered twice: one checkpoint
        learning_event_record(
            user=s1, kind="checkpoint_answered", page=page, section=0, question_version=version
        )
    for section in (0, 1):
        learning_event_record(user=s2, kind="section_completed", page=page, section=section)
    client.force_login(a.homeroom)
    completion = client.get(reverse("report_class_progress", args=[a.c10a1.pk])).context[
        "completion"
    ]
    assert [p.pk for p in completion.pages] == [page.pk]
    cells = {student.pk: row[0] for student, row in completion.rows()}
    assert (cells[s1.pk].text, cells[s1.pk].checkpoints, cells[s1.pk].completed) == (
        "1/2",
        1,
        False,
    )
    assert (cells[s2.pk].text, cells[s2.pk].checkpoints, cells[s2.pk].completed) == ("2/2", 0, True)
    assert (cells[_s3.pk].text, cells[_s3.pk].completed) == ("0/2", False)
