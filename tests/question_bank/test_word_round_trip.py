"""Acceptance: a 2025-format Word file (built by python-docx in the tests) is saved with every
key right, exported from the bank as .docx through the admin, and re-imported unchanged."""

import pytest

from accounts.models import Role
from question_bank.html import plain_text
from question_bank.importing import import_commit
from question_bank.models import Question, Stimulus
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank
from tests.question_bank.formats.docx_builder import exam_2025
from tests.question_bank.formats.test_docx import EXAM_KEY

pytestmark = pytest.mark.django_db


def keys(question):
    if question.qtype == "single_choice":
        return [chr(65 + i) for i, c in enumerate(question.choices.all()) if c.correct]
    if question.qtype == "true_false":
        return {"abcd"[i]: c.correct for i, c in enumerate(question.choices.all())}
    return question.numeric_answer


def summary(bank):
    out = []
    for q in Question.objects.filter(bank=bank).order_by("pk"):
        out.append(
            (
                q.qtype,
                q.part,
                plain_text(q.stem),
                [plain_text(c.text) for c in q.choices.all()],
                keys(q),
                plain_text(q.solution),
                q.stimulus.content if q.stimulus_id else "",
                "<img" in q.stem,
            )
        )
    return out


def test_word_2025_import_export_reimport(client):
    teacher = make_user(role=Role.TEACHER, school=make_school())
    first, second = make_bank(teacher, name="Lần 1"), make_bank(teacher, name="Lần 2")
    import_commit("de-thi-2025.docx", exam_2025(), first, teacher)

    saved = Question.objects.filter(bank=first).order_by("pk")
    assert saved.count() == len(EXAM_KEY)
    for question, (ref, qtype, part, key) in zip(saved, EXAM_KEY, strict=True):
        assert (question.qtype, question.part) == (qtype, part), ref
        if qtype == "single_choice":
            letters = [
                c.ident or chr(65 + i) for i, c in enumerate(question.choices.all()) if c.correct
            ]
            assert letters == key, ref
        elif qtype == "true_false":
            assert {c.ident: c.correct for c in question.choices.all()} == key, ref
        else:
            assert question.numeric_answer == key, ref
    assert Stimulus.objects.filter(bank=first).exists()
    assert saved.filter(stem__contains="\\(").exists()  # OMML equations became LaTeX
    assert (
        saved.filter(stem__contains="<table").exists()
        or saved.filter(choices__text__contains="<table").exists()
        or Stimulus.objects.filter(content__contains="<table").exists()
    )
    assert saved.filter(stem__contains="<img").exists()
    assert saved.exclude(needs_review="").exists()  # the MathType object is flagged

    client.force_login(teacher)
    response = client.get("/admin/ngan-hang-cau-hoi/xuat/", {"format": "docx", "bank": first.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    import_commit("xuat-lai.docx", response.content, second, teacher)
    assert summary(second) == summary(first)
