"""Grading is exactly once (issue 18, acceptance 5): the grading task run twice, and two
workers grading the same attempts at the same moment, give one result row per attempt with
the same score. (A regrade after a key correction is tested with the board's pages.)

Guard: lms.exams.grading.attempt_grade locks the attempt row, returns the result it finds,
and falls back to the existing row when the unique result constraint refuses a second one;
without them a second grading raises or writes again.
"""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from lms.exams import grading, saving, services
from lms.exams.delivery import variant_items
from lms.exams.models import Attempt, AttemptResult
from lms.exams.tasks import attempt_grade_task
from tests.lms.exams.factories import correct_response, make_exam_world, started


def _submitted(students: int) -> dict[int, object]:
    """Submitted attempts (not yet graded) with different answers → their right score."""
    world = make_exam_world(students=students)
    expected = {}
    for n, student in enumerate(world.students):
        attempt, items = started(world, student, device=f"may-{n}")
        rows = [
            {"slot": it["slot"], "seq": 1, "response": correct_response(it)}
            for it in items[: n % len(items) + 1]
        ]
        saving.answers_save(
            attempt_id=attempt.pk, token=saving.attempt_token(attempt), payload={"answers": rows}
        )
        answers = {r["slot"]: r["response"] for r in rows}
        items_ = variant_items(attempt.candidate.variant_id)
        expected[attempt.pk] = grading.compute(items_, answers, {})["score"]
    Attempt.objects.filter(pk__in=expected).update(
        state=Attempt.State.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=Attempt.SubmittedBy.STUDENT,
    )
    return expected


@pytest.mark.django_db
def test_the_grading_task_run_twice_grades_once(django_capture_on_commit_callbacks):
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    rows = [{"slot": it["slot"], "seq": 1, "response": correct_response(it)} for it in items]
    saving.answers_save(
        attempt_id=attempt.pk, token=saving.attempt_token(attempt), payload={"answers": rows}
    )
    with django_capture_on_commit_callbacks() as callbacks:
        services.attempt_submit(attempt=attempt, by=Attempt.SubmittedBy.STUDENT)
    # The message is delivered twice (a retry, acks_late after a lost worker).
    for callback in [*callbacks, *callbacks]:
        callback()
    first = AttemptResult.objects.get(attempt=attempt)
    scores = {attempt_grade_task.apply(args=[attempt.pk]).get() for _ in range(2)}
    assert scores == {str(first.score)} == {"2.000"}
    [result] = AttemptResult.objects.filter(attempt=attempt)
    assert (result.pk, result.graded_at) == (first.pk, first.graded_at)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_grading_at_once_write_one_result_per_attempt():
    expected = _submitted(students=6)
    barrier = threading.Barrier(2, timeout=60)
    seen: dict[str, dict[int, tuple]] = {"one": {}, "two": {}}
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            for attempt_id in expected:
                barrier.wait()  # both start the same attempt at the same moment
                result = grading.attempt_grade(attempt_id)
                seen[name][attempt_id] = (result.pk, result.score)
        except BaseException as exc:  # reported by the test below
            errors.append(exc)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(name,)) for name in seen]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    assert seen["one"] == seen["two"]
    for attempt_id, score in expected.items():
        [result] = AttemptResult.objects.filter(attempt_id=attempt_id)
        assert seen["one"][attempt_id] == (result.pk, score)
    assert AttemptResult.objects.count() == len(expected)
