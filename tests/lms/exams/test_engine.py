"""The engine end to end on the embedded defaults: session, check-in, save, submit, grade."""

import itertools
import json
from decimal import Decimal

import pytest

from lms.exams import grading, saving
from lms.exams.models import AnswerLog, Attempt, AttemptAnswer, AttemptResult
from tests.lms.exams.factories import correct_response, make_exam_world, started

pytestmark = pytest.mark.django_db


def _post(client, url, token, body):
    return client.post(
        url, data=json.dumps(body), content_type="application/json", HTTP_X_EXAM_TOKEN=token
    )


def test_neighbours_get_different_versions():
    world = make_exam_world(students=6)
    variants = [c.variant_id for c in world.session.candidates.order_by("seat")]
    assert all(a != b for a, b in itertools.pairwise(variants))


def test_full_marks_through_the_save_endpoint(client, django_capture_on_commit_callbacks):
    world = make_exam_world()
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    answers = [
        {"slot": it["slot"], "seq": n, "response": correct_response(it)}
        for n, it in enumerate(items, 1)
    ]
    r = _post(client, f"/thi/bai/{attempt.pk}/luu/", token, {"answers": answers})
    assert r.status_code == 200, r.content
    assert len(r.json()["saved"]) == len(items)
    with django_capture_on_commit_callbacks(execute=True):
        r = _post(client, f"/thi/bai/{attempt.pk}/nop/", token, {})
    assert r.status_code == 200
    result = AttemptResult.objects.get(attempt=attempt)
    # Everything but the essay (2 points, waiting for a marker).
    assert result.score == Decimal("2.000")
    assert result.pending == 1
    assert result.part_scores == {"1": "0.500", "2": "1.000", "3": "0.500", "4": "0.000"}
    # A second submit is harmless; grading again gives the same one row.
    assert _post(client, f"/thi/bai/{attempt.pk}/nop/", token, {}).status_code == 200
    assert grading.attempt_grade(attempt.pk).pk == result.pk
    assert AttemptResult.objects.filter(attempt=attempt).count() == 1


def test_replayed_old_save_never_overwrites_a_newer_answer(client):
    world = make_exam_world()
    attempt, _items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    url = f"/thi/bai/{attempt.pk}/luu/"
    assert (
        _post(client, url, token, {"answers": [{"slot": 0, "seq": 5, "response": 1}]}).status_code
        == 200
    )
    r = _post(client, url, token, {"answers": [{"slot": 0, "seq": 3, "response": 2}]})
    assert r.status_code == 200
    assert r.json()["saved"] == [] and r.json()["stale"][0]["response"] == 1
    assert AttemptAnswer.objects.get(attempt=attempt, slot=0).response == 1
    assert AnswerLog.objects.filter(attempt=attempt).count() == 2


def test_another_candidates_token_cannot_save(client):
    world = make_exam_world()
    a, _items = started(world, world.students[0])
    b, _items = started(world, world.students[1], device="thiet-bi-2")
    r = _post(
        client,
        f"/thi/bai/{b.pk}/luu/",
        saving.attempt_token(a),
        {"answers": [{"slot": 0, "seq": 1, "response": 0}]},
    )
    assert r.status_code == 403
    assert not AttemptAnswer.objects.filter(attempt=b).exists()


def test_wrong_shape_is_a_400_with_a_reason(client):
    world = make_exam_world()
    attempt, _items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    r = _post(
        client,
        f"/thi/bai/{attempt.pk}/luu/",
        token,
        {"answers": [{"slot": 0, "seq": 1, "response": 9}]},
    )
    assert r.status_code == 400 and "không tồn tại" in r.json()["error"]
    r = _post(
        client,
        f"/thi/bai/{attempt.pk}/luu/",
        token,
        {"answers": [{"slot": 99, "seq": 1, "response": 0}]},
    )
    assert r.status_code == 400
    assert Attempt.objects.get(pk=attempt.pk).answers.count() == 0


def test_a_second_device_is_refused_and_the_refusal_is_logged():
    from lms.exams import services
    from lms.exams.models import AttemptEvent

    world = make_exam_world()
    student = world.students[0]
    attempt, _items = started(world, student)
    with pytest.raises(services.ExamRefused) as refused:
        services.attempt_open(user=student, candidate=attempt.candidate, device="may-thu-hai")
    assert refused.value.code == "device"
    event = AttemptEvent.objects.get(kind=AttemptEvent.Kind.DEVICE_REFUSED)
    assert event.attempt_id == attempt.pk and event.device == "may-thu-hai"


def test_a_stale_cached_state_never_lets_a_save_into_a_submitted_attempt(client):
    """Guard: the upsert applies only to an attempt in progress (checked in the statement),
    whatever the cached state says (its invalidation may have been lost with Redis)."""
    world = make_exam_world()
    attempt, _items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    url = f"/thi/bai/{attempt.pk}/luu/"
    assert (
        _post(client, url, token, {"answers": [{"slot": 0, "seq": 1, "response": 1}]}).status_code
        == 200
    )
    saving.attempt_state(attempt.pk)  # cached: in progress
    Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.SUBMITTED)
    r = _post(client, url, token, {"answers": [{"slot": 0, "seq": 2, "response": 3}]})
    assert r.status_code == 409 and r.json()["code"] == "submitted"
    assert AttemptAnswer.objects.get(attempt=attempt, slot=0).response == 1


def test_a_refusal_is_checked_against_the_database_not_only_the_cache(client):
    """Guard: a cached deadline that an extension has since moved does not refuse a save."""
    import datetime as dt

    from django.utils import timezone

    world = make_exam_world()
    attempt, _items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    past = timezone.now() - dt.timedelta(hours=1)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=past)
    saving.forget_attempt_state(attempt.pk)
    saving.attempt_state(attempt.pk)  # cached: long past its deadline
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + dt.timedelta(hours=1))
    r = _post(
        client,
        f"/thi/bai/{attempt.pk}/luu/",
        token,
        {"answers": [{"slot": 0, "seq": 1, "response": 1}]},
    )
    assert r.status_code == 200 and r.json()["saved"] == [{"slot": 0, "seq": 1}]
