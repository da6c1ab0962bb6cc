"""Bad input and faults of online exams on any database (issue 18, acceptance 4).

Every test names the guard it checks (``Guard:``); each was seen failing with that guard
removed. Time passes by moving the attempt's deadline and start (no sleeping); the server's
clock is the only clock: nothing the client says about its time is read.
"""

import datetime as dt
import json
import re
import time

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lms.exams import codes, grading, saving, services
from lms.exams.delivery import variant_items
from lms.exams.models import (
    AnswerLog,
    Attempt,
    AttemptAnswer,
    AttemptEvent,
    AttemptResult,
)
from lms.exams.services import ExamRefused
from question_bank.formats.base import QType
from tests.lms.exams.factories import DOB, checked_in, correct_response, make_exam_world, started

pytestmark = pytest.mark.django_db

#: A Vietnamese message has letters with diacritics.
VIETNAMESE = re.compile(r"[ạảãàáâậầấẩẫăắằặẳẵđẹẻẽèéêếềệểễịỉĩìíọỏõòóôộồốổỗơớờợởỡụủũùúưựừứửữỳýỵỷỹ]")


def _post(client, attempt_id: int, action: str, token: str | None, body) -> object:
    headers = {} if token is None else {"HTTP_X_EXAM_TOKEN": token}
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(
        f"/thi/bai/{attempt_id}/{action}/", data=data, content_type="application/json", **headers
    )


def _save(client, attempt, token, *answers, **extra):
    rows = [{"slot": s, "seq": q, "response": r} for s, q, r in answers]
    return _post(client, attempt.pk, "luu", token, {"answers": rows, **extra})


def _slot(items, qtype) -> int:
    return next(i["slot"] for i in items if i["data"]["qtype"] == qtype)


def _wrong_choice(item) -> int:
    return (correct_response(item) + 1) % len(item["data"]["choices"])


def _deadline_in(attempt, seconds: float) -> None:
    """Time travel: the attempt's deadline is ``seconds`` from now (started 45 min before)."""
    deadline = timezone.now() + dt.timedelta(seconds=seconds)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=deadline, started_at=deadline - dt.timedelta(minutes=45)
    )
    saving.forget_attempt_state(attempt.pk)


def _stored(attempt) -> dict[int, tuple]:
    return {
        a.slot: (a.response, a.seq) for a in AttemptAnswer.objects.filter(attempt_id=attempt.pk)
    }


