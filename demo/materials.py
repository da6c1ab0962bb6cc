"""Demo learning materials: hubs, lessons and e-lectures, then the library (demo.library).

:func:`seed_content` runs last in ``demo.seed.seed_demo``, after the question bank, because
lessons and e-lectures embed approved questions. It reuses the people of ``demo.people``
(the Sở admin, school librarians, teachers, students); without them (a bare curriculum, as
in the phone test) it publishes only the hubs, lessons and e-lectures, owned by nobody.

Deterministic for a seed and idempotent: a hub is matched by subject/grade, a page by its
slug, and the library by its featured shelf, which is created last in the same transaction.
The texts are ``demo/data/materials/*.yaml`` (read by :mod:`demo.texts`).
"""

import datetime as dt
import hashlib
import io
import random
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, WorkflowState

from accounts.models import Department, Role, User
from common.sharing import SharingScope
from content.curation import ensure_curation_workflow
from content.feedback_models import Comment, Rating
from content.files import demo_pdf
from content.files.pdf import font_path
from content.hubs import hubs_sync
from content.library_models import LibraryCollection, LibraryItem
from content.models import ELecturePage, GradePage, HomePage, LessonPage, SubjectPage
from curriculum.models import CurriculumLesson, Subject, Topic
from demo.helpers import OPEN_LICENCES, published_ago, slug_of, youtube_url
from demo.library import library_exists, seed_library
from demo.texts import DEMO_LESSONS, ELECTURES, LESSONS
from question_bank.models import Question, Status

PRACTICE_QTYPES = ("single_choice", "true_false", "short_numeric")


@dataclass
class ContentSummary:
    """What the demo materials hold now (totals in the database, not just this run)."""

    created: bool
    subject_hubs: int
    grade_hubs: int
    lessons: int
    electures: int
    library_items: int
    library_live: int
    library_submitted: int
    library_files: int
    collections: int
    ratings: int
    comments: int

    def line(self) -> str:
        return (
            f"Học liệu: {self.subject_hubs} trang môn, {self.grade_hubs} trang khối, "
            f"{self.lessons} bài học, {self.electures} bài giảng điện tử; thư viện "
            f"{self.library_items} tài nguyên ({self.library_live} đã xuất bản, "
            f"{self.library_submitted} chờ duyệt, {self.library_files} có tệp), "
            f"{self.collections} bộ sưu tập, {self.ratings} đánh giá, {self.comments} nhận xét."
        )


def content_summary(*, created: bool = False) -> ContentSummary:
    return ContentSummary(
        created=created,
        subject_hubs=SubjectPage.objects.count(),
        grade_hubs=GradePage.objects.count(),
        lessons=LessonPage.objects.live().count(),
        electures=ELecturePage.objects.live().count(),
        library_items=LibraryItem.objects.count(),
        library_live=LibraryItem.objects.filter(live=True).count(),
        library_submitted=WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(LibraryItem))
        .count(),
        library_files=LibraryItem.objects.exclude(file="").count(),
        collections=LibraryCollection.objects.count(),
        ratings=Rating.objects.count(),
        comments=Comment.objects.count(),
    )


@transaction.atomic
def seed_content(*, seed: int = 2025, questions: bool = True) -> ContentSummary:
    """Create the demo materials that are missing; returns the totals.

    Precondition: the curriculum is loaded; for the library, ratings and scoped pages the
    people of ``demo.people`` exist; for embedded questions the demo question bank exists
    (``questions=False`` publishes lessons and e-lectures without any).
    """
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    if HomePage.objects.first() is None:
        return content_summary()
    ensure_curation_workflow()
    hubs_sync()
    people = _people()
    picker = _QuestionPicker(rng, enabled=questions)
    pages = _seed_lessons(rng, people, picker)
    pages += _seed_electures(rng, people, picker)
    created = False
    if people and not library_exists():
        seed_library(rng, people, pages)
        created = True
    return content_summary(created=created or bool(pages))


# People and questions


