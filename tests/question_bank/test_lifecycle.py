"""Review workflow, revisions and immutable versions of questions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from question_bank import services
from question_bank.assembly.models import Paper, PaperItem
from question_bank.models import Question, QuestionVersion, Status
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank, make_question, make_reviewer, parsed_single

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    school = make_school()
    teacher = make_user(role=Role.TEACHER, school=school)
    leader = make_reviewer(make_user(role=Role.TEACHER, school=school))
    bank = make_bank(teacher, scope="school")
    return {"school": school, "teacher": teacher, "leader": leader, "bank": bank}


def test_draft_submit_request_changes_then_approve(people):
    teacher, leader = people["teacher"], people["leader"]
    question = make_question(people["bank"], teacher)
    assert question.status == Status.DRAFT and not question.live
    services.question_submit(question=question, user=teacher)
    question.refresh_from_db()
    assert question.status == Status.SUBMITTED

    services.question_review(
        question=question, user=leader, approve=False, comment="Phương án C chưa hợp lý"
    )
    question.refresh_from_db()
    assert question.status == Status.CHANGES_REQUESTED
    assert not question.versions.exists()
    # The reviewer's comment is kept in the workflow history.
    from wagtail.models import TaskState

    assert TaskState.objects.filter(comment="Phương án C chưa hợp lý").exists()

    services.question_submit(question=question, user=teacher)
    services.question_review(question=question, user=leader, approve=True, comment="Đạt")
    question.refresh_from_db()
    assert question.status == Status.APPROVED and question.live
    assert list(question.versions.values_list("number", flat=True)) == [1]


def test_teacher_outside_reviewer_group_cannot_approve(people):
    question = make_question(people["bank"], people["teacher"])
    services.question_submit(question=question, user=people["teacher"])
    with pytest.raises(PermissionDenied):
        services.question_review(question=question, user=people["teacher"], approve=True)


def test_editing_an_approved_question_used_in_a_paper_makes_a_new_version(client, people):
    teacher, leader = people["teacher"], people["leader"]
    question = make_question(people["bank"], teacher, approve=True)
    v1 = question.versions.get()
    paper = Paper.objects.create(title="Kiểm tra giữa kì I", created_by=teacher, seed=7)
    PaperItem.objects.create(paper=paper, version=v1, position=1)
    old_data = dict(v1.data)

    # Edit through the admin form, as a teacher would: it saves a draft revision only.
    client.force_login(teacher)
    edit_url = f"/admin/snippets/question_bank/question/edit/{question.pk}/"
    page = client.get(edit_url)
    assert page.status_code == 200
    form = _form_data(question, stem="<p>Đạo hàm của \\(y = x^3\\) là</p>")
    response = client.post(edit_url, form)
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    question.refresh_from_db()
    assert "x^2" in question.stem, "the live question must not change before approval"
    assert question.has_unpublished_changes

    services.question_submit(question=question, user=teacher)
    services.question_review(question=question, user=leader, approve=True)
    question.refresh_from_db()
    assert "x^3" in question.stem
    assert list(question.versions.values_list("number", flat=True)) == [1, 2]
    v1.refresh_from_db()
    assert v1.data == old_data and "x^2" in v1.data["stem"]
    assert paper.items.get().version_id == v1.pk
    # A stored version can never be rewritten.
    v1.data = {"stem": "hacked"}
    with pytest.raises(ValidationError):
        v1.save()
    assert QuestionVersion.objects.get(pk=v1.pk).data == old_data


def test_approving_unchanged_content_does_not_add_a_version(people):
    question = make_question(people["bank"], people["teacher"], approve=True)
    services.question_approve_directly(question=question, user=people["teacher"])
    assert question.versions.count() == 1


def test_html_is_sanitised_on_the_way_in(people):
    parsed = parsed_single(
        stem='Tính <script>alert("x")</script><img src="x" onerror="alert(1)"><b onclick="x()">H<sub>2</sub>O</b>'
    )
    question = make_question(people["bank"], people["teacher"], parsed)
    stored = Question.objects.get(pk=question.pk).stem
    assert "<script" not in stored and "onerror" not in stored and "onclick" not in stored
    assert "alert" not in stored
    assert "<sub>2</sub>" in stored


def _form_data(question, **changes):
    """POST data for the Wagtail snippet edit form (tabs + inline choices)."""
    data = {
        "bank": question.bank_id,
        "qtype": question.qtype,
        "part": question.part or "",
        "stimulus": "",
        "stem": question.stem,
        "numeric_answer": question.numeric_answer,
        "tolerance": question.tolerance,
        "blanks": "[]",
        "solution": question.solution,
        "general_feedback": "",
        "marking_guide": "",
        "subject": question.subject_id or "",
        "grade": question.grade or "",
        "topic": "",
        "outcome": "",
        "level": question.level_id or "",
        "difficulty": "",
        "points": "",
        "tags": "",
        "source": "",
        "licence": question.licence,
        "author": question.author_id or "",
        "needs_review": "",
        "shuffle_statements": "on",
        "choices-TOTAL_FORMS": question.choices.count(),
        "choices-INITIAL_FORMS": question.choices.count(),
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i, c in enumerate(question.choices.all()):
        data.update(
            {
                f"choices-{i}-id": c.pk,
                f"choices-{i}-ORDER": i + 1,
                f"choices-{i}-DELETE": "",
                f"choices-{i}-text": c.text,
                f"choices-{i}-match": "",
                f"choices-{i}-feedback": "",
                f"choices-{i}-fraction": "",
            }
        )
        if c.correct:
            data[f"choices-{i}-correct"] = "on"
    data.update(changes)
    return data


def test_text_is_stored_nfc(people):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Hoà tan muối ăn trong nước")
    question = make_question(people["bank"], people["teacher"], parsed_single(stem=nfd))
    stored = Question.objects.get(pk=question.pk).stem
    assert unicodedata.is_normalized("NFC", stored) and "Hoà tan" in stored


def test_openapi_schema_lists_question_endpoints(client, people):
    client.force_login(people["teacher"])
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/question-bank/questions" in schema["paths"]
    assert "/api/v1/question-bank/questions/{question_id}" in schema["paths"]