def _refusal(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code, body
    assert VIETNAMESE.search(body["error"]), body["error"]
    return body


# --- Another candidate's attempt, forged tokens -------------------------------------------
ENDPOINTS = [
    ("luu", {"answers": [{"slot": 0, "seq": 1, "response": 0}]}),
    ("nhip", {}),
    ("su-kien", {"kind": "blur"}),
    ("nop", {"answers": [{"slot": 0, "seq": 1, "response": 0}]}),
]


def _renamed(token: str, b) -> str:
    """``token`` with its payload replaced by B's attempt (the signature left as it was)."""
    payload = json.dumps({"a": b.pk, "d": b.device}, separators=(",", ":")).encode()
    return ":".join([signing.b64_encode(payload).decode(), *token.split(":")[1:]])


def _forged_tokens(a, b) -> dict[str, str | None]:
    own = saving.attempt_token(a)
    return {
        "A's token on B's attempt": own,
        "B's attempt signed with another key": signing.dumps(
            {"a": b.pk, "d": b.device}, key="not-the-server-key", salt=saving.TOKEN_SALT
        ),
        "B's attempt signed with another salt": signing.dumps({"a": b.pk, "d": b.device}),
        "A's token edited to name B": _renamed(own, b),
        "garbage": "abc:def:ghi",
        "no token": None,
    }


@pytest.mark.parametrize(("action", "body"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_a_candidate_cannot_read_save_or_submit_anothers_attempt(client, action, body):
    # Guard: saving.read_token (the signature, and the attempt it names must be the URL's).
    world = make_exam_world()
    a, _items = started(world, world.students[0], device="may-cua-a")
    b, _items = started(world, world.students[1], device="may-cua-b")
    for name, token in _forged_tokens(a, b).items():
        r = _post(client, b.pk, action, token, body)
        assert r.status_code == 403, (name, r.content)
        refused = _refusal(r, 403, "token")
        assert "deadline" not in refused and "state" not in refused, name
    b.refresh_from_db()
    assert b.state == Attempt.State.IN_PROGRESS and b.submitted_at is None
    assert not AttemptAnswer.objects.filter(attempt=b).exists()
    assert not AnswerLog.objects.filter(attempt=b).exists()
    assert not b.events.exclude(kind=AttemptEvent.Kind.START).exists()
    # B's own token still works (the refusals were about the token, not a broken attempt).
    assert _post(client, b.pk, action, saving.attempt_token(b), body).status_code == 200


# --- Entry: window, access code, identity ---------------------------------------------------
def _candidate(world, student):
    return world.session.candidates.select_related("room", "session").get(student=student)


def _refused_code(call) -> str:
    with pytest.raises(ExamRefused) as refused:
        call()
    assert VIETNAMESE.search(refused.value.message)
    return refused.value.code


def test_nobody_checks_in_or_starts_before_the_window_opens():
    # Guard: services.check_entry_window (``now < session.opens_at``).
    world = make_exam_world()
    early, ready = world.students[0], world.students[1]
    checked_in(world, ready)
    world.session.opens_at = timezone.now() + dt.timedelta(minutes=10)
    world.session.save(update_fields=["opens_at"])
    candidate = _candidate(world, early)
    code = codes.access_code(candidate.room.secret)
    assert (
        _refused_code(
            lambda: services.check_in(
                user=early, candidate=candidate, access_code=code, identity="15/03/2008"
            )
        )
        == "not_open"
    )
    assert (
        _refused_code(
            lambda: services.attempt_open(
                user=ready, candidate=_candidate(world, ready), device="d1"
            )
        )
        == "not_open"
    )
    assert not Attempt.objects.filter(candidate__session=world.session).exists()


def test_nobody_starts_after_the_last_entry_but_a_started_attempt_resumes():
    # Guard: services.check_entry_window (``starting and now > session.last_entry_at``).
    world = make_exam_world()
    on_time, late, too_late = world.students
    attempt, _items = started(world, on_time, device="d1")
    checked_in(world, late)
    world.session.last_entry_at = timezone.now() - dt.timedelta(minutes=1)
    world.session.save(update_fields=["last_entry_at"])
    opener = services.attempt_open
    assert (
        _refused_code(lambda: opener(user=late, candidate=_candidate(world, late), device="d2"))
        == "late"
    )
    candidate = _candidate(world, too_late)
    assert (
        _refused_code(
            lambda: services.check_in(
                user=too_late,
                candidate=candidate,
                access_code=codes.access_code(candidate.room.secret),
                identity=DOB.strftime("%d/%m/%Y"),
            )
        )
        == "late"
    )
    assert opener(user=on_time, candidate=_candidate(world, on_time), device="d1") == attempt
    assert Attempt.objects.filter(candidate__session=world.session).count() == 1


@pytest.mark.parametrize("typed", ["", "   ", "12345", "abcdef", "1234567", "other room"])
def test_no_start_without_the_rooms_access_code(typed):
    # Guards: codes.code_accepted in services.check_in; services._new_attempt refuses a
    # candidate who has not passed the check.
    world = make_exam_world(students=1)
    student = world.students[0]
    candidate = _candidate(world, student)
    if typed == "other room":
        typed = codes.access_code(codes.new_secret())
        if codes.code_accepted(candidate.room.secret, typed):  # one in a million
            pytest.skip("the other room's code happens to be this room's")
    call = lambda: services.check_in(  # noqa: E731
        user=student, candidate=candidate, access_code=typed, identity="15/03/2008"
    )
    assert _refused_code(call) == "code"
    candidate.refresh_from_db()
    assert candidate.checked_in_at is None
    assert not candidate.events.filter(kind=AttemptEvent.Kind.CHECK_IN).exists()
    opener = lambda: services.attempt_open(user=student, candidate=candidate, device="d1")  # noqa: E731
    assert _refused_code(opener) == "check_in"
    assert not candidate.attempts.exists()


@pytest.mark.parametrize("typed", ["", "16/03/2008", "15/03/2009", "2008-03-16", "000000"])
def test_no_start_with_a_wrong_identity(typed):
    # Guard: services.identity_matches in services.check_in.
    world = make_exam_world(students=1)
    student = world.students[0]
    candidate = _candidate(world, student)
    call = lambda: services.check_in(  # noqa: E731
        user=student,
        candidate=candidate,
        access_code=codes.access_code(candidate.room.secret),
        identity=typed,
    )
    assert _refused_code(call) == "identity"
    candidate.refresh_from_db()
    assert candidate.checked_in_at is None


def test_a_student_cannot_check_in_or_open_as_another_candidate():
    # Guard: ``candidate.student_id != user.pk`` in check_in and attempt_open.
    world = make_exam_world(students=2)
    me, other = world.students
    theirs = _candidate(world, other)
    with pytest.raises(PermissionDenied):
        services.check_in(
            user=me,
            candidate=theirs,
            access_code=codes.access_code(theirs.room.secret),
            identity=DOB.strftime("%d/%m/%Y"),
        )
    checked_in(world, other)
    with pytest.raises(PermissionDenied):
        services.attempt_open(user=me, candidate=_candidate(world, other), device="d1")
    assert not Attempt.objects.exists()


# --- The deadline and its grace period ------------------------------------------------------
def test_a_save_after_deadline_and_grace_is_refused_and_logged(client):
    # Guard: saving.check_open (``now > deadline + grace``) and saving.late_save_record.
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    first = correct_response(items[0])
    assert _save(client, attempt, token, (0, 1, first)).status_code == 200
    _deadline_in(attempt, -(world.session.grace_seconds + 5))
    r = _save(client, attempt, token, (0, 2, _wrong_choice(items[0])), (1, 3, 0))
    _refusal(r, 409, "late")
    assert _stored(attempt) == {0: (first, 1)}
    assert AnswerLog.objects.filter(attempt=attempt).count() == 1
    [late] = AttemptEvent.objects.filter(attempt=attempt, kind=AttemptEvent.Kind.LATE_SAVE)
    assert [row["seq"] for row in late.data["answers"]] == [2, 3]
    # A submit that brings answers this late keeps what the attempt had, not its answers.
    _post(client, attempt.pk, "nop", token, {"answers": [{"slot": 0, "seq": 9, "response": 3}]})
    assert _stored(attempt) == {0: (first, 1)}


def test_a_save_within_the_grace_period_is_kept(client):
    # Guard: the grace period in saving.check_open (``+ state["grace"]``).
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    _deadline_in(attempt, -(world.session.grace_seconds - 30))
    answer = correct_response(items[0])
    r = _save(client, attempt, token, (0, 1, answer))
    assert r.status_code == 200, r.content
    assert r.json()["saved"] == [{"slot": 0, "seq": 1}]
    assert _stored(attempt) == {0: (answer, 1)}
    assert not AttemptEvent.objects.filter(kind=AttemptEvent.Kind.LATE_SAVE).exists()


# --- Forged questions and answers of the wrong shape ----------------------------------------
BAD_ROWS = {
    "slot beyond the version": ({"slot": 99, "seq": 1, "response": 0}, "slot"),
    "negative slot": ({"slot": -1, "seq": 1, "response": 0}, "slot"),
    "slot as text": ({"slot": "0", "seq": 1, "response": 0}, "slot"),
    "slot as a boolean": ({"slot": True, "seq": 1, "response": 0}, "slot"),
    "slot as a float": ({"slot": 0.5, "seq": 1, "response": 0}, "slot"),
    "no slot": ({"seq": 1, "response": 0}, "slot"),
    "question id instead of slot": ({"question": 1, "seq": 1, "response": 0}, "slot"),
    "seq zero": ({"slot": 0, "seq": 0, "response": 0}, "seq"),
    "seq as text": ({"slot": 0, "seq": "1", "response": 0}, "seq"),
    "seq beyond 2^53": ({"slot": 0, "seq": 2**60, "response": 0}, "seq"),
    "no seq": ({"slot": 0, "response": 0}, "seq"),
}


@pytest.mark.parametrize("name", list(BAD_ROWS))
def test_a_forged_slot_or_sequence_is_a_400_with_a_reason(client, name):
    # Guard: saving.parse_changes (slot within the version, sequence a positive integer).
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    row, code = BAD_ROWS[name]
    good = {"slot": 1, "seq": 5, "response": correct_response(items[1])}
    _refusal(_post(client, attempt.pk, "luu", token, {"answers": [good, row]}), 400, code)
    assert not AttemptAnswer.objects.filter(attempt=attempt).exists()
    assert not AnswerLog.objects.filter(attempt=attempt).exists()


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        [],
        {},
        {"answers": {}},
        {"answers": []},
        {"answers": ["0"]},
        {"answers": [{"slot": 0, "seq": n, "response": 0} for n in range(1, 8)]},
    ],
    ids=["not-json", "list", "empty", "dict", "no-answers", "not-objects", "too-many"],
)
def test_a_malformed_request_is_a_400_with_a_reason(client, body):
    # Guard: api_views._payload and the first checks of saving.parse_changes.
    world = make_exam_world(students=1)
    attempt, _items = started(world, world.students[0])
    r = _post(client, attempt.pk, "luu", saving.attempt_token(attempt), body)
    assert r.status_code == 400, r.content
    assert VIETNAMESE.search(r.json()["error"])
    assert not AttemptAnswer.objects.filter(attempt=attempt).exists()


WRONG_SHAPES = {
    QType.SINGLE_CHOICE: [9, -1, "A", [0], {"0": 1}, 1.5, True],
    QType.TRUE_FALSE: [[True, False], [True] * 5, ["Đúng", "Sai", "Đúng", "Sai"], [1, 0, 1, 0], 1],
    QType.SHORT_NUMERIC: ["abc", "--1", "1,,2", ["1"], {"x": 1}],
    QType.ESSAY: [{"text": "bài làm"}, ["bài", "làm"]],
}


@pytest.mark.parametrize("qtype", list(WRONG_SHAPES))
def test_an_answer_of_the_wrong_shape_is_a_400_with_a_reason(client, qtype):
    # Guard: saving._checked (lms.practice.check_response against the version's question).
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    slot = _slot(items, qtype)
    for seq, response in enumerate(WRONG_SHAPES[qtype], 1):
        body = _refusal(_save(client, attempt, token, (slot, seq, response)), 400, "response")
        assert body["slot"] == slot, (response, body)
        assert f"phần {items[slot]['part']}" in body["error"], body["error"]
    assert not AttemptAnswer.objects.filter(attempt=attempt).exists()
    right = correct_response(items[slot])
    assert _save(client, attempt, token, (slot, 99, right)).status_code == 200


@pytest.mark.parametrize("typed", ["1,234", "12345", "-1,50", "-12,5", 12345, "0,0001"])
def test_a_part_three_answer_over_four_characters_is_refused(client, typed):
    # Guard: the 4-character limit of Part III in saving._checked.
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    slot = _slot(items, QType.SHORT_NUMERIC)
    body = _refusal(_save(client, attempt, token, (slot, 1, typed)), 400, "response")
    assert "4 ký tự" in body["error"] and body["slot"] == slot
    assert not AttemptAnswer.objects.filter(attempt=attempt).exists()
    for seq, fits in enumerate(["-1,5", "1234", "0,25"], 2):
        assert _save(client, attempt, token, (slot, seq, fits)).status_code == 200, fits
    assert _stored(attempt)[slot] == ("0,25", 4)


# --- Submit twice, two tabs, replays, offline, a wrong clock -------------------------------
def test_a_double_submit_is_harmless(client, django_capture_on_commit_callbacks):
    # Guard: services.attempt_submit returns early for a submitted attempt (row locked).
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    answer = correct_response(items[0])
    with django_capture_on_commit_callbacks(execute=True) as first_callbacks:
        first = _post(
            client,
            attempt.pk,
            "nop",
            token,
            {"answers": [{"slot": 0, "seq": 1, "response": answer}]},
        )
    assert first.status_code == 200, first.content
    with django_capture_on_commit_callbacks(execute=True) as second_callbacks:
        second = _post(
            client,
            attempt.pk,
            "nop",
            token,
            {"answers": [{"slot": 0, "seq": 2, "response": _wrong_choice(items[0])}]},
        )
        again = services.attempt_submit(attempt=attempt, by=Attempt.SubmittedBy.INVIGILATOR)
    assert second.status_code == 200, second.content
    assert second.json()["submitted_at"] == first.json()["submitted_at"]
    assert second.json()["state"] == Attempt.State.SUBMITTED
    assert again[1] is False
    attempt.refresh_from_db()
    assert attempt.submitted_by == Attempt.SubmittedBy.STUDENT
    assert attempt.events.filter(kind=AttemptEvent.Kind.SUBMIT).count() == 1
    assert len(first_callbacks) >= 1 and len(second_callbacks) == 0  # graded once
    assert _stored(attempt) == {0: (answer, 1)}  # the last acknowledged answer
    assert AttemptResult.objects.filter(attempt=attempt).count() == 1
    _refusal(_save(client, attempt, token, (1, 3, 0)), 409, "submitted")


def test_two_tabs_keep_the_answer_with_the_highest_acknowledged_sequence(client):
    # Guard: the upsert keeps the higher sequence (``WHERE seq < EXCLUDED.seq``) in saving.
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    n = len(items[0]["data"]["choices"])
    # (tab, slot, seq, response) in the order the requests reach the server.
    arrivals = [
        ("A", 0, 1, 0),
        ("B", 0, 3, 1),
        ("A", 0, 2, 2),  # sent before B's seq 3, arrived after: must not win
        ("A", 1, 4, 1),
        ("B", 1, 6, 2),
        ("A", 0, 5, 3 % n),
        ("A", 1, 5, 0),  # late again
        ("B", 0, 4, 1),  # a retry of an older one
    ]
    acknowledged = []
    for _tab, slot, seq, response in arrivals:
        r = _save(client, attempt, token, (slot, seq, response))
        assert r.status_code == 200, r.content
        body = r.json()
        if {"slot": slot, "seq": seq} in body["saved"]:
            acknowledged.append((slot, seq, response))
        else:
            [newer] = body["stale"]
            assert newer["seq"] > seq  # the tab learns the newer answer
    final = {}
    for slot, seq, response in acknowledged:
        if slot not in final or final[slot][1] < seq:
            final[slot] = (response, seq)
    assert final == {0: (3 % n, 5), 1: (2, 6)}
    assert _stored(attempt) == final
    assert AnswerLog.objects.filter(attempt=attempt).count() == len(arrivals)


def test_a_replayed_save_changes_nothing(client):
    # Guard: the upsert's sequence comparison (an equal or lower sequence is not applied).
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    old = (0, 1, correct_response(items[0]))
    newer = (0, 2, _wrong_choice(items[0]))
    assert _save(client, attempt, token, old).json()["saved"] == [{"slot": 0, "seq": 1}]
    assert _save(client, attempt, token, newer).json()["saved"] == [{"slot": 0, "seq": 2}]
    saved_at = AttemptAnswer.objects.get(attempt=attempt, slot=0).saved_at
    for replay in (old, newer, old):
        body = _save(client, attempt, token, replay).json()
        assert body["saved"] == []
        assert body["stale"] == [{"slot": 0, "seq": 2, "response": newer[2], "flagged": False}]
    row = AttemptAnswer.objects.get(attempt=attempt, slot=0)
    assert (row.response, row.seq, row.saved_at) == (newer[2], 2, saved_at)


@pytest.mark.parametrize("ends", ["before the deadline", "within the grace period"])
def test_answers_made_during_five_minutes_offline_are_kept(
    client, django_capture_on_commit_callbacks, ends
):
    # Guard: saving.parse_changes keeps the highest sequence per question within one request
    # (an outbox sends its queue in any order; PostgreSQL also refuses to upsert a row twice
    # in one statement).
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    tf = _slot(items, QType.TRUE_FALSE)
    num = _slot(items, QType.SHORT_NUMERIC)
    assert _save(client, attempt, token, (0, 1, _wrong_choice(items[0]))).status_code == 200
    # Five minutes offline: the page queued these answers (answers 0 twice).
    with_time = Attempt.objects.get(pk=attempt.pk)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=with_time.started_at - dt.timedelta(minutes=5),
        deadline=with_time.deadline - dt.timedelta(minutes=5),
    )
    saving.forget_attempt_state(attempt.pk)
    if ends == "within the grace period":
        _deadline_in(attempt, -(world.session.grace_seconds - 20))
    outbox = [
        {"slot": 0, "seq": 7, "response": correct_response(items[0])},
        {"slot": tf, "seq": 3, "response": correct_response(items[tf])},
        {"slot": 0, "seq": 2, "response": _wrong_choice(items[0])},
        {"slot": num, "seq": 5, "response": correct_response(items[num])},
        {"slot": 1, "seq": 6, "response": correct_response(items[1])},
    ]
    r = _post(client, attempt.pk, "luu", token, {"answers": outbox})
    assert r.status_code == 200, r.content
    assert sorted(r.json()["saved"], key=lambda s: s["slot"]) == sorted(
        [{"slot": s, "seq": q} for s, q in ((0, 7), (tf, 3), (num, 5), (1, 6))],
        key=lambda s: s["slot"],
    )
    expected = {
        0: (correct_response(items[0]), 7),
        1: (correct_response(items[1]), 6),
        tf: (correct_response(items[tf]), 3),
        num: (correct_response(items[num]), 5),
    }
    assert _stored(attempt) == expected
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, attempt.pk, "nop", token, {}).status_code == 200
    assert (
        AttemptResult.objects.get(attempt=attempt).score
        == grading.compute(items, {s: v[0] for s, v in expected.items()}, {})["score"]
    )