def _people() -> dict | None:
    department = Department.objects.filter(code="NB").first()
    if department is None:
        return None
    staff = User.objects.filter(department=department) | User.objects.filter(
        school__department=department
    )
    teachers = list(
        staff.filter(role=Role.TEACHER, school__code__in=["27001", "27002"]).order_by("username")
    )
    librarians = {u.school_id: u for u in staff.filter(role=Role.LIBRARIAN).order_by("pk")}
    admin = staff.filter(role=Role.DEPARTMENT_ADMIN, school__isnull=True, is_superuser=False)
    students = list(User.objects.filter(role=Role.STUDENT).order_by("username")[:150])
    if not teachers or not librarians or not admin.exists():
        return None
    # The librarian demo.people prints is the first one; their school's teachers submit.
    reviewer = next(iter(librarians.values()))
    return {
        "department": department,
        "so": admin.order_by("pk").first(),
        "teachers": teachers,
        "librarians": librarians,
        "reviewer": reviewer,
        "submitters": [t for t in teachers if t.school_id == reviewer.school_id] or teachers,
        "students": students,
    }


class _QuestionPicker:
    """Approved, non-confidential practice questions of a topic (else its subject/grade)."""

    def __init__(self, rng: random.Random, *, enabled: bool):
        self.rng, self.enabled, self.cache = rng, enabled, {}

    def pick(self, topic: Topic, n: int) -> list[int]:
        if not self.enabled:
            return []
        if topic.pk not in self.cache:
            base = Question.objects.filter(
                live=True,
                status=Status.APPROVED,
                bank__confidential=False,
                stimulus__isnull=True,
                qtype__in=PRACTICE_QTYPES,
            ).order_by("pk")
            ids = list(base.filter(topic=topic).values_list("pk", flat=True))
            ids = ids or list(
                base.filter(subject=topic.subject, grade=topic.grade).values_list("pk", flat=True)
            )
            self.cache[topic.pk] = ids
        ids = self.cache[topic.pk]
        return self.rng.sample(ids, min(n, len(ids)))


# Pages


def _grade_hub(subject: Subject, grade: int) -> Page:
    """Where a material of a subject and grade lives: its grade hub (else the home page)."""
    hub = SubjectPage.objects.filter(subject=subject).first()
    grade_hub = GradePage.objects.child_of(hub).filter(grade=grade).first() if hub else None
    return grade_hub or HomePage.objects.first()


def _publish_page(parent: Page, page, *, when: dt.datetime, user=None) -> None:
    page.first_published_at = when
    parent.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    Page.objects.filter(pk=page.pk).update(last_published_at=when)


def _area(page, scope: str, people: dict | None, author) -> None:
    """Scope a page (public when the demo people are missing)."""
    if people is None or scope == SharingScope.PUBLIC:
        page.scope = SharingScope.PUBLIC
        return
    page.scope = scope
    page.department = people["department"]
    if scope == SharingScope.SCHOOL:
        page.school = author.school


def _seed_lessons(rng: random.Random, people: dict | None, picker: _QuestionPicker) -> list:
    summaries = dict(DEMO_LESSONS)
    now = timezone.now()
    created = []
    for n, (code, spec) in enumerate(LESSONS.items()):
        lesson = CurriculumLesson.objects.select_related("topic__subject").filter(code=code).first()
        if lesson is None or LessonPage.objects.filter(slug=code).exists():
            continue
        topic = lesson.topic
        author = people["teachers"][n % len(people["teachers"])] if people else None
        body = [
            {"type": "heading", "value": "I. Kiến thức trọng tâm"},
            {"type": "paragraph", "value": _para(spec["intro"])},
            {"type": "callout", "value": _callout("definition", *spec["definition"])},
            *({"type": "math", "value": {"latex": f, "display": True}} for f in spec["math"]),
            {"type": "heading", "value": "II. Ví dụ minh hoạ"},
            {"type": "callout", "value": _callout("example", *spec["example"])},
        ]
        if spec.get("tip"):
            body.append({"type": "callout", "value": _callout("tip", "Mẹo", spec["tip"])})
        if spec.get("video"):
            url = youtube_url(rng)
            video = {"url": url, "file": None, "caption": spec["video"]}
            body.append({"type": "video", "value": video})
        qids = picker.pick(topic, 2)
        if qids:
            body.append({"type": "heading", "value": "III. Luyện tập"})
            body += [
                {"type": "question", "value": {"question": q, "show_solution": True}} for q in qids
            ]
        page = LessonPage(
            title=lesson.name,
            slug=code,
            owner=author,
            subject=topic.subject,
            grade=topic.grade,
            curriculum_lesson=lesson,
            summary=(summaries.get(code) or spec["summary"])[:300],
            body=body,
            licence=OPEN_LICENCES[n % len(OPEN_LICENCES)],
        )
        _area(page, spec.get("scope", SharingScope.PUBLIC), people, author)
        # The six lessons of the original demo are the newest: the home page lists them.
        days = 1 + list(summaries).index(code) if code in summaries else 10 + 3 * n
        _publish_page(_grade_hub(topic.subject, topic.grade), page, when=now - published_ago(days))
        created.append(page)
    return created


