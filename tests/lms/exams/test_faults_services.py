"""Faults of the real services during an exam (issue 18, acceptance 4), on a live gunicorn
server and a real Celery worker over the test database: a web worker killed with SIGKILL
amid saves, PostgreSQL restarted, Redis stopped, a Celery worker's process killed while it
grades. After each, no acknowledged answer is missing and every attempt is graded once.

The invariant checked is the client's: an answer is acknowledged when its save got a 200
that lists it in ``saved``. Each acknowledged answer is in the append-only log with its
sequence number, and the current answer of its question is it or a newer one.
"""

import datetime as dt
import os
import signal
import threading
import time

import psycopg
import pytest
from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from config.celery import app as celery_app
from lms.exams import grading, saving, services
from lms.exams.delivery import variant_items
from lms.exams.models import AnswerLog, Attempt, AttemptAnswer, AttemptResult
from lms.exams.tasks import GRADING_LOST_AFTER, attempts_close_overdue_task
from question_bank.formats.base import QType
from tests.lms.exams import live
from tests.lms.exams.factories import correct_response, make_exam_world, started

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _response(item: dict, seq: int):
    """A valid answer to ``item`` that changes with ``seq``."""
    data = item["data"]
    qtype = data["qtype"]
    if qtype == QType.SINGLE_CHOICE:
        return seq % len(data["choices"])
    if qtype == QType.TRUE_FALSE:
        return [bool((seq >> i) & 1) for i in range(len(data["choices"]))]
    if qtype == QType.SHORT_NUMERIC:
        return str(seq % 1000)
    return f"Bài làm lần thứ {seq}"


def _wait(condition, seconds: float, what) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what() if callable(what) else what
        time.sleep(0.05)


class Page:
    """The exam page's saving, as its script does it: every change gets the next sequence
    number and waits in an outbox until the server acknowledges it."""

    def __init__(self, port: int, attempt: Attempt, items: list[dict]):
        self.port, self.attempt, self.items = port, attempt, items
        self.token = saving.attempt_token(attempt)
        self.seq = 0
        self.outbox: dict[int, tuple[int, object]] = {}
        self.acked: list[tuple[int, int, object]] = []
        self.failures = 0

    def answer(self, slot: int) -> None:
        self.seq += 1
        self.outbox[slot] = (self.seq, _response(self.items[slot], self.seq))

    def flush(self, timeout: float = 10) -> live.Reply:
        rows = [{"slot": s, "seq": q, "response": r} for s, (q, r) in self.outbox.items()]
        reply = live.post(
            self.port,
            f"/thi/bai/{self.attempt.pk}/luu/",
            {"answers": rows},
            token=self.token,
            timeout=timeout,
        )
        if reply.status != 200:
            self.failures += 1
            return reply
        for done in reply.body["saved"]:
            seq, response = self.outbox.pop(done["slot"])
            assert seq == done["seq"]
            self.acked.append((done["slot"], seq, response))
        for newer in reply.body["stale"]:  # never expected here: one tab, rising numbers
            self.outbox.pop(newer["slot"], None)
        return reply

    def flush_until_acknowledged(self, seconds: float) -> None:
        replies = []

        def flushed() -> bool:
            if not self.outbox:
                return True
            replies.append(self.flush())
            return replies[-1].status == 200 and not self.outbox

        _wait(flushed, seconds, lambda: f"not saved: {self.outbox} {replies[-3:]}")


def _assert_no_acknowledged_answer_lost(page: Page) -> None:
    attempt_id = page.attempt.pk
    logged = set(AnswerLog.objects.filter(attempt_id=attempt_id).values_list("slot", "seq"))
    current = {
        a.slot: (a.seq, a.response) for a in AttemptAnswer.objects.filter(attempt_id=attempt_id)
    }
    last: dict[int, tuple[int, object]] = {}
    for slot, seq, response in page.acked:
        assert (slot, seq) in logged, f"acknowledged save {slot}/{seq} is not in the log"
        if slot not in last or last[slot][0] < seq:
            last[slot] = (seq, response)
    for slot, (seq, response) in last.items():
        assert slot in current, f"acknowledged answer of slot {slot} missing"
        stored_seq, stored = current[slot]
        # Newer is possible: a save committed whose reply the kill cut off.
        assert stored_seq >= seq, (slot, stored_seq, seq)
        if stored_seq == seq:
            assert stored == response, (slot, stored, response)


@pytest.fixture(scope="module")
def server(django_db_setup, tmp_path_factory):
    """One gunicorn for this module's tests (the test database is the same for all)."""
    server = live.Server(tmp_path_factory.mktemp("gunicorn")).start()
    yield server
    server.stop()


