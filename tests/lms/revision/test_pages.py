"""The learner's "Ôn tập" pages (lms.revision.views): what they show from a history made
through ``services.answer_record``, the refusals (400 with a Vietnamese reason, nothing
written), whose data they read, and the doors a forged id must not open."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from curriculum.models import Subject
from lms.exams.models import Candidate
from lms.revision import services
from lms.revision.models import RevisionAnswer, Source
from lms.revision.scheduler import LOCAL_TZ
from tests.accounts.factories import make_class, make_school, make_student_in
from tests.lms.exams.conftest import _forget_exam_keys
from tests.lms.revision.factories import make_outcomes, make_revision_world, parsed_mc
from tests.question_bank.factories import make_bank, make_question

pytestmark = pytest.mark.django_db
HOME = "/on-tap/"


@pytest.fixture(autouse=True)
def _fresh_exam_caches():
    _forget_exam_keys()
    yield
    _forget_exam_keys()


@pytest.fixture
def world():
    return make_revision_world(per_outcome=6)


def _answer(world, student, outcome, k: int, fraction, *, days_ago: float = 0):
    question = world.questions[outcome.pk][k]
    return services.answer_record(
        student=student,
        version=world.version(question),
        response=0 if fraction else 1,
        fraction=Decimal(fraction),
        answered_at=timezone.now() - dt.timedelta(days=days_ago),
        source=Source.PRACTICE,
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _map_url(world) -> str:
    return reverse("revision_map", kwargs={"subject_id": world.subject.pk, "grade": 12})


def _outcome_url(outcome) -> str:
    return reverse("revision_outcome", kwargs={"outcome_id": outcome.pk})


# --- Pages ------------------------------------------------------------------------------------
def test_home_shows_subjects_due_weakest_and_the_form(world):
    weak, strong = world.outcomes[0], world.outcomes[1]
    # Wrong three days ago: due again by now. "van_dung" (k=2, weight 2) wrong: 0,5/3.
    _answer(world, world.student, weak, 2, "0", days_ago=3)
    for k in range(3):
        _answer(world, world.student, strong, k, "1", days_ago=3 - k)

    response = _client(world.student).get(HOME)

    assert response.status_code == 200
    text = _text(response)
    assert 'Ôn lại hôm nay: <strong data-testid="due-count">1 câu</strong>' in text
    assert 'action="/on-tap/on-lai/"' in text
    assert "Toán – lớp 12" in text and _map_url(world) in text
    assert "Đã vững <strong>1/3</strong> yêu cầu cần đạt" in text
    weakest = response.context["weakest"]
    assert weakest[0]["row"].outcome == weak
    assert weakest[0]["percent"] == "16,7 %"
    assert "Luyện 5 câu" in text and "Cần ôn" in text
    assert 'data-testid="practice-form"' in text and 'name="outcome"' in text
    assert "/on-tap/ngoai-tuyen/" in text and "/on-tap/thi-thu/" in text
    assert 'href="/on-tap/"' in text  # the header's link


def test_home_says_kindly_when_nothing_is_due(world):
    text = _text(_client(world.student).get(HOME))
    assert "Hôm nay bạn không có câu nào cần ôn lại" in text
    assert 'action="/on-tap/on-lai/"' not in text


def test_map_shows_topics_lessons_outcomes_with_bands_and_legend(world):
    _answer(world, world.student, world.outcomes[0], 2, "0")

    response = _client(world.student).get(_map_url(world))

    assert response.status_code == 200
    text = _text(response)
    for topic in world.topics:
        assert topic.name in text
    for outcome in world.outcomes:
        assert _outcome_url(outcome) in text
    assert text.count('data-testid="topic-practice"') == 2
    assert 'data-band="weak"' in text and 'data-band="none"' in text
    legend = response.context["legend"]
    assert [item["band"].code for item in legend] == ["none", "weak", "learning", "strong"]
    assert legend[2]["text"] == "từ 50 % đến dưới 80 %"
    assert "16,7 %" in text


def test_map_of_a_subject_without_a_pool_is_404(world):
    other = Subject.objects.create(code="ly", name="Vật lí")
    client = _client(world.student)
    assert (
        client.get(
            reverse("revision_map", kwargs={"subject_id": other.pk, "grade": 12})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("revision_map", kwargs={"subject_id": world.subject.pk, "grade": 11})
        ).status_code
        == 404
    )


def test_outcome_page_shows_mastery_due_and_history(world):
    outcome = world.outcomes[0]
    wrong = _answer(world, world.student, outcome, 2, "0", days_ago=1)

    response = _client(world.student).get(_outcome_url(outcome))

    assert response.status_code == 200
    text = _text(response)
    assert (
        outcome.text in text and outcome.lesson.name in text and outcome.lesson.topic.name in text
    )
    assert "16,7 %" in text and "Cần ôn" in text
    # wrong yesterday: due today (a later day would be written dd/mm/yyyy)
    assert 'data-testid="outcome-due">hôm nay<' in text
    when = timezone.localtime(wrong.answered_at, LOCAL_TZ).strftime("%d/%m/%Y %H:%M")
    assert when in text
    assert "Sai" in text and "0/1 điểm" in text and "Vận dụng" in text and "Luyện tập" in text
    assert "Luyện yêu cầu này" in text


def test_someone_elses_answers_are_never_shown(world):
    outcome = world.outcomes[0]
    _answer(world, world.other, outcome, 2, "0")

    client = _client(world.student)
    home = client.get(HOME)
    page = _text(client.get(_outcome_url(outcome)))

    assert home.context["weakest"] == []
    assert "Bạn chưa làm câu nào của yêu cầu này." in page
    assert "Chưa luyện" in page and "16,7 %" not in page
    assert 'data-testid="history"' not in page


def test_a_confidential_outcome_is_404_and_cannot_be_practised(world):
    bank = make_bank(world.teacher, subject=world.subject, scope="school", confidential=True)
    topics, outcomes = make_outcomes(world.subject, prefix="conf")
    for n, outcome in enumerate(outcomes):
        make_question(
            bank,
            parsed=parsed_mc(100 + n),
            approve=True,
            subject=world.subject,
            grade=12,
            topic=outcome.lesson.topic,
            outcome=outcome,
        )
    client = _client(world.student)

    assert client.get(_outcome_url(outcomes[0])).status_code == 404
    assert client.get(reverse("revision_outcome", kwargs={"outcome_id": 999999})).status_code == 404
    refused = client.post(
        reverse("revision_practice"), {"quick": "1", "outcome": outcomes[0].pk, "count": 5}
    )
    assert refused.status_code == 400
    assert "Yêu cầu cần đạt này chưa có câu hỏi để bạn luyện tập." in _text(refused)
    refused = client.post(
        reverse("revision_practice"), {"quick": "1", "topic": topics[0].pk, "count": 10}
    )
    assert refused.status_code == 400
    assert "Chủ đề này chưa có câu hỏi để bạn luyện tập." in _text(refused)
    assert not Candidate.objects.filter(student=world.student).exists()


# --- Starting practice --------------------------------------------------------------------------
def test_one_tap_practice_of_a_topic_and_of_an_outcome_go_to_the_exam_page(world):
    client = _client(world.student)

    by_topic = client.post(
        reverse("revision_practice"), {"quick": "1", "topic": world.topics[0].pk, "count": 10}
    )
    by_outcome = client.post(
        reverse("revision_practice"), {"quick": "1", "outcome": world.outcomes[2].pk, "count": 5}
    )

    candidates = list(Candidate.objects.filter(student=world.student).order_by("pk"))
    assert len(candidates) == 2
    assert by_topic.status_code == 302
    assert by_topic["Location"] == reverse("exam_take", kwargs={"candidate_id": candidates[0].pk})
    assert by_outcome["Location"] == reverse("exam_take", kwargs={"candidate_id": candidates[1].pk})


def test_the_form_starts_a_practice_of_one_outcome(world):
    outcome = world.outcomes[1]
    response = _client(world.student).post(
        reverse("revision_practice"),
        {
            "subject": world.subject.pk,
            "grade": 12,
            "topic": outcome.lesson.topic.pk,
            "outcome": outcome.pk,
            "count": 5,
        },
    )
    assert response.status_code == 302
    candidate = Candidate.objects.get(student=world.student)
    assert response["Location"] == reverse("exam_take", kwargs={"candidate_id": candidate.pk})


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"quick": "1", "count": 5}, "Hãy chọn đúng một chủ đề hoặc một yêu cầu cần đạt"),
        ({"quick": "1", "topic": "T", "count": 5}, "Chủ đề này chưa có câu hỏi để bạn luyện tập."),
        ({"quick": "1", "topic": "TOPIC", "count": 7}, "Số câu phải là 5, 10 hoặc 20."),
        (
            {"quick": "1", "topic": "TOPIC", "outcome": "OUTCOME", "count": 5},
            "Hãy chọn đúng một chủ đề hoặc một yêu cầu cần đạt",
        ),
        (
            {
                "subject": "SUBJECT",
                "grade": 12,
                "topic": "TOPIC",
                "outcome": "OUTCOME2",
                "count": 5,
            },
            "Yêu cầu cần đạt đã chọn không thuộc chương/chủ đề này",
        ),
        ({"subject": "SUBJECT", "grade": 12, "count": 3}, "Số câu: Hãy chọn một lựa chọn hợp lệ"),
        ({"subject": "999999", "grade": 12, "count": 5}, "Môn học này chưa có câu hỏi"),
    ],
)
def test_bad_practice_posts_are_400_with_a_vietnamese_reason(world, data, reason):
    values = {
        "TOPIC": world.topics[0].pk,
        "OUTCOME": world.outcomes[0].pk,
        "OUTCOME2": world.outcomes[2].pk,  # of the second chapter
        "SUBJECT": world.subject.pk,
    }
    data = {k: values.get(v, v) if isinstance(v, str) else v for k, v in data.items()}

    response = _client(world.student).post(reverse("revision_practice"), data)

    assert response.status_code == 400
    assert reason in _text(response)
    assert 'data-testid="revision-errors"' in _text(response)
    assert not Candidate.objects.filter(student=world.student).exists()


def test_an_empty_pool_is_400_with_the_reason(world):
    # Phần II (Đúng/Sai): the bank has none.
    response = _client(world.student).post(
        reverse("revision_practice"),
        {"subject": world.subject.pk, "grade": 12, "kind": "part2", "count": 5},
    )
    assert response.status_code == 400
    assert "Chưa đủ câu hỏi để tạo bài luyện tập" in _text(response)
    assert not Candidate.objects.filter(student=world.student).exists()


def test_review_start_with_nothing_due_is_400_and_kind(world):
    response = _client(world.student).post(reverse("revision_review"))
    assert response.status_code == 400
    assert "Hôm nay bạn không có câu nào cần ôn lại" in _text(response)
    assert not Candidate.objects.filter(student=world.student).exists()


def test_review_start_goes_to_the_exam_page(world):
    _answer(world, world.student, world.outcomes[0], 0, "0", days_ago=3)

    response = _client(world.student).post(reverse("revision_review"))

    candidate = Candidate.objects.get(student=world.student)
    assert response.status_code == 302
    assert response["Location"] == reverse("exam_take", kwargs={"candidate_id": candidate.pk})


# --- Doors ------------------------------------------------------------------------------------
def test_posts_need_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.student)
    data = {"quick": "1", "topic": world.topics[0].pk, "count": 5}
    assert client.post(reverse("revision_practice"), data).status_code == 403
    assert client.post(reverse("revision_review")).status_code == 403
    assert not Candidate.objects.exists()


def test_pages_are_get_only_and_actions_post_only(world):
    client = _client(world.student)
    assert client.post(HOME).status_code == 405
    assert client.get(reverse("revision_practice")).status_code == 405
    assert client.get(reverse("revision_review")).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(world):
    for url in (HOME, _map_url(world), _outcome_url(world.outcomes[0])):
        response = Client().get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_staff_get_an_explanation_not_an_error(world):
    client = _client(world.teacher)
    for url in (HOME, _map_url(world), _outcome_url(world.outcomes[0])):
        response = client.get(url)
        assert response.status_code == 200
        assert "dành cho học sinh" in _text(response)
    refused = client.post(
        reverse("revision_practice"), {"quick": "1", "topic": world.topics[0].pk, "count": 5}
    )
    assert refused.status_code == 403
    assert not Candidate.objects.exists()
    assert not RevisionAnswer.objects.exists()


def test_a_student_of_another_school_sees_no_subject_of_this_bank(world):
    stranger = make_student_in(make_class(school=make_school(), name="12B", grade=12))
    client = _client(stranger)
    text = _text(client.get(HOME))
    assert "Chưa có môn nào có câu hỏi để ôn tập" in text
    assert client.get(_map_url(world)).status_code == 404
    assert client.get(_outcome_url(world.outcomes[0])).status_code == 404


def _quick_forms(html: str) -> list[dict]:
    """The hidden fields of every one-tap practice button of a page."""
    forms = re.findall(r'<form[^>]*class="rv-quick"[^>]*>(.*?)</form>', html, flags=re.S)
    return [
        dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
        for form in forms
    ]


def test_every_one_tap_button_starts_what_it_says(world):
    _answer(world, world.student, world.outcomes[0], 2, "0")
    client = _client(world.student)
    pages = {
        HOME: [{"outcome": str(world.outcomes[0].pk), "count": "5"}],
        _map_url(world): [{"topic": str(t.pk), "count": "10"} for t in world.topics],
        _outcome_url(world.outcomes[1]): [{"outcome": str(world.outcomes[1].pk), "count": "5"}],
    }
    for url, expected in pages.items():
        forms = _quick_forms(client.get(url).content.decode())
        assert [{k: v for k, v in f.items() if k != "csrfmiddlewaretoken"} for f in forms] == [
            {"quick": "1", **e} for e in expected
        ], url
        for form in forms:
            response = client.post(reverse("revision_practice"), form)
            assert response.status_code == 302, (url, form)
            assert re.fullmatch(r"/thi/\d+/lam-bai/", response["Location"])