def test_the_clients_clock_is_never_read(client):
    # Guard: the deadline is checked against the server's clock (saving.answers_save reads
    # time.time(), never the request); the responses carry the server's time.
    world = make_exam_world(students=1)
    attempt, items = started(world, world.students[0])
    token = saving.attempt_token(attempt)
    hour_ms = 3600 * 1000
    answer = correct_response(items[0])

    def saying(client_ms: int, slot: int, seq: int, response):
        row = {"slot": slot, "seq": seq, "response": response, "client_time": client_ms}
        return _post(
            client,
            attempt.pk,
            "luu",
            token,
            {"answers": [row], "client_time": client_ms, "now": client_ms, "sent_at": client_ms},
        )

    # Ten minutes left by the server; the device's clock is an hour ahead (past the deadline).
    _deadline_in(attempt, 600)
    before = time.time()
    r = saying(int(time.time() * 1000) + hour_ms, 0, 1, answer)
    assert r.status_code == 200, r.content
    assert before * 1000 - 1000 <= r.json()["now"] <= time.time() * 1000 + 1000
    beat = _post(
        client, attempt.pk, "nhip", token, {"client_time": int(time.time() * 1000) - hour_ms}
    )
    deadline = Attempt.objects.get(pk=attempt.pk).deadline
    assert beat.json()["deadline"] == int(deadline.timestamp() * 1000)
    assert abs(beat.json()["now"] - time.time() * 1000) < 2000
    # Past deadline and grace by the server; the device's clock is an hour behind.
    _deadline_in(attempt, -(world.session.grace_seconds + 5))
    r = saying(int(time.time() * 1000) - hour_ms, 0, 2, _wrong_choice(items[0]))
    _refusal(r, 409, "late")
    assert _stored(attempt) == {0: (answer, 1)}


