"""The demo's revision history (issue 19): the printed student of 12A1 has practised for a
few weeks, so "Ôn tập" shows a mastery map, today's review queue and history in more than
one subject on the first run; every answer went through the revision core."""

import time

import pytest
from django.db import transaction

from demo.exams import exam_student
from demo.revision import PRINTED_ANSWERS, seed_revision_history
from demo.seed import seed_demo
from lms.revision import selectors, services
from lms.revision.models import OutcomeMastery, RevisionAnswer, SkillCard, SkillReview

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        steps = []
        summary = seed_demo(progress=lambda step: steps.append((time.perf_counter(), step)))
        yield summary, steps
        transaction.set_rollback(True)


def test_the_printed_student_has_mastery_a_review_queue_today_and_two_subjects(demo):
    student = exam_student()
    answers = RevisionAnswer.objects.filter(student=student)
    assert answers.count() >= PRINTED_ANSWERS
    subjects = set(answers.values_list("question__subject__code", flat=True))
    assert "toan" in subjects and len(subjects) >= 2
    assert OutcomeMastery.objects.filter(student=student).count() >= 10
    assert services.review_items(user=student)  # "Ôn lại hôm nay" is not empty
    assert selectors.due_count(student) > 0
    # weak, learning and strong outcomes on the map
    bands = {
        o.band.code
        for s in selectors.subjects_for(student)
        for t in selectors.mastery_map(student, s.subject, s.grade)
        for les in t.lessons
        for o in les.outcomes
    }
    assert {"weak", "learning", "strong"} <= bands
    # a real FSRS log, and answers both as practice and as reviews
    assert SkillReview.objects.filter(card__student=student).exists()
    assert set(answers.values_list("source", flat=True)) >= {"practice", "review"}


def test_other_grade_12_students_have_history_too_and_the_seed_is_idempotent(demo):
    learners = RevisionAnswer.objects.values("student").distinct().count()
    assert learners >= 30
    assert SkillCard.objects.values("student").distinct().count() == learners
    before = RevisionAnswer.objects.count()
    assert seed_revision_history().answers == 0
    assert RevisionAnswer.objects.count() == before


def test_the_history_step_is_announced_and_quick(demo):
    _summary, steps = demo
    names = [name for _t, name in steps]
    k = next(i for i, name in enumerate(names) if name.startswith("Lịch sử ôn tập"))
    seconds = steps[k + 1][0] - steps[k][0]
    print(f"revision history: {seconds:.1f} s, {RevisionAnswer.objects.count()} answers")
    assert seconds < 60  # ~17 s on SQLite on a busy 2-core machine; generous for CI