@pytest.fixture
def fresh_connection():
    """After PostgreSQL restarts, this process's connection is dead: open a new one."""
    yield
    connection.close()
    close_old_connections()


# --- gunicorn worker killed -----------------------------------------------------------------
class Candidate(threading.Thread):
    """A candidate changing answers as fast as the server takes them."""

    def __init__(self, page: Page, stop: threading.Event):
        super().__init__(daemon=True)
        self.page, self.stop = page, stop

    def run(self) -> None:
        n = len(self.page.items)
        while not self.stop.is_set():
            self.page.answer(self.page.seq % n)
            self.page.answer((self.page.seq + 1) % n)
            self.page.flush(timeout=15)


def test_a_web_worker_killed_amid_saves_loses_no_acknowledged_answer(server):
    # Guard: the save is acknowledged only after its transaction commits (saving.answers_save
    # answers after ``transaction.atomic`` returns).
    world = make_exam_world(students=3)
    pages = [
        Page(server.port, *started(world, s, device=f"may-{n}"))
        for n, s in enumerate(world.students)
    ]
    stop = threading.Event()
    threads = [Candidate(page, stop) for page in pages]
    acked = lambda: sum(len(p.acked) for p in pages)  # noqa: E731
    try:
        for t in threads:
            t.start()
        _wait(lambda: acked() >= 30, 60, "no saves before the kill:\n" + server.tail())
        old = server.worker_pid()
        os.kill(old, signal.SIGKILL)
        before = acked()
        _wait(
            lambda: server.worker_pid() not in (None, old) and acked() >= before + 30,
            90,
            "saves did not resume after the kill:\n" + server.tail(),
        )
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
    for page in pages:
        _assert_no_acknowledged_answer_lost(page)
        # What the page still holds unacknowledged goes through once the server is back.
        page.flush_until_acknowledged(30)
        _assert_no_acknowledged_answer_lost(page)


# --- Redis stopped ------------------------------------------------------------------------
def test_saves_are_acknowledged_while_redis_is_down(server):
    # Guards: common.cache turns a cache failure into a miss (saving.attempt_state then reads
    # the database) and the cache has short socket timeouts (config.settings.base CACHES);
    # a submit does not wait for the broker (tasks.grade_submitted, ignore_result) and the
    # periodic task queues a lost grading again (tasks.attempts_close_overdue_task).
    cache = settings.CACHES["default"]
    assert cache["BACKEND"].endswith("RedisCache"), "the cache is not Redis"
    world = make_exam_world(students=1)
    page = Page(server.port, *started(world, world.students[0]))
    for slot in range(len(page.items)):
        page.answer(slot)
    page.flush_until_acknowledged(30)
    redis = live.Redis(cache["LOCATION"])
    redis.stop()
    try:
        for seq in range(6):
            page.answer(seq % len(page.items))
            reply = page.flush()
            assert reply.status == 200 and not page.outbox, (reply, server.tail())
            assert reply.seconds < 5, reply.seconds
        beat = live.post(server.port, f"/thi/bai/{page.attempt.pk}/nhip/", {}, token=page.token)
        assert beat.status == 200 and beat.body["state"] == Attempt.State.IN_PROGRESS
        # The submit is taken too, though its grading cannot be queued (the broker is down).
        page.answer(0)
        done = live.post(
            server.port,
            f"/thi/bai/{page.attempt.pk}/nop/",
            {
                "answers": [
                    {"slot": s, "seq": q, "response": r} for s, (q, r) in page.outbox.items()
                ]
            },
            token=page.token,
        )
        assert done.status == 200 and done.body["state"] == Attempt.State.SUBMITTED, (
            done,
            server.tail(),
        )
        page.acked += [(s, q, r) for s, (q, r) in page.outbox.items()]
        page.outbox.clear()
    finally:
        redis.start()
    _assert_no_acknowledged_answer_lost(page)
    assert done.seconds < 5, done.seconds
    # Once Redis is back, the periodic task queues the grading that could not be queued
    # (ten minutes after the submit: time travel).
    assert not AttemptResult.objects.filter(attempt=page.attempt).exists()
    attempts_close_overdue_task()
    assert not AttemptResult.objects.filter(attempt=page.attempt).exists()
    Attempt.objects.filter(pk=page.attempt.pk).update(
        submitted_at=timezone.now() - GRADING_LOST_AFTER - dt.timedelta(seconds=1)
    )
    attempts_close_overdue_task()
    [result] = AttemptResult.objects.filter(attempt=page.attempt)
    answers = dict(
        AttemptAnswer.objects.filter(attempt=page.attempt).values_list("slot", "response")
    )
    assert result.score == grading.compute(page.items, answers, {})["score"]


