"""Images carried by imported questions: validated and shrunk by Pillow, stored with the question."""

import io

import pytest
from PIL import Image

from accounts.models import Role
from question_bank.formats import moodle_xml
from question_bank.formats.base import Choice, ParsedQuestion, QType
from question_bank.importing import ImportBlocked, build_preview, import_commit
from question_bank.models import Question, QuestionImage
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank

pytestmark = pytest.mark.django_db


def png(width, height) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def question_with(asset: bytes, name="hinh1.png") -> ParsedQuestion:
    return ParsedQuestion(
        qtype=QType.SINGLE_CHOICE,
        stem=f'<p>Quan sát hình vẽ: <img src="asset:{name}" alt="hình 1"></p>',
        choices=[Choice(text="Tam giác đều", correct=True), Choice(text="Hình vuông")],
        assets={name: asset},
    )


@pytest.fixture
def teacher_bank():
    teacher = make_user(role=Role.TEACHER, school=make_school())
    return teacher, make_bank(teacher)


def test_large_image_is_resized_and_stored_once(teacher_bank):
    teacher, bank = teacher_bank
    data = moodle_xml.export([question_with(png(3000, 1500)), question_with(png(3000, 1500))])
    import_commit("hinh.xml", data, bank, teacher)
    image = QuestionImage.objects.get()
    assert (image.width, image.height) == (1600, 800)
    with image.file.open("rb") as fh:
        assert Image.open(fh).size == (1600, 800)
    for q in Question.objects.all():
        assert f'src="{image.file.url}"' in q.stem


def test_fake_image_refuses_the_whole_file(teacher_bank):
    teacher, bank = teacher_bank
    good = question_with(png(10, 10), "tot.png")
    bad = question_with(b"<svg onload=alert(1)>", "xau.png")
    data = moodle_xml.export([good, bad])
    with pytest.raises(ImportBlocked) as exc:
        import_commit("hinh.xml", data, bank, teacher)
    assert "xau.png" in str(exc.value.problems)
    assert not Question.objects.exists() and not QuestionImage.objects.exists()
    preview, _ = build_preview("hinh.xml", data, bank, teacher)
    assert preview.total == 1
    assert any("xau.png" in e and "không phải ảnh hợp lệ" in e for e in preview.errors)
