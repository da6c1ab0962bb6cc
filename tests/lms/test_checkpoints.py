"""Issue 16, learning integrity: an e-lecture checkpoint lets the learner try again with a
hint (the chosen option's feedback, or a plain reminder) instead of the key; the key and
solution come after a right answer or the set number of tries; a checkpoint passed only
after its key was shown is recorded as not passed, and the e-lecture's progress counts only
honest passes."""

import json

import pytest
from django.urls import reverse

from accounts.models import Role
from content.models import ELecturePage, HomePage
from lms.models import EventKind, LearningEvent
from lms.selectors import electure_progress
from lms.services import learning_event_record
from question_bank.formats.base import Choice, QType
from tests.accounts.factories import make_school, make_user
from tests.content.test_pages import SOLUTION, approved_question, publish_under

pytestmark = pytest.mark.django_db

KEY = "A. 2x"
RIGHT = 0
FEEDBACK = "Nhớ hạ bậc: đạo hàm của x mũ n là n nhân x mũ n trừ 1."
UNPASSED = "Đã xem đáp án — phần này chưa tính là đạt."


@pytest.fixture
def school():
    return make_school()


@pytest.fixture
def teacher(school):
    return make_user(role=Role.TEACHER, school=school)


@pytest.fixture
def student(school):
    return make_user(role=Role.STUDENT, school=school)


def with_feedback(teacher, *, qtype=QType.SINGLE_CHOICE, choices=None):
    """The usual question (key A. 2x) whose option B carries feedback."""
    choices = choices or [
        Choice(text="2x", correct=True, feedback="<p>Chính xác.</p>"),
        Choice(text="x", feedback=f"<p>{FEEDBACK}</p>"),
        Choice(text="2"),
        Choice(text="x^2"),
    ]
    return approved_question(teacher, qtype=qtype, choices=choices)


def electure(*questions, reveal_after=2, slug="bai-giang"):
    """One section per question, each with that question as its checkpoint, and a last
    section without any."""
    sections = [
        (
            "section",
            {
                "title": f"Phần {n}",
                "video": {"url": "https://youtu.be/dQw4w9WgXcQ", "file": None, "caption": ""},
                "checkpoints": [
                    {
                        "question": q,
                        "after_slide": None,
                        "at_second": None,
                        "reveal_after_attempts": reveal_after,
                    }
                ],
            },
        )
        for n, q in enumerate(questions, start=1)
    ]
    sections.append(
        (
            "section",
            {
                "title": "Tổng kết",
                "video": {"url": "https://vimeo.com/76979871", "file": None, "caption": ""},
                "checkpoints": [],
            },
        )
    )
    return publish_under(
        HomePage.objects.first(),
        ELecturePage(title="Bài giảng", slug=slug, scope="public", sections=sections),
    )


def answer(client, question, page, response, *, section=0):
    reply = client.post(
        reverse("question_check", args=[question.versions.get().pk]),
        data=json.dumps({"response": response, "page": page.pk, "section": section}),
        content_type="application/json",
    )
    assert reply.status_code == 200, reply.content
    return reply.json()


def post_event(client, page, kind, section):
    reply = client.post(
        reverse("electure_event", args=[page.pk]),
        data=json.dumps({"kind": kind, "section": section}),
        content_type="application/json",
    )
    assert reply.status_code == 204


# --- a wrong answer: a hint, not the key --------------------------------------------------
def test_a_wrong_answer_gets_the_chosen_options_feedback_and_no_key(client, teacher, student):
    question = with_feedback(teacher)
    page = electure(question)
    client.force_login(student)

    reply = answer(client, question, page, 1)

    assert reply["correct"] is False
    assert FEEDBACK in reply["hint_html"]
    assert reply["key"] == "" and reply["solution_html"] == ""
    assert reply["retry_left"] == 1
    # Neither the key, the solution nor the right option's feedback leaks.
    text = json.dumps(reply, ensure_ascii=False)
    assert SOLUTION not in text and "Chính xác" not in text
    assert reply["passed"] is False and reply["key_seen"] is False


def test_a_wrong_answer_without_feedback_gets_a_reminder_and_the_tries_left(client, teacher):
    question = with_feedback(teacher)
    page = electure(question, reveal_after=3)

    reply = answer(client, question, page, 2)  # option C has no feedback; anonymous visitor

    assert "Chưa đúng, hãy xem lại phần vừa học" in reply["hint_html"]
    assert reply["retry_left"] == 2 and reply["key"] == ""


def test_multiple_response_hints_only_with_the_wrong_chosen_options_feedback(client, teacher):
    question = with_feedback(
        teacher,
        qtype=QType.MULTIPLE_RESPONSE,
        choices=[
            Choice(text="2x", correct=True, feedback="<p>Phương án này đúng.</p>"),
            Choice(text="x", feedback=f"<p>{FEEDBACK}</p>"),
            Choice(text="2"),
            Choice(text="x^2", correct=True),
        ],
    )
    page = electure(question)

    reply = answer(client, question, page, [0, 1])

    assert reply["correct"] is False and FEEDBACK in reply["hint_html"]
    assert "Phương án này đúng" not in json.dumps(reply, ensure_ascii=False)


def test_a_right_answer_gets_no_hint(client, teacher):
    question = with_feedback(teacher)
    page = electure(question)
    reply = answer(client, question, page, RIGHT)
    assert reply["correct"] is True and reply["hint_html"] == "" and reply["key"] == KEY


