"""Lesson and e-lecture pages: editor round-trips, what a student sees, and the learner
endpoints (answering embedded questions, e-lecture progress events)."""

import html
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.models import Role
from content.models import ELecturePage, GradePage, HomePage, LessonPage, SubjectPage
from curriculum.models import CurriculumLesson, LearningOutcome, Subject, Topic
from lms.models import LearningEvent
from question_bank.formats.base import Choice, ParsedQuestion, QType
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank, make_question

pytestmark = pytest.mark.django_db

QUADRATIC = r"x = \frac{-b \pm \sqrt{\Delta}}{2a}"
STEM = "Đạo hàm của hàm số \\(y = x^2\\) là"
SOLUTION = "Áp dụng công thức đạo hàm của lũy thừa: \\((x^n)' = n x^{n-1}\\)."


# --- data -------------------------------------------------------------------------------
def make_curriculum():
    subject, _ = Subject.objects.get_or_create(code="toan-thu", defaults={"name": "Toán"})
    topic = Topic.objects.create(
        subject=subject, grade=10, code="toan-thu-10-c01", name="Chương I. Mệnh đề"
    )
    lesson = CurriculumLesson.objects.create(
        topic=topic, code="toan-thu-10-c01-b01", name="Bài 1. Mệnh đề", sort_order=0
    )
    outcome = LearningOutcome.objects.create(
        lesson=lesson, code="toan-thu-10-c01-b01-a", text="Phát biểu được mệnh đề toán học."
    )
    return subject, topic, lesson, outcome


def approved_question(author, *, approve=True, qtype=QType.SINGLE_CHOICE, **parsed):
    """An approved single-choice question (key: A. 2x) with a solution, or a draft."""
    parsed.setdefault("stem", f"<p>{STEM}</p>")
    parsed.setdefault(
        "choices",
        [Choice(text=t, correct=i == 0) for i, t in enumerate(("2x", "x", "2", "x^2"))],
    )
    parsed.setdefault("solution", f"<p>{SOLUTION}</p>")
    bank = make_bank(author)
    return make_question(bank, author, ParsedQuestion(qtype=qtype, **parsed), approve=approve)


