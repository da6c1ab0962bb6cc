"""The assignment's release and review settings reach the student's pages: before the
teacher releases, the student sees neither score nor review of their attempt (nor, in a
practice set, a key through the per-question check); after, what the review setting
allows. Through the views, as the student and the teacher use them."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from lms import permissions
from lms.assignments import services
from lms.exams.delivery import variant_items
from lms.exams.models import Attempt, ReleasePolicy, ReviewPolicy
from lms.exams.saving import answers_save, attempt_token
from question_bank.assembly.models import Paper
from tests.lms.assignments.factories import QUESTIONS, do_work, give, make_world
from tests.lms.exams.factories import make_exam_paper

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _test_world(review: str):
    world = make_world(students=2, versions=1)
    paper = make_exam_paper(world.teacher, versions=1, questions=QUESTIONS)
    assignment = give(
        world,
        title="Kiểm tra 15 phút",
        kind="test",
        paper=paper,
        duration_minutes=15,
        release_policy=ReleasePolicy.MANUAL,
        review_policy=review,
    )
    return world, assignment


def test_the_review_of_a_test_shows_only_after_the_teacher_releases_it():
    world, assignment = _test_world(ReviewPolicy.KEYS)
    student = world.students[0]
    attempt = do_work(assignment, student, [0, 1, 1])  # 2 right of 3
    pupil = _client(student)
    submitted = f"/thi/bai/{attempt.pk}/da-nop/"

    before = pupil.get(submitted).content.decode()
    assert "exam-review" not in before and "Đáp án:" not in before
    assert 'data-testid="score"' not in before
    work = pupil.get(f"/hoc/giao-bai/{assignment.pk}/")
    assert work.context["show_score"] is False

    assert _client(world.teacher).post(f"/hoc/giao-bai/{assignment.pk}/cong-bo/").status_code == 302

    after = pupil.get(submitted)
    page = after.content.decode()
    assert "exam-review" in page
    # Every question's key, as this version prints it ("B. 6": the letter and the option).
    keys = sorted(row["key"].split(". ", 1)[1] for row in after.context["review"])
    assert keys == sorted(
        next(c.text for c in parsed.choices if c.correct) for _part, _pts, parsed in QUESTIONS
    )
    assert after.context["score"] == "2"
    assert pupil.get(f"/hoc/giao-bai/{assignment.pk}/").context["show_score"] is True


@pytest.mark.parametrize(
    ("review", "rows", "keys"),
    [(ReviewPolicy.SCORE, False, False), (ReviewPolicy.ANSWERS, True, False)],
)
def test_once_released_the_student_sees_what_the_review_setting_allows(review, rows, keys):
    world, assignment = _test_world(review)
    student = world.students[0]
    attempt = do_work(assignment, student, [0, 2, 1])
    _client(world.teacher).post(f"/hoc/giao-bai/{assignment.pk}/cong-bo/")

    response = _client(student).get(f"/thi/bai/{attempt.pk}/da-nop/")

    page = response.content.decode()
    assert response.context["score"] == "3"
    assert ("exam-review" in page) is rows
    assert ("Đáp án:" in page) is keys


def _check(client, attempt, slot: int):
    return client.post(
        f"/thi/bai/{attempt.pk}/kiem-tra/",
        data=json.dumps({"slot": slot}),
        content_type="application/json",
        HTTP_X_EXAM_TOKEN=attempt_token(attempt),
    )


def test_a_practice_set_gives_no_key_through_its_check_before_release():
    world = make_world(students=1, versions=1)
    assert world.paper.kind == Paper.Kind.PRACTICE
    assignment = give(
        world,
        attempts_allowed=2,
        release_policy=ReleasePolicy.MANUAL,
        review_policy=ReviewPolicy.KEYS,
    )
    student = world.students[0]
    candidate = assignment.session.candidates.get(student=student)
    pupil = _client(student)
    take = pupil.get(f"/thi/{candidate.pk}/lam-bai/")
    assert take.status_code == 200
    assert take.context["bootstrap"]["check_url"] is None  # no "Kiểm tra" button
    attempt = Attempt.objects.get(candidate=candidate)  # the take page opened it
    first = variant_items(candidate.variant_id)[0]
    answers_save(
        attempt_id=attempt.pk,
        token=attempt_token(attempt),
        payload={"answers": [{"slot": first["slot"], "seq": 1, "response": 0}]},
    )

    refused = _check(pupil, attempt, first["slot"])

    assert refused.status_code == 403
    assert "key_html" not in refused.json()

    _client(world.teacher).post(f"/hoc/giao-bai/{assignment.pk}/cong-bo/")
    allowed = _check(pupil, attempt, first["slot"])
    assert allowed.status_code == 200
    assert "Đáp án:" in allowed.json()["key_html"]


def test_on_close_the_review_waits_for_a_classmate_with_an_extension():
    """Results "on close": once the class's due date passes the review opens, except while
    a classmate given a later due date of their own still may work."""
    world = make_world(students=2, versions=1)
    assignment = give(
        world,
        title="Kiểm tra 15 phút",
        kind="test",
        paper=make_exam_paper(world.teacher, versions=1, questions=QUESTIONS),
        duration_minutes=15,
        late_policy="refuse",  # the due date closes the session
        release_policy=ReleasePolicy.ON_CLOSE,
        review_policy=ReviewPolicy.KEYS,
    )
    done, extended = world.students
    attempt = do_work(assignment, done, [0, 1, 1])
    services.override_set(
        user=world.teacher,
        assignment=assignment,
        student=extended,
        due_at=timezone.now() + dt.timedelta(days=2),
        extra_minutes=0,
    )
    session = assignment.session
    session.refresh_from_db()
    session.closes_at = timezone.now() - dt.timedelta(minutes=1)  # the class's due date passed
    session.save(update_fields=["closes_at"])
    submitted = f"/thi/bai/{attempt.pk}/da-nop/"

    assert not permissions.results_released(session)
    assert "Đáp án:" not in _client(done).get(submitted).content.decode()

    later = timezone.now() + dt.timedelta(days=3)
    assert permissions.results_released(session, now=later)
    session.candidates.update(closes_at=None)  # the extension is over
    assert "exam-review" in _client(done).get(submitted).content.decode()