# --- PostgreSQL restarted -----------------------------------------------------------------
def test_postgresql_restarted_during_the_exam_loses_no_acknowledged_answer(
    server, fresh_connection
):
    # Guard: an answer is acknowledged only after its commit; a save that reaches no database
    # is a 500 the page keeps in its outbox (saving.answers_save, api_views.attempt_save).
    postgres = live.Postgres()
    if reason := postgres.usable():
        pytest.fail(f"cannot restart PostgreSQL here: {reason}")
    world = make_exam_world(students=1)
    page = Page(server.port, *started(world, world.students[0]))
    for slot in (0, 1, 2):
        page.answer(slot)
    page.flush_until_acknowledged(30)
    connection.close()
    postgres.stop()
    try:
        for slot in (0, 3, 4):
            page.answer(slot)
            reply = page.flush()
            assert reply.status != 200, reply
        assert len(page.outbox) == 3 and len(page.acked) == 3
    finally:
        postgres.start()
    # The page's outbox goes through once the database is back (a first request may find
    # the worker's old connection dead: a 500 that the page retries).
    page.answer(1)
    page.flush_until_acknowledged(60)
    assert len(page.acked) == 7
    close_old_connections()
    _assert_no_acknowledged_answer_lost(page)
    stored = {a.slot: a.seq for a in AttemptAnswer.objects.filter(attempt=page.attempt)}
    assert stored == {0: 4, 1: 7, 2: 3, 3: 5, 4: 6}


# --- Celery worker killed mid-grading -----------------------------------------------------
@pytest.fixture
def grading_queue():
    """Exam grading goes to a queue of this test's own (nothing else's tasks are taken)."""
    queue = f"test-exam-grading-{os.getpid()}"
    routes = celery_app.conf.task_routes
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_routes = {"lms.exams.attempt_grade": {"queue": queue}}
    yield queue
    celery_app.conf.task_routes = routes
    celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


def _lock_waiters() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def test_a_celery_worker_killed_mid_grading_grades_every_attempt_once(tmp_path, grading_queue):
    # Guard: lms.exams.tasks.attempt_grade_task is acks_late + reject_on_worker_lost (the
    # message of the killed grading goes back to the queue) and grading.attempt_grade is
    # idempotent.
    world = make_exam_world(students=8)
    expected = {}
    for n, student in enumerate(world.students):
        attempt, items = started(world, student, device=f"may-{n}")
        rows = [
            {"slot": it["slot"], "seq": it["slot"] + 1, "response": correct_response(it)}
            for it in items[: n % len(items) + 1]
        ]
        saving.answers_save(
            attempt_id=attempt.pk, token=saving.attempt_token(attempt), payload={"answers": rows}
        )
        answers = {r["slot"]: r["response"] for r in rows}
        expected[attempt.pk] = grading.compute(
            variant_items(attempt.candidate.variant_id), answers, {}
        )["score"]
    ids = list(expected)
    for attempt_id in ids:  # grading is enqueued on commit, into the test's queue
        services.attempt_submit(attempt=Attempt.objects.get(pk=attempt_id), by="student")
    # The fourth attempt's row is held: the worker will be inside its grading when killed.
    held = ids[3]
    blocker = psycopg.connect(live.database_url(), autocommit=False)
    try:
        blocker.execute("SELECT id FROM lms_attempt WHERE id = %s FOR UPDATE", [held])
        worker = live.Worker(tmp_path, "grader")
        try:
            worker.start(celery_app, queues=[grading_queue])
            _wait(lambda: _lock_waiters() >= 1, 60, "grading never reached the held row")
            assert AttemptResult.objects.count() == 3
            [child] = worker.pool_pids()
            os.kill(child, signal.SIGKILL)
            _wait(lambda: child not in worker.pool_pids(), 30, "the child did not die")
            blocker.rollback()
            _wait(
                lambda: AttemptResult.objects.count() == len(ids),
                60,
                "not every attempt was graded:\n" + worker.tail(),
            )
            log = worker.tail(100_000)
        finally:
            worker.stop()
    finally:
        blocker.close()
    assert "WorkerLostError" in log or "SIGKILL" in log, log
    for attempt_id, score in expected.items():
        [result] = AttemptResult.objects.filter(attempt_id=attempt_id)
        assert result.score == score, (attempt_id, result.score, score)