def publish_under(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def lesson_with(question, *, scope="public", school=None, show_solution=True, **fields):
    home = HomePage.objects.first()
    return publish_under(
        home,
        LessonPage(
            title=fields.pop("title", "Đạo hàm"),
            slug=fields.pop("slug", "dao-ham"),
            scope=scope,
            school=school,
            body=[("question", {"question": question, "show_solution": show_solution})],
            **fields,
        ),
    )


def electure_with(question, *, scope="public", school=None, slug="bai-giang-dao-ham"):
    home = HomePage.objects.first()
    sections = [
        (
            "section",
            {
                "title": "Khái niệm",
                "video": {"url": "https://youtu.be/dQw4w9WgXcQ", "file": None, "caption": ""},
                "checkpoints": [{"question": question, "after_slide": None, "at_second": None}],
            },
        ),
        (
            "section",
            {
                "title": "Luyện tập",
                "video": {"url": "https://vimeo.com/76979871", "file": None, "caption": ""},
                "checkpoints": [],
            },
        ),
    ]
    return publish_under(
        home,
        ELecturePage(
            title="Bài giảng đạo hàm", slug=slug, scope=scope, school=school, sections=sections
        ),
    )


def listblock(items):
    """ListBlock form data (the counterpart of wagtail's ``streamfield`` helper)."""
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
        for i, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def electure_data(content: str) -> dict:
    match = re.search(
        r'<script id="electure-data" type="application/json">(.*?)</script>', content, re.S
    )
    assert match, "the player data is in the page"
    return json.loads(match.group(1))


def block_messages(error) -> list[str]:
    """Every message inside a (nested) StreamField validation error."""
    found = []
    for child in (getattr(error, "block_errors", None) or {}).values():
        found += block_messages(child)
    for child in getattr(error, "non_block_errors", None) or []:
        found += block_messages(child)
    if not getattr(error, "block_errors", None) and not getattr(error, "non_block_errors", None):
        found += list(error.messages)
    return found


def check(client, version, payload, **extra):
    return client.post(
        reverse("question_check", args=[version.pk]),
        data=json.dumps(payload),
        content_type="application/json",
        **extra,
    )


# --- editor round-trips -------------------------------------------------------------------
class TestEditorRoundTrips(WagtailPageTestCase):
    def setUp(self):
        self.admin = get_user_model().objects.create_superuser(
            "quan-tri", "quan-tri@example.edu.vn", "mat-khau-thu"
        )
        self.client.force_login(self.admin)
        self.home = HomePage.objects.first()
        self.subject, self.topic, self.lesson, self.outcome = make_curriculum()
        self.teacher = make_user(role=Role.TEACHER, school=make_school())
        self.question = approved_question(self.teacher)

    def add_url(self, model, parent):
        return reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )

    def make_hubs(self):
        self.assertCanCreate(
            self.home,
            SubjectPage,
            nested_form_data(
                {
                    "title": "Toán",
                    "slug": "toan",
                    "subject": self.subject.pk,
                    "intro": rich_text("<p>Môn Toán theo Chương trình GDPT 2018.</p>"),
                }
            ),
        )
        hub = SubjectPage.objects.get(slug="toan")
        self.assertCanCreate(
            hub, GradePage, nested_form_data({"title": "Toán 10", "slug": "lop-10", "grade": 10})
        )
        return hub, GradePage.objects.get(slug="lop-10")

    def lesson_form(self, body, **fields):
        data = {
            "title": "Phương trình bậc hai",
            "slug": "phuong-trinh-bac-hai",
            "subject": self.subject.pk,
            "grade": 10,
            "curriculum_lesson": self.lesson.pk,
            "summary": "Công thức nghiệm và bài tập.",
            "body": streamfield(body),
            "scope": "public",
            "licence": "CC-BY-4.0",
        }
        data.update(fields)
        return nested_form_data(data)

    def test_page_tree(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {SubjectPage, LessonPage, ELecturePage})
        self.assertAllowedParentPageTypes(SubjectPage, {HomePage})
        self.assertAllowedSubpageTypes(SubjectPage, {GradePage})
        self.assertAllowedParentPageTypes(GradePage, {SubjectPage})
        self.assertAllowedSubpageTypes(GradePage, {LessonPage, ELecturePage})
        for model in (LessonPage, ELecturePage):
            self.assertAllowedParentPageTypes(model, {HomePage, GradePage})
            self.assertAllowedSubpageTypes(model, {})

    def test_hubs_are_created_in_the_editor_and_list_the_curriculum(self):
        hub, grade = self.make_hubs()
        self.assertCanCreate(
            grade, LessonPage, self.lesson_form([("heading", "I. Công thức nghiệm")])
        )

        subject_html = self.client.get(hub.url).content.decode()
        assert "Môn Toán theo Chương trình GDPT 2018." in subject_html
        assert f'href="{grade.url}"' in subject_html and "Lớp 10" in subject_html

        grade_html = self.client.get(grade.url).content.decode()
        assert "Chương I. Mệnh đề" in grade_html
        assert "Bài 1. Mệnh đề" in grade_html
        lesson = LessonPage.objects.get(slug="phuong-trinh-bac-hai")
        assert f'href="{lesson.url}"' in grade_html

        home_html = self.client.get(self.home.url).content.decode()
        assert f'href="{hub.url}"' in home_html
        assert f'href="{lesson.url}"' in home_html
        assert 'href="/thu-vien/"' in home_html

    def test_lesson_round_trip_renders_every_block(self):
        _hub, grade = self.make_hubs()
        photo = Image.objects.create(title="Đồ thị", file=get_test_image_file(size=(1600, 900)))
        clip = Document.objects.create(
            title="Video bài giảng", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="bai.mp4")
        )
        sheet = Document.objects.create(
            title="Phiếu học tập", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="phieu.pdf")
        )
        self.assertCanCreate(
            grade,
            LessonPage,
            self.lesson_form(
                [
                    ("heading", "I. Công thức nghiệm"),
                    (
                        "paragraph",
                        rich_text("<p>Khi \\(\\Delta > 0\\) phương trình có hai nghiệm.</p>"),
                    ),
                    ("math", {"latex": QUADRATIC, "display": "1"}),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "",
                            "body": rich_text("<p>Tính \\(\\Delta\\) trước tiên.</p>"),
                        },
                    ),
                    ("question", {"question": self.question.pk, "show_solution": "1"}),
                    ("image", {"image": photo.pk, "alt": "Đồ thị parabol", "caption": "Hình 1"}),
                    (
                        "video",
                        {"url": "https://youtu.be/dQw4w9WgXcQ", "file": "", "caption": "Mở đầu"},
                    ),
                    ("video", {"url": "", "file": clip.pk, "caption": ""}),
                    ("document", {"document": sheet.pk, "title": "Phiếu số 1"}),
                    (
                        "attachments",
                        {"title": "Tài liệu đính kèm", "documents": listblock([sheet.pk])},
                    ),
                ],
                outcomes=[self.outcome.pk],
            ),
        )
        page = LessonPage.objects.get(slug="phuong-trinh-bac-hai")
        assert page.live and page.get_parent().pk == grade.pk
        assert [b.block_type for b in page.body] == [
            "heading",
            "paragraph",
            "math",
            "callout",
            "question",
            "image",
            "video",
            "video",
            "document",
            "attachments",
        ]

        content = self.client.get(page.url).content.decode()
        # Math reaches KaTeX's auto-render as display LaTeX, and KaTeX is loaded.
        assert f"\\[{QUADRATIC}\\]" in content
        assert "\\(\\Delta &gt; 0\\)" in content or "\\(\\Delta > 0\\)" in content
        assert "vendor/katex/katex.min.js" in content and "math-scope" in content
        assert 'class="callout callout--tip"' in content and "Mẹo" in content
        assert "Phát biểu được mệnh đề toán học." in content  # Yêu cầu cần đạt
        assert 'href="https://creativecommons.org/licenses/by/4.0/"' in content
        # The practice question is there to answer, without its key or solution.
        version = self.question.versions.get()
        assert html.escape(STEM, quote=False) in content or STEM in content
        assert reverse("question_check", args=[version.pk]) in content
        assert f'name="q{self.question.pk}"' in content
        assert "is-correct" not in content
        assert "n x^{n-1}" not in content and "lũy thừa" not in content
        assert 'class="key"' not in content
        # Media: a responsive image, a lazy privacy-friendly embed, a native player, files.
        assert 'alt="Đồ thị parabol"' in content and "srcset=" in content
        assert "<figcaption>Hình 1</figcaption>" in content
        assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in content
        assert 'loading="lazy"' in content and "allowfullscreen" in content
        assert f'<video controls preload="metadata" playsinline src="{clip.url}"' in content
        assert f'href="{sheet.url}"' in content and "Phiếu số 1" in content and "(PDF, " in content

    def test_electure_round_trip_renders_sections_and_player_data(self):
        image = Image.objects.create(title="Trang 1", file=get_test_image_file())
        image2 = Image.objects.create(title="Trang 2", file=get_test_image_file(colour="red"))
        deck = Document.objects.create(
            title="Trang chiếu", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="slides.pdf")
        )
        clip = Document.objects.create(
            title="Thí nghiệm", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="tn.mp4")
        )
        self.assertCanCreate(
            self.home,
            ELecturePage,
            nested_form_data(
                {
                    "title": "Bài giảng: Đạo hàm",
                    "slug": "bai-giang-dao-ham",
                    "subject": self.subject.pk,
                    "grade": 10,
                    "summary": "Hai phần, có câu hỏi dừng.",
                    "objectives": rich_text("<p>Tính được đạo hàm của hàm lũy thừa.</p>"),
                    "duration_minutes": 20,
                    "scope": "public",
                    "licence": "CC-BY-SA-4.0",
                    "sections": streamfield(
                        [
                            (
                                "section",
                                {
                                    "title": "Khái niệm đạo hàm",
                                    "video": {
                                        "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                                        "file": "",
                                        "caption": "",
                                    },
                                    "slides_pdf": "",
                                    "slide_images": listblock([]),
                                    "notes": rich_text(""),
                                    "checkpoints": listblock(
                                        [
                                            {
                                                "question": self.question.pk,
                                                "after_slide": "",
                                                "at_second": "",
                                            }
                                        ]
                                    ),
                                },
                            ),
                            (
                                "section",
                                {
                                    "title": "Quy tắc tính",
                                    "video": {"url": "", "file": "", "caption": ""},
                                    "slides_pdf": "",
                                    "slide_images": listblock([image.pk, image2.pk]),
                                    "notes": rich_text("<p>Ghi chú cho học sinh.</p>"),
                                    "checkpoints": listblock(
                                        [
                                            {
                                                "question": self.question.pk,
                                                "after_slide": "1",
                                                "at_second": "",
                                            }
                                        ]
                                    ),
                                },
                            ),
                            (
                                "section",
                                {
                                    "title": "Trang chiếu PDF",
                                    "video": {"url": "", "file": "", "caption": ""},
                                    "slides_pdf": deck.pk,
                                    "slide_images": listblock([]),
                                    "notes": rich_text(""),
                                    "checkpoints": listblock([]),
                                },
                            ),
                            (
                                "section",
                                {
                                    "title": "Video thí nghiệm",
                                    "video": {"url": "", "file": clip.pk, "caption": ""},
                                    "slides_pdf": "",
                                    "slide_images": listblock([]),
                                    "notes": rich_text(""),
                                    "checkpoints": listblock(
                                        [
                                            {
                                                "question": self.question.pk,
                                                "after_slide": "",
                                                "at_second": "30",
                                            }
                                        ]
                                    ),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        page = ELecturePage.objects.get(slug="bai-giang-dao-ham")
        assert len(page.sections) == 4

        content = self.client.get(page.url).content.decode()
        assert "Thời lượng: 20 phút" in content
        assert "Tính được đạo hàm của hàm lũy thừa." in content
        assert "Khái niệm đạo hàm" in content and "Quy tắc tính" in content
        assert "Phần trước" in content and "Phần sau" in content
        assert "content/electure.js" in content
        assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in content
        assert 'loading="lazy"' in content and "allowfullscreen" in content
        assert content.count('class="checkpoint"') == 3
        assert f'data-slides-pdf="{deck.url}"' in content
        assert f'src="{clip.url}"' in content
        assert "is-correct" not in content and "n x^{n-1}" not in content

        version = self.question.versions.get()
        data = electure_data(content)
        assert data["page"] == page.pk
        assert data["eventUrl"] == reverse("electure_event", args=[page.pk])
        assert data["pdfjs"]["src"].endswith("vendor/pdfjs/pdf.min.mjs")
        first, second, third, fourth = data["sections"]
        assert first["kind"] == "embed"
        assert first["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
        assert first["checkpoints"] == [
            {"index": 0, "version": version.pk, "afterSlide": None, "atSecond": None}
        ]
        assert second["kind"] == "images" and len(second["images"]) == 2
        assert second["checkpoints"][0]["afterSlide"] == 1
        assert (third["kind"], third["pdfUrl"], third["checkpoints"]) == ("pdf", deck.url, [])
        assert (fourth["kind"], fourth["videoUrl"]) == ("video", clip.url)
        assert fourth["checkpoints"][0]["atSecond"] == 30

    def post_invalid(self, model, parent, data):
        count = model.objects.count()
        response = self.client.post(self.add_url(model, parent), data)
        assert response.status_code == 200
        assert model.objects.count() == count
        form = response.context["form"]
        return form.errors

    def test_block_validation_errors_are_reported(self):
        video_file = Document.objects.create(
            title="Video", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="bai-1.mp4")
        )
        errors = self.post_invalid(
            LessonPage,
            self.home,
            self.lesson_form(
                [
                    (
                        "video",
                        {
                            "url": "https://youtu.be/dQw4w9WgXcQ",
                            "file": video_file.pk,
                            "caption": "",
                        },
                    )
                ]
            ),
        )
        messages = block_messages(errors["body"].as_data()[0])
        assert "Chọn đúng một nguồn: liên kết hoặc tệp tải lên." in messages

        draft = approved_question(self.teacher, approve=False)
        errors = self.post_invalid(
            ELecturePage,
            self.home,
            nested_form_data(
                {
                    "title": "Bài giảng lỗi",
                    "slug": "bai-giang-loi",
                    "duration_minutes": 10,
                    "scope": "public",
                    "licence": "CC-BY-4.0",
                    "objectives": rich_text(""),
                    "sections": streamfield(
                        [
                            (
                                "section",
                                {
                                    "title": "Không có nội dung",
                                    "video": {"url": "", "file": "", "caption": ""},
                                    "slides_pdf": "",
                                    "slide_images": listblock([]),
                                    "notes": rich_text(""),
                                    "checkpoints": listblock([]),
                                },
                            ),
                            (
                                "section",
                                {
                                    "title": "Câu hỏi chưa duyệt",
                                    "video": {
                                        "url": "https://youtu.be/dQw4w9WgXcQ",
                                        "file": "",
                                        "caption": "",
                                    },
                                    "slides_pdf": "",
                                    "slide_images": listblock([]),
                                    "notes": rich_text(""),
                                    "checkpoints": listblock(
                                        [{"question": draft.pk, "after_slide": "", "at_second": ""}]
                                    ),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        messages = block_messages(errors["sections"].as_data()[0])
        assert (
            "Mỗi phần cần đúng một nội dung: video, PDF trang chiếu, ảnh hoặc gói bài giảng."
            in messages
        )
        assert "Chỉ dùng câu hỏi đã được duyệt." in messages


# --- the question check endpoint -----------------------------------------------------------
@pytest.fixture
def school():
    return make_school()


@pytest.fixture
def teacher(school):
    return make_user(role=Role.TEACHER, school=school)


@pytest.fixture
def student(school):
    return make_user(role=Role.STUDENT, school=school)


@pytest.fixture
def question(teacher):
    return approved_question(teacher)


@pytest.fixture
def version(question):
    return question.versions.order_by("-number").first()


def test_a_student_answers_a_practice_question_right_then_wrong(client, student, question, version):
    page = lesson_with(question)
    client.force_login(student)

    right = check(client, version, {"response": 0, "page": page.pk, "section": None})
    assert right.status_code == 200
    assert right.json() == {
        "correct": True,
        "graded": True,
        "score": "1",
        "key": "A. 2x",
        "solution_html": f"<p>{SOLUTION}</p>",
        "retry_left": None,
        "hint_html": "",
        "key_seen": False,
        "passed": True,
        "progress": None,
    }
    wrong = check(client, version, {"response": 2, "page": page.pk, "checkpoint": False})
    assert wrong.status_code == 200
    assert wrong.json()["correct"] is False and wrong.json()["score"] == "0"
    # Answered right before: the key stays shown.
    assert wrong.json()["key"] == "A. 2x" and wrong.json()["retry_left"] is None

    events = list(LearningEvent.objects.filter(user=student).order_by("pk"))
    assert [(e.kind, e.page_id, e.section, e.question_version_id) for e in events] == [
        ("question_answered", page.pk, None, version.pk),
        ("question_answered", page.pk, None, version.pk),
    ]
    assert [str(e.score.normalize()) for e in events] == ["1", "0"]
    assert [e.data["response"] for e in events] == [0, 2]


def test_the_teacher_may_keep_the_solution_back(client, student, question, version):
    page = lesson_with(question, show_solution=False)
    client.force_login(student)
    reply = check(client, version, {"response": 1, "page": page.pk}).json()
    assert reply["key"] == "" and reply["solution_html"] == ""


def test_anonymous_visitors_check_answers_on_public_pages_without_a_trace(
    client, question, version
):
    page = lesson_with(question)
    reply = check(client, version, {"response": 0, "page": page.pk})
    assert reply.status_code == 200 and reply.json()["correct"] is True
    assert not LearningEvent.objects.exists()


def test_bad_answers_are_refused_in_vietnamese(client, student, question, version):
    page = lesson_with(question)
    client.force_login(student)
    for response, message in [
        ("abc", "Phương án đã chọn không tồn tại."),
        (7, "Phương án đã chọn không tồn tại."),
        (True, "Phương án đã chọn không tồn tại."),
        (None, "Hãy chọn một phương án."),
    ]:
        reply = check(client, version, {"response": response, "page": page.pk})
        assert reply.status_code == 400
        assert reply.json() == {"error": message}
    garbage = client.post(
        reverse("question_check", args=[version.pk]), data="{", content_type="application/json"
    )
    assert garbage.status_code == 400 and "JSON" in garbage.json()["error"]
    assert check(client, version, {"response": 0}).status_code == 400  # no page
    assert not LearningEvent.objects.exists()


def test_only_questions_embedded_in_a_viewable_page_can_be_checked(
    client, student, teacher, question, version
):
    page = lesson_with(question)
    client.force_login(student)
    other = approved_question(teacher).versions.get()
    assert check(client, other, {"response": 0, "page": page.pk}).status_code == 404
    assert check(client, version, {"response": 0, "page": 999_999}).status_code == 404
    home = HomePage.objects.first()
    assert check(client, version, {"response": 0, "page": home.pk}).status_code == 404

    # A school-only lesson of another school does not exist for this student.
    other_school = make_school()
    hidden = lesson_with(question, scope="school", school=other_school, slug="bai-truong-khac")
    assert check(client, version, {"response": 0, "page": hidden.pk}).status_code == 404
    insider = make_user(role=Role.STUDENT, school=other_school)
    client.force_login(insider)
    assert check(client, version, {"response": 0, "page": hidden.pk}).status_code == 200
    assert not LearningEvent.objects.filter(user=student).exists()
    assert LearningEvent.objects.filter(user=insider).count() == 1


def test_checkpoints_are_checked_in_their_section(client, student, question, version):
    page = electure_with(question)
    client.force_login(student)
    reply = check(
        client, version, {"response": 3, "page": page.pk, "section": 0, "checkpoint": True}
    )
    assert reply.status_code == 200
    # A first wrong answer: no key yet (the block reveals it after two tries).
    assert reply.json()["correct"] is False and reply.json()["key"] == ""
    assert reply.json()["solution_html"] == "" and reply.json()["retry_left"] == 1
    event = LearningEvent.objects.get(user=student)
    assert (event.kind, event.section, event.question_version_id) == (
        "checkpoint_answered",
        0,
        version.pk,
    )
    assert check(client, version, {"response": 0, "page": page.pk, "section": 1}).status_code == 404
    assert check(client, version, {"response": 0, "page": page.pk}).status_code == 400
    assert LearningEvent.objects.count() == 1


def test_answers_need_the_csrf_token(student, question, version):
    page = lesson_with(question)
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    assert check(client, version, {"response": 0, "page": page.pk}).status_code == 403


def test_lesson_page_shows_the_question_without_its_key(client, student, question, version):
    page = lesson_with(question)
    client.force_login(student)
    content = client.get(page.url).content.decode()
    assert 'data-qtype="single_choice"' in content
    assert f'data-version="{version.pk}"' in content
    assert "is-correct" not in content and "n x^{n-1}" not in content
    assert "content/question.js" in content


def test_ordering_items_are_shown_shuffled_and_marked_in_the_original_order(client, teacher):
    items = ["Ra-đi-ô", "Ti-vi", "Máy tính cá nhân", "Điện thoại thông minh"]
    question = approved_question(
        teacher,
        qtype=QType.ORDERING,
        stem="<p>Sắp xếp theo thời gian ra đời.</p>",
        choices=[Choice(text=t, correct=True) for t in items],
    )
    version = question.versions.get()
    page = lesson_with(question, slug="sap-xep")
    content = client.get(page.url).content.decode()
    shown = re.findall(r"<ol class=\"ordering\">(.*?)</ol>", content, re.S)[0]
    positions = [shown.index(t) for t in items]
    assert positions != sorted(positions), "the page must not show the answer order"

    order = sorted(range(len(items)), key=lambda i: positions[i])  # shown → original
    right = [order.index(i) for i in range(len(items))]  # shown positions, in key order
    reply = check(client, version, {"response": right, "page": page.pk})
    assert reply.json()["correct"] is True
    reply = check(client, version, {"response": [0, 1, 2, 3], "page": page.pk})
    assert reply.json()["correct"] is False
    assert check(client, version, {"response": [0, 0, 1, 2], "page": page.pk}).status_code == 400


# --- the e-lecture event endpoint -----------------------------------------------------------
def post_event(client, page, payload):
    return client.post(
        reverse("electure_event", args=[page.pk]),
        data=json.dumps(payload),
        content_type="application/json",
    )


def test_electure_events_are_stored_for_signed_in_learners(client, student, question):
    page = electure_with(question)
    client.force_login(student)
    assert post_event(client, page, {"kind": "section_started", "section": 0}).status_code == 204
    assert post_event(client, page, {"kind": "section_completed", "section": 1}).status_code == 204
    assert post_event(client, page, {"kind": "completed", "section": 1}).status_code == 204
    events = LearningEvent.objects.filter(user=student, page=page).order_by("pk")
    assert list(events.values_list("kind", "section")) == [
        ("section_started", 0),
        ("section_completed", 1),
        ("completed", 1),
    ]
    assert post_event(client, page, {"kind": "section_started", "section": 2}).status_code == 400
    assert post_event(client, page, {"kind": "view", "section": 0}).status_code == 400
    assert events.count() == 3


def test_electure_events_need_a_viewable_electure(client, student, question):
    lesson = lesson_with(question)
    client.force_login(student)
    assert post_event(client, lesson, {"kind": "section_started", "section": 0}).status_code == 404
    hidden = electure_with(question, scope="school", school=make_school(), slug="bg-khac")
    assert post_event(client, hidden, {"kind": "section_started", "section": 0}).status_code == 404
    client.logout()
    page = electure_with(question, slug="bg-cong-khai")
    assert post_event(client, page, {"kind": "section_started", "section": 0}).status_code == 204
    assert not LearningEvent.objects.exists()