# --- passed only when honest ----------------------------------------------------------------
def test_a_first_try_right_answer_is_recorded_as_passed(client, teacher, student):
    question = with_feedback(teacher)
    page = electure(question)
    client.force_login(student)

    reply = answer(client, question, page, RIGHT)

    assert reply["passed"] is True and reply["key_seen"] is False
    event = LearningEvent.objects.get(user=student, kind=EventKind.CHECKPOINT_ANSWERED)
    assert event.data["passed"] is True and event.data["key_seen"] is False
    assert event.data["schema_version"] == 2
    assert reply["progress"] == {"checkpoints": 1, "passed": 1, "key_seen": 0}


def test_a_right_answer_after_the_key_was_shown_is_recorded_as_not_passed(client, teacher, student):
    question = with_feedback(teacher)
    page = electure(question, reveal_after=2)
    client.force_login(student)

    first = answer(client, question, page, 1)
    second = answer(client, question, page, 2)
    assert first["key"] == "" and second["key"] == KEY  # shown after the set number of tries
    assert second["solution_html"] == f"<p>{SOLUTION}</p>"
    third = answer(client, question, page, RIGHT)  # copied from the key

    assert third["correct"] is True
    assert third["passed"] is False and third["key_seen"] is True
    events = LearningEvent.objects.filter(user=student, kind=EventKind.CHECKPOINT_ANSWERED)
    assert [(e.data["passed"], e.data["key_seen"]) for e in events.order_by("pk")] == [
        (False, False),
        (False, False),
        (False, True),
    ]
    assert third["progress"] == {"checkpoints": 1, "passed": 0, "key_seen": 1}


def test_a_right_answer_after_a_wrong_one_before_the_key_still_passes(client, teacher, student):
    question = with_feedback(teacher)
    page = electure(question, reveal_after=3)
    client.force_login(student)
    assert answer(client, question, page, 1)["key"] == ""
    reply = answer(client, question, page, RIGHT)
    assert reply["passed"] is True and reply["key_seen"] is False


def test_an_anonymous_visitor_is_told_the_same(client, teacher):
    question = with_feedback(teacher)
    page = electure(question, reveal_after=1)
    assert answer(client, question, page, 1)["key"] == KEY
    reply = answer(client, question, page, RIGHT)
    assert reply["correct"] is True and reply["passed"] is False and reply["key_seen"] is True
    assert reply["progress"] is None
    assert not LearningEvent.objects.exists()


# --- progress -----------------------------------------------------------------------------
def test_electure_progress_counts_only_honest_passes(client, teacher, student):
    honest, copied, untried = (with_feedback(teacher) for _ in range(3))
    page = electure(honest, copied, untried, reveal_after=1)
    client.force_login(student)
    answer(client, honest, page, RIGHT, section=0)
    answer(client, copied, page, 1, section=1)
    answer(client, copied, page, RIGHT, section=1)
    # The honest answer again, after its key was shown by the first right answer: still passed.
    answer(client, honest, page, RIGHT, section=0)

    progress = electure_progress(user=student, page=page)

    assert (progress.checkpoints, progress.passed, progress.key_seen) == (3, 1, 1)
    assert [
        (s.checkpoints, s.answered, s.passed, s.key_seen, s.all_passed) for s in progress.sections
    ] == [(1, 1, 1, 0, True), (1, 1, 0, 1, False), (1, 0, 0, 0, False), (0, 0, 0, 0, True)]
    # Another learner's progress is their own.
    other = make_user(role=Role.STUDENT, school=student.school)
    assert electure_progress(user=other, page=page).passed == 0


def test_section_completed_events_record_whether_their_checkpoints_were_passed(
    client, teacher, student
):
    honest, copied = with_feedback(teacher), with_feedback(teacher)
    page = electure(honest, copied, reveal_after=1)
    client.force_login(student)
    answer(client, honest, page, RIGHT, section=0)
    answer(client, copied, page, 1, section=1)
    answer(client, copied, page, RIGHT, section=1)

    post_event(client, page, "section_completed", 0)
    post_event(client, page, "section_completed", 1)
    post_event(client, page, "completed", 2)

    completed = LearningEvent.objects.filter(user=student, page=page).exclude(
        kind=EventKind.CHECKPOINT_ANSWERED
    )
    assert [(e.kind, e.section, e.data.get("passed")) for e in completed.order_by("pk")] == [
        ("section_completed", 0, True),
        ("section_completed", 1, False),
        ("completed", 2, False),
    ]
    assert completed.get(kind="section_completed", section=1).data["checkpoints_passed"] == 0


def test_answers_logged_before_the_flag_count_as_passed_only_at_the_first_try(teacher, student):
    # Before this change the key showed after any answer; events had no ``passed``.
    first_try, second_try = with_feedback(teacher), with_feedback(teacher)
    page = electure(first_try, second_try)
    for question, section, scores in ((first_try, 0, [1]), (second_try, 1, [0, 1])):
        for value in scores:
            learning_event_record(
                user=student,
                kind=EventKind.CHECKPOINT_ANSWERED,
                page=page,
                section=section,
                question_version=question.versions.get(),
                score=value,
                data={"response": 0},
            )
    progress = electure_progress(user=student, page=page)
    assert [s.passed for s in progress.sections] == [1, 0, 0]


def test_the_page_shows_the_learners_honest_progress(client, teacher, student):
    question = with_feedback(teacher)
    page = electure(question, reveal_after=1)
    client.force_login(student)
    answer(client, question, page, 1)
    answer(client, question, page, RIGHT)

    content = client.get(page.url).content.decode()

    assert "Câu hỏi dừng đã đạt: 0/1" in content
    assert UNPASSED in content  # the label the page's script shows beside such an answer
