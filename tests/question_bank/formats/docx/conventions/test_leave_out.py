"""A Word file with unmarked questions: the teacher leaves them out and the others are saved;
with any problem left unresolved nothing is saved."""

import pytest
from wagtail.models import ModelLogEntry

from accounts.models import Role
from question_bank.importing import ImportBlocked, build_preview, import_commit
from question_bank.models import Question
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank
from tests.question_bank.formats.docx_builder import DocBuilder, run

pytestmark = pytest.mark.django_db


def unmarked_file() -> bytes:
    """Eight questions, two of them (Câu 3, Câu 7) with no key marked."""
    b = DocBuilder()
    for n in range(1, 9):
        b.p(f"Câu {n}. Câu hỏi số {n}?")
        if n in (3, 7):
            b.p("A. x\tB. y\tC. z\tD. t")
        else:
            b.p("A. x\t", run("B", u=True), ". y\tC. z\tD. t")
    return b.bytes()


@pytest.fixture
def ctx():
    teacher = make_user(role=Role.TEACHER, school=make_school())
    return {"teacher": teacher, "bank": make_bank(teacher, scope="school")}


def test_the_preview_lists_the_unmarked_questions_and_counts_the_good_ones(ctx):
    preview, _ = build_preview("de.docx", unmarked_file(), ctx["bank"], ctx["teacher"])
    assert preview.total == 6
    assert preview.errors == [
        "Câu 3: không có đáp án đúng được đánh dấu",
        "Câu 7: không có đáp án đúng được đánh dấu",
    ]


def test_leaving_out_the_unmarked_questions_saves_the_others(ctx):
    summary = import_commit(
        "de.docx", unmarked_file(), ctx["bank"], ctx["teacher"], leave_out=["Câu 3", "Câu 7"]
    )
    assert summary.created == 6
    assert Question.objects.filter(bank=ctx["bank"]).count() == 6
    entry = ModelLogEntry.objects.filter(action="question_bank.import").latest("pk")
    assert entry.data["left_out"] == [
        {"where": "Câu 3", "reasons": ["không có đáp án đúng được đánh dấu"]},
        {"where": "Câu 7", "reasons": ["không có đáp án đúng được đánh dấu"]},
    ]


def test_an_unresolved_problem_still_saves_nothing(ctx):
    with pytest.raises(ImportBlocked) as exc:
        import_commit("de.docx", unmarked_file(), ctx["bank"], ctx["teacher"], leave_out=["Câu 3"])
    assert exc.value.problems == ["Câu 7: không có đáp án đúng được đánh dấu"]
    assert not Question.objects.filter(bank=ctx["bank"]).exists()