def _callout(kind: str, title: str, body: str) -> dict:
    return {"kind": kind, "title": title, "body": _para(body)}


def _para(text: str) -> str:
    """Rich text (Wagtail's HTML) of plain text: escaped, since LaTeX holds ``<`` and ``&``."""
    return f"<p>{escape(text)}</p>"


def _seed_electures(rng: random.Random, people: dict | None, picker: _QuestionPicker) -> list:
    now = timezone.now()
    created = []
    for n, spec in enumerate(ELECTURES):
        slug = f"bai-giang-{spec['lesson']}"
        lessons = CurriculumLesson.objects.select_related("topic__subject")
        lesson = lessons.filter(code=spec["lesson"]).first()
        if lesson is None or ELecturePage.objects.filter(slug=slug).exists():
            continue
        topic = lesson.topic
        author = people["teachers"][(n * 3) % len(people["teachers"])] if people else None
        sections = []
        for s, (title, kind, content) in enumerate(spec["sections"], start=1):
            value = {"title": title, "video": {"url": "", "file": None, "caption": ""}}
            value |= {"slides_pdf": None, "slide_images": [], "notes": "", "checkpoints": []}
            slides = 0
            if kind == "pdf":
                value["slides_pdf"] = _document(f"{spec['title']} – Phần {s}", content).pk
                slides = len(content)
            elif kind == "images":
                value["slide_images"] = [
                    _slide_image(f"{spec['title']} – Phần {s} – Trang {i}", head, lines).pk
                    for i, (head, lines) in enumerate(content, start=1)
                ]
                slides = len(content)
            else:
                value["video"] = {"url": youtube_url(rng), "file": None, "caption": content}
            value["notes"] = _para(spec["notes"][s - 1])
            value["checkpoints"] = [
                {"question": q, "after_slide": slides or None, "at_second": None}
                for q in picker.pick(topic, 1 + (s % 2))
            ]
            sections.append({"type": "section", "value": value})
        page = ELecturePage(
            title=spec["title"],
            slug=slug,
            owner=author,
            subject=topic.subject,
            grade=topic.grade,
            curriculum_lesson=lesson,
            summary=spec["summary"],
            objectives="<ul>"
            + "".join(f"<li>{escape(o)}</li>" for o in spec["objectives"])
            + "</ul>",
            duration_minutes=spec["minutes"],
            sections=sections,
            licence=OPEN_LICENCES[n % len(OPEN_LICENCES)],
        )
        _area(page, spec.get("scope", SharingScope.PUBLIC), people, author)
        _publish_page(
            _grade_hub(topic.subject, topic.grade), page, when=now - published_ago(2 + 4 * n)
        )
        created.append(page)
    return created


def _document(title: str, paragraphs: list[str]):
    data = demo_pdf(title, paragraphs, pages=len(paragraphs))
    document = get_document_model()(
        title=title,
        file=ContentFile(data, name=f"{slug_of(title)[:60]}.pdf"),
        collection=Collection.get_first_root_node(),
        file_size=len(data),
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )
    document.save()
    return document


def _drawing(heading: str, lines: list[str], *, size=(800, 450), fmt="PNG") -> bytes:
    """A slide: a coloured title bar, then one line of text per item."""
    from PIL import Image, ImageDraw, ImageFont

    font = str(font_path())
    im = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, 0, size[0], 80), fill=(24, 90, 157))
    draw.text((32, 22), heading, font=ImageFont.truetype(font, 30), fill="white")
    body = ImageFont.truetype(font, 24)
    for i, line in enumerate(lines):
        draw.text((40, 120 + i * 48), f"• {line}", font=body, fill=(33, 37, 41))
    out = io.BytesIO()
    im.save(out, fmt, optimize=True)
    return out.getvalue()


def _slide_image(title: str, heading: str, lines: list[str]):
    data = _drawing(heading, lines)
    image = get_image_model()(
        title=title,
        file=ImageFile(io.BytesIO(data), name=f"{slug_of(title)[:60]}.png"),
        collection=Collection.get_first_root_node(),
        file_size=len(data),
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )
    image.save()
    return image
