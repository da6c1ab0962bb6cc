"""An Aiken file with a question missing its ANSWER line: the preview shows the question
and the teacher's key makes it savable, at its position among the others."""

import pytest
from wagtail.models import ModelLogEntry

from question_bank.importing import build_preview, import_commit
from question_bank.models import Question

pytestmark = pytest.mark.django_db

AIKEN = """Thủ đô của Việt Nam là
A) Hà Nội
B) Huế
ANSWER: A

Số nguyên tố nhỏ nhất là
A) 1
B) 2
C) 3

Nước sôi ở bao nhiêu độ C (áp suất thường)?
A) 90
B) 100
ANSWER: B
""".encode()


def test_an_aiken_question_without_answer_is_fixed_by_its_key(teacher_bank):
    teacher, bank = teacher_bank
    preview, result = build_preview("de.txt", AIKEN, bank, teacher)
    assert preview.errors == ["Dòng 6: thiếu dòng ANSWER"]
    assert [q.ref for q in result.in_file_order()] == ["Dòng 1", "Dòng 6", "Dòng 11"]
    fix = {"ref": "Dòng 6", "qtype": "single_choice", "key": [1]}
    summary = import_commit("de.txt", AIKEN, bank, teacher, fixes={"2": fix})
    assert summary.created == 3
    prime = Question.objects.get(stem__contains="nguyên tố")
    assert [c.correct for c in prime.choices.order_by("sort_order")] == [False, True, False]
    entry = ModelLogEntry.objects.filter(action="question_bank.import").latest("pk")
    assert entry.data["fixes"][0]["resolved"] == ["thiếu dòng ANSWER"]