# --- Vanished candidates ------------------------------------------------------------------
def test_a_vanished_candidate_is_submitted_from_the_last_saved_answers(
    client, django_capture_on_commit_callbacks
):
    # Guard: services.attempts_close_overdue skips an attempt within its grace period
    # (``deadline + grace >= now``) and submits the others with what they saved.
    world = make_exam_world(students=3)
    gone, in_grace, working = (
        started(world, s, device=f"d{n}") for n, s in enumerate(world.students)
    )
    for attempt, items in (gone, in_grace):
        token = saving.attempt_token(attempt)
        rows = [(it["slot"], it["slot"] + 1, correct_response(it)) for it in items]
        assert _save(client, attempt, token, *rows).status_code == 200
    grace = world.session.grace_seconds
    _deadline_in(gone[0], -(grace + 10))
    _deadline_in(in_grace[0], -(grace - 30))
    with django_capture_on_commit_callbacks(execute=True):
        closed = services.attempts_close_overdue()
    assert closed == [gone[0].pk]
    attempt = Attempt.objects.get(pk=gone[0].pk)
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.submitted_by == Attempt.SubmittedBy.DEADLINE
    assert attempt.events.filter(kind=AttemptEvent.Kind.CLOSE).count() == 1
    result = AttemptResult.objects.get(attempt=attempt)
    saved = {a.slot: a.response for a in attempt.answers.all()}
    assert (
        result.score
        == grading.compute(variant_items(attempt.candidate.variant_id), saved, {})["score"]
    )
    assert str(result.score) == "2.000"  # all but the 2-point essay, never a zero
    for still in (in_grace[0], working[0]):
        assert Attempt.objects.get(pk=still.pk).state == Attempt.State.IN_PROGRESS
        assert not AttemptResult.objects.filter(attempt_id=still.pk).exists()
    # The candidate still within the grace period can save; a second run closes nothing more.
    token = saving.attempt_token(in_grace[0])
    assert _save(client, in_grace[0], token, (0, 50, 0)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert services.attempts_close_overdue() == []
