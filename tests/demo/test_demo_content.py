"""Demo content that looks real (issue 16): the librarian's queue holds what the README
promises, grade 12 has lessons, library covers are drawn, the demo exam PDF is readable.

The full demo is seeded once for the module inside a transaction rolled back at the end.
"""

import re
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from PIL import Image

from accounts.models import Enrolment, Role, User
from content.library_models import LibraryItem
from content.models import GradePage, LessonPage
from demo.seed import seed_demo

pytestmark = pytest.mark.django_db
EXAM_TITLE = "Đề thi thử tốt nghiệp THPT 2025 môn Toán – Sở GD&ĐT Ninh Bình (có đáp án)"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = seed_demo()
        yield summary
        transaction.set_rollback(True)


def _printed(demo, role_label: str) -> User:
    username = next(u for label, u, _p in demo.logins if label.startswith(role_label))
    return User.objects.get(username=username)


# 1. The librarian's review queue


def _awaiting_rows(html: str) -> list[str]:
    """Rows of the dashboard's "awaiting your review" panel (Wagtail's id)."""
    start = html.find('id="awaiting-review-')
    if start < 0:
        return []
    tbody = html[start:].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<td class="title">(.*?)</td>', tbody, re.S)


def test_printed_librarian_sees_every_item_the_readme_says_is_waiting(client, demo):
    librarian = _printed(demo, "Thủ thư")
    assert librarian.role == Role.LIBRARIAN
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    promised = {int(n) for n in re.findall(r"(\d+) tài nguyên chờ thủ thư duyệt", readme)}
    assert len(promised) == 1, promised
    client.force_login(librarian)
    response = client.get("/admin/")
    assert response.status_code == 200
    rows = _awaiting_rows(response.content.decode())
    waiting = [i for i in LibraryItem.objects.filter(live=False) if i.workflow_in_progress]
    assert len(rows) == len(waiting) == promised.pop()
    for item in waiting:
        assert item.school_id == librarian.school_id
        assert any(escape(item.title) in row for row in rows), item.title


# 2. Grade 12 has lessons


def _lesson_entries(html: str) -> dict[str, str]:
    """Curriculum lesson name → the HTML listed under it on a grade hub."""
    chunks = html.split('<span class="topic__lesson-name">')[1:]
    return {
        c.split("</span>", 1)[0]: c.split("</span>", 1)[1].split("</li>\n", 1)[0] for c in chunks
    }


@pytest.mark.parametrize(
    ("code", "name"), [("toan", "Toán"), ("vat-ly", "Vật lí"), ("hoa-hoc", "Hoá học")]
)
def test_grade_12_student_sees_lessons_on_the_grade_12_hubs(client, demo, code, name):
    enrolment = Enrolment.objects.filter(school_class__grade=12).select_related("student").first()
    assert enrolment is not None, "the demo has a grade-12 student"
    client.force_login(enrolment.student)
    hub = GradePage.objects.live().get(grade=12, url_path__contains=f"/{code}/")
    response = client.get(hub.url)
    assert response.status_code == 200
    entries = _lesson_entries(response.content.decode())
    with_pages = {n: e for n, e in entries.items() if "<a href=" in e}
    assert len(with_pages) >= 3, f"{name} 12 lists only {sorted(with_pages)}"
    assert all("Chưa có học liệu" not in e for e in with_pages.values())
    lessons = LessonPage.objects.live().filter(subject__code=code, grade=12)
    assert lessons.count() >= 3
    for lesson in lessons:
        assert escape(lesson.curriculum_lesson.name) in with_pages
        page = client.get(lesson.url)
        assert page.status_code == 200, lesson.url
        assert {b.block_type for b in lesson.body} >= {"heading", "paragraph", "callout", "math"}


def test_toan_12_starts_with_the_first_lesson_of_ket_noi_tri_thuc(demo):
    first = LessonPage.objects.live().filter(subject__code="toan", grade=12)
    assert first.filter(title="Bài 1. Tính đơn điệu và cực trị của hàm số").exists()
    assert LessonPage.objects.filter(title="Bài 1. Cấu trúc của chất. Sự chuyển thể").exists()
    assert LessonPage.objects.filter(title="Bài 1. Ester – Lipid").exists()


# 3. Covers


def _cover(item: LibraryItem) -> Image.Image:
    with item.cover.open("rb") as fh:
        return Image.open(BytesIO(fh.read())).convert("RGB")


def _text_rows(image: Image.Image) -> int:
    """Bands of rows holding light (text) pixels on the darker cover: lines of text."""
    grey = image.convert("L")
    width, height = grey.size
    pixels = grey.load()
    bands, inside = 0, False
    for y in range(height):
        light = sum(1 for x in range(0, width, 2) if pixels[x, y] > 200)
        if light >= 3 and not inside:
            bands += 1
        inside = light >= 3
    return bands


def test_items_without_a_file_have_drawn_covers_coloured_by_subject(client, demo):
    fileless = LibraryItem.objects.filter(file="").select_related("subject")
    assert fileless.count() > 150
    assert not fileless.filter(cover="").exists()
    corner_by_subject: dict[str, set] = {}
    for item in fileless.filter(subject__code__in=["toan", "vat-ly", "hoa-hoc", "ngu-van"]):
        image = _cover(item)
        assert image.size[0] >= 300 and image.size[1] > image.size[0], item.title
        colours = image.getcolors(maxcolors=image.width * image.height)
        assert len(colours) > 50, item.title  # not a flat placeholder: text, antialiased
        assert _text_rows(image) >= 3, item.title  # title lines and the series/publisher line
        corner_by_subject.setdefault(item.subject.code, set()).add(image.getpixel((4, 4)))
    assert all(len(c) == 1 for c in corner_by_subject.values()), corner_by_subject
    colours = [next(iter(c)) for c in corner_by_subject.values()]
    assert len(set(colours)) == len(colours) == 4
    for epub in LibraryItem.objects.filter(file_kind="epub"):  # the file gave no cover
        image = _cover(epub)
        assert image.size == (360, 480) and _text_rows(image) >= 3, epub.title
    page = client.get("/thu-vien/").content.decode()
    assert "cover-placeholder" not in page
    cards = page.count('class="item-card"')
    assert cards and page.count("<img src=") >= cards


# 4. The demo exam PDF


def test_demo_exam_pdf_wraps_its_title_and_prints_every_option(demo):
    item = LibraryItem.objects.get(title=EXAM_TITLE)
    with item.file.open("rb") as fh:
        document = pdfium.PdfDocument(fh.read())
    text = ""
    for page in document:
        width, _height = page.get_size()
        textpage = page.get_textpage()
        for i in range(textpage.count_rects()):
            left, _bottom, right, _top = textpage.get_rect(i)
            assert left >= 0 and right <= width - 20, (left, right, width)
        text += textpage.get_text_bounded() + "\n"
    assert EXAM_TITLE in " ".join(text.split())  # the wrapped title reads whole
    part_one = text.split("Phần II.")[0]  # multiple choice; then true/false, short answers
    questions = re.split(r"(?=Câu \d+\.)", part_one)[1:]
    assert len(questions) >= 6
    for question in questions:
        positions = [question.find(f"{letter}. ") for letter in "ABCD"]
        assert all(p >= 0 for p in positions), question
        assert positions == sorted(positions), question
