"""Demo learning materials and smart library: hubs, lessons, e-lectures, 200 library items.

:func:`seed_content` runs last in ``accounts.demo.seed_demo``, after the question bank, because
lessons and e-lectures embed approved questions. It reuses the people of the lms demo (the
Sở admin, school librarians, teachers, students); without them (a bare curriculum, as in
the phone test) it publishes only the hubs, lessons and e-lectures, owned by nobody.

Deterministic for a seed and idempotent: a hub is matched by subject/grade, a page by its
slug, and the library by its featured shelf, which is created last in the same transaction.

Library items go through the admin's services (``library_item_save`` then
``library_item_publish``), so each has a revision, a live revision and audit log entries;
the 200 items take a few seconds on SQLite. Files are processed synchronously
(``library_item_process``) because the demo runs without a worker; the task queued by
``library_item_save`` on commit finds them processed (it is idempotent).
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
from django.db.models import Count
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, WorkflowState

from demo.people import DEMO_LESSONS, GIVEN, MIDDLE, SURNAMES
from accounts.models import Department, Gender, Role, User
from content.curation import ensure_curation_workflow, library_item_publish, library_item_save
from demo.texts import (
    COMMENTS,
    ELECTURES,
    EPUB_FILES,
    IMAGES,
    LESSONS,
    LIBRARY_URL,
    LINKS,
    PDF_FILES,
    TOAN10_EXTRA,
    TOPIC_DOCUMENTS,
)
from content.feedback import comment_add, rating_set
from content.feedback_models import Comment, Rating
from content.files import demo_epub, demo_pdf
from content.files.covers import library_item_cover
from content.files.pdf import font_path
from content.library_models import (
    CollectionEntry,
    CollectionKind,
    LibraryCollection,
    LibraryItem,
    ResourceType,
)
from content.models import ELecturePage, GradePage, HomePage, LessonPage, SubjectPage
from content.processing import library_item_process
from common.sharing import Licence, SharingScope
from curriculum.models import CurriculumLesson, Subject, Topic

LIBRARY_SIZE = 200
# Documents left submitted, all from the school of the librarian the demo prints (the first
# librarian), so that librarian's review queue holds every one the README promises.
REVIEW_QUEUE = 6
FEATURED_SLUG = "ke-sach-noi-bat"  # created last: its presence means the library is seeded
PRACTICE_QTYPES = ("single_choice", "true_false", "short_numeric")
YOUTUBE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
SUBJECTS = ["toan", "ngu-van", "tieng-anh", "vat-ly", "hoa-hoc", "lich-su"]
SCIENCES = ["toan", "vat-ly", "hoa-hoc"]
GRADES = (10, 11, 12)
CANH_DIEU_HCM = {"vat-ly", "hoa-hoc", "lich-su"}  # Cánh Diều titles printed by ĐHSP TP.HCM
HANH_TRANG_SO = "https://hanhtrangso.nxbgd.vn/sach/"
SERIES = ["Kết nối tri thức với cuộc sống", "Chân trời sáng tạo", "Cánh Diều"]
ENGLISH_SERIES = ["Global Success", "Friends Global", "Explore New Worlds"]
GDVN, DHSP, DHSP_HCM, DHQG = (
    "NXB Giáo dục Việt Nam",
    "NXB Đại học Sư phạm",
    "NXB Đại học Sư phạm TP.HCM",
    "NXB Đại học Quốc gia Hà Nội",
)
ISBN_PUBLISHER = {GDVN: "0", DHSP: "54", DHSP_HCM: "947", DHQG: "62"}  # 978-604-…
OPEN_LICENCES = [Licence.CC_BY_NC_SA, Licence.CC_BY, Licence.CC_BY_SA, Licence.EDUCATION]


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


def hubs_sync() -> list[SubjectPage]:
    """Subject and grade hubs generated from the curriculum tree.

    Under the home page, one published ``SubjectPage`` per subject that has topics, and
    under it one ``GradePage`` per grade of that subject's topics. Idempotent: hubs are
    matched by subject and by grade, existing ones are left as they are.
    """
    home = HomePage.objects.first()
    if home is None:
        return []
    hubs = []
    for subject in Subject.objects.annotate(n=Count("topics")).filter(n__gt=0):
        hub = SubjectPage.objects.filter(subject=subject).first()
        if hub is None:
            hub = SubjectPage(
                title=subject.name,
                slug=subject.code,
                subject=subject,
                intro=f"<p>Học liệu môn {subject.name} theo Chương trình GDPT 2018: bài học, "
                "bài giảng điện tử và tài nguyên thư viện cho từng khối lớp.</p>",
            )
            home.add_child(instance=hub)
            hub.save_revision().publish()
        grades = sorted(set(subject.topics.values_list("grade", flat=True)))
        for grade in grades:
            if not GradePage.objects.child_of(hub).filter(grade=grade).exists():
                page = GradePage(title=f"{subject.name} {grade}", slug=f"lop-{grade}", grade=grade)
                hub.add_child(instance=page)
                page.save_revision().publish()
        hubs.append(hub)
    return hubs


@transaction.atomic
def seed_content(*, seed: int = 2025, questions: bool = True) -> ContentSummary:
    """Create the demo materials that are missing; returns the totals.

    Precondition: the curriculum is loaded; for the library, ratings and scoped pages the
    people of ``accounts.demo`` exist; for embedded questions the demo question bank exists
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
    if people and not LibraryCollection.objects.filter(slug=FEATURED_SLUG).exists():
        items = _seed_library(rng, people)
        _seed_collections(rng, items)
        _seed_feedback(rng, people, items, pages)
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
    # The librarian accounts.demo prints is the first one; their school's teachers submit.
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
        from question_bank.models import Question, Status

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
            url = _youtube(rng)
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
        _publish_page(_grade_hub(topic.subject, topic.grade), page, when=now - _days(days))
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
                value["video"] = {"url": _youtube(rng), "file": None, "caption": content}
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
        _publish_page(_grade_hub(topic.subject, topic.grade), page, when=now - _days(2 + 4 * n))
        created.append(page)
    return created


def _document(title: str, paragraphs: list[str]):
    data = demo_pdf(title, paragraphs, pages=len(paragraphs))
    document = get_document_model()(
        title=title,
        file=ContentFile(data, name=f"{_slug(title)[:60]}.pdf"),
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
        file=ImageFile(io.BytesIO(data), name=f"{_slug(title)[:60]}.png"),
        collection=Collection.get_first_root_node(),
        file_size=len(data),
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )
    image.save()
    return image


# Library


def _seed_library(rng: random.Random, people: dict) -> list[LibraryItem]:
    specs = _LibraryPlan(rng, people).specs()
    now = timezone.now()
    items, processed = [], []
    for spec in specs:
        creator, curator = spec.pop("creator"), spec.pop("curator")
        topics, lessons = spec.pop("topics", []), spec.pop("lessons", [])
        file, submit = spec.pop("file", None), spec.pop("submit", False)
        item = LibraryItem(**spec)
        if file is None:  # files give their own cover (or a drawn one) when processed
            cover = library_item_cover(item)
            item.cover.save(f"{_slug(item.title)[:60]}.jpg", ContentFile(cover), save=False)
        item.topics = topics
        item.curriculum_lessons = lessons
        if file is not None:
            name, data = file
            item.file.save(name, ContentFile(data), save=False)
            item.file_kind, item.file_size = name.rsplit(".", 1)[1], len(data)
        library_item_save(item=item, user=creator, submit=submit)
        if not submit:
            library_item_publish(item=item, user=curator)
            when = now - _days(rng.randint(2, 700))
            item.first_published_at = item.last_published_at = when
            item.view_count = rng.randint(15, 2500)
            item.download_count = rng.randint(3, item.view_count // 4) if file else 0
            if file is not None:
                processed.append(item.pk)
        items.append(item)
    LibraryItem.objects.bulk_update(
        [i for i in items if i.first_published_at],
        ["first_published_at", "last_published_at", "view_count", "download_count"],
    )
    for pk in processed:
        library_item_process(item_id=pk)
    return items


class _LibraryPlan:
    """The library's items as model fields, plus ``creator``/``curator`` (who saves and who
    publishes), ``topics``, ``lessons`` (curriculum lessons), ``file``, ``submit``."""

    def __init__(self, rng: random.Random, people: dict):
        self.rng, self.people, self.so = rng, people, people["so"]
        self.subjects = {s.code: s for s in Subject.objects.filter(code__in=SUBJECTS)}
        self.topics: dict[tuple[str, int], list[Topic]] = {}
        for topic in Topic.objects.select_related("subject").order_by("sort_order"):
            self.topics.setdefault((topic.subject.code, topic.grade), []).append(topic)
        self.lessons = {
            c.code: c for c in CurriculumLesson.objects.select_related("topic__subject")
        }
        self.isbn = _IsbnMaker(rng)
        toan10 = [self.lessons[c] for c in sorted(self.lessons) if c.startswith("toan-10-")]
        # About a third of Toán 10 is covered: the lessons with pages, then a few more.
        with_pages = [c for c in LESSONS if c.startswith("toan-10-")]
        extra = TOAN10_EXTRA[: max(0, round(len(toan10) / 3) - len(with_pages))]
        self.covered = [b for b in toan10 if b.code in with_pages + extra]
        self.uncovered = [b for b in toan10 if b not in self.covered]

    def specs(self) -> list[dict]:
        specs = [
            *self.textbooks(),
            *self.references(),
            *self.pdfs(),
            *self.videos(),
            *self.audio(),
            *self.images(),
            *self.links(),
        ]
        specs += self.documents()[: LIBRARY_SIZE - len(specs)]
        if len(specs) != LIBRARY_SIZE:
            raise RuntimeError(f"demo library plan has {len(specs)} items, not {LIBRARY_SIZE}")
        if sum(bool(s.get("submit")) for s in specs) != REVIEW_QUEUE:
            raise RuntimeError(f"demo library plan does not leave {REVIEW_QUEUE} items waiting")
        _assign_scopes(specs, self.people["department"])
        for spec in specs:
            spec.setdefault("licence", OPEN_LICENCES[self.rng.randrange(len(OPEN_LICENCES))])
        return specs

    def textbooks(self) -> list[dict]:
        """Sách giáo khoa điện tử: 6 subjects × grades 10–12 × 3 series."""
        specs = []
        for code in SUBJECTS:
            for grade in (10, 11, 12):
                for s, series in enumerate(SERIES):
                    publisher = GDVN if s < 2 else (DHSP_HCM if code in CANH_DIEU_HCM else DHSP)
                    english = code == "tieng-anh"
                    title = (
                        f"{self.name(code)} {grade} – {ENGLISH_SERIES[s] if english else series}"
                    )
                    site = "https://hoc10.vn/doc-sach/" if s == 2 else HANH_TRANG_SO
                    specs.append(
                        {
                            "title": title + (f" (bộ sách {series})" if english else ""),
                            "resource_type": ResourceType.TEXTBOOK,
                            "authors": self.authors(4),
                            "publisher": publisher,
                            "year": 2012 + grade,  # GDPT 2018 reached grade 10 in 2022
                            "isbn": self.isbn.make(publisher),
                            "language": "en" if english else "vi",
                            "description": f"Sách giáo khoa {self.name(code)} lớp {grade} bộ sách "
                            f"“{series}”, biên soạn theo Chương trình giáo dục phổ thông 2018, "
                            "được Bộ GD&ĐT phê duyệt. Bản điện tử chỉ đọc trực tuyến.",
                            "subject": self.subjects.get(code),
                            "grade_min": grade,
                            "grade_max": grade,
                            "topics": [
                                t
                                for t in self.topics.get((code, grade), [])
                                if t.textbook in (series, ENGLISH_SERIES[s])
                            ],
                            "external_url": f"{site}{_slug(title)}",
                            "licence": Licence.READ_ONLY,
                            **self.by_department(),
                        }
                    )
        return specs

    def references(self) -> list[dict]:
        """Sách tham khảo, the last two as real EPUB files."""
        name = self.name
        refs = [
            (f"Bồi dưỡng học sinh giỏi {name(c)} {g}", c, g, g) for c in SCIENCES for g in GRADES
        ]
        refs += [(f"Bồi dưỡng học sinh giỏi Ngữ văn {g}", "ngu-van", g, g) for g in GRADES]
        refs += [(f"Ôn thi tốt nghiệp THPT 2025 môn {name(c)}", c, 12, 12) for c in SUBJECTS]
        refs += [(f"Bài tập {name(c)} {g}", c, g, g) for c in SCIENCES for g in GRADES]
        refs += [(f"Sổ tay kiến thức {name(c)} THPT", c, 10, 12) for c in SUBJECTS]
        refs += [
            (f"Hướng dẫn giải đề minh hoạ kì thi tốt nghiệp THPT 2025 môn {name(c)}", c, 12, 12)
            for c in SCIENCES
        ]
        specs = []
        for i, (title, code, gmin, gmax) in enumerate(refs):
            publisher = [GDVN, DHSP, DHSP_HCM, DHQG][i % 4]
            specs.append(
                {
                    "title": title,
                    "resource_type": ResourceType.REFERENCE,
                    "authors": self.authors(1 + i % 3),
                    "publisher": publisher,
                    "year": 2024 if "2025" in title else self.rng.randint(2018, 2025),
                    "isbn": self.isbn.make(publisher),
                    "description": f"{title}: tóm tắt lí thuyết, phương pháp giải theo dạng và "
                    "hệ thống bài tập có lời giải, bám sát Chương trình GDPT 2018.",
                    "subject": self.subjects.get(code),
                    "grade_min": gmin,
                    "grade_max": gmax,
                    "topics": self.topics.get((code, gmin), [])[:3],
                    "external_url": f"{LIBRARY_URL}/sach/{_slug(title)}",
                    "licence": [Licence.READ_ONLY, Licence.EDUCATION][i % 2],
                    **self.by_department(),
                }
            )
        for i, (title, code, grade, codes, chapters) in enumerate(EPUB_FILES):
            specs.append(
                self.doc(title, code, grade, self.by_school(i), authors=2)
                | {
                    "resource_type": ResourceType.REFERENCE,
                    "publisher": "Thư viện số Sở GD&ĐT Ninh Bình",
                    "description": f"Sách điện tử (EPUB) đọc tốt trên điện thoại: {title}.",
                    "lessons": self.lessons_of(codes),
                    # demo_epub has no cover image: processing draws one.
                    "file": (f"{_slug(title)[:60]}.epub", demo_epub(title, chapters)),
                    "external_url": "",
                    "licence": Licence.CC_BY_NC_SA,
                }
            )
        return specs

    def pdfs(self) -> list[dict]:
        return [
            self.doc(title, code, grade, self.by_school(i + 2), authors=2)
            | {
                "lessons": self.lessons_of(codes),
                "file": (f"{_slug(title)[:60]}.pdf", demo_pdf(title, paragraphs, pages=pages)),
                "external_url": "",
            }
            for i, (title, code, grade, codes, pages, paragraphs) in enumerate(PDF_FILES)
        ]

    def videos(self) -> list[dict]:
        def starting(prefix: str, n: int) -> list[CurriculumLesson]:
            return [self.lessons[c] for c in sorted(self.lessons) if c.startswith(prefix)][:n]

        lessons = [b for b in self.covered if b.code not in LESSONS][:6]
        lessons += starting("vat-ly-10-c02-", 8) + starting("hoa-hoc-10-c0", 6)
        lessons += starting("toan-12-c01-", 5) + starting("toan-12-c04-", 2)
        lessons += starting("vat-ly-12-c01-", 3) + starting("hoa-hoc-12-c01-", 2)
        specs = []
        for i, lesson in enumerate(lessons):
            subject, grade = lesson.topic.subject, lesson.topic.grade
            who = self.by_school(i)
            specs.append(
                self.doc(
                    f"Video bài giảng: {lesson.name} ({subject.name} {grade})",
                    subject.code,
                    grade,
                    who,
                )
                | {
                    "resource_type": ResourceType.VIDEO,
                    "description": f"Video bài giảng khoảng {self.rng.randint(8, 20)} phút cho "
                    f"“{lesson.name}”, có ví dụ minh hoạ và bài tập cuối video.",
                    "lessons": [lesson],
                    "external_url": _youtube(self.rng),
                }
            )
        return specs

    def audio(self) -> list[dict]:
        """Listening tracks of Tiếng Anh 10 (Global Success), one per unit."""
        specs = []
        for topic in self.topics.get(("tieng-anh", 10), []):
            if not topic.name.startswith("Unit"):
                continue
            title = f"{topic.name} – Listening (Tiếng Anh 10 Global Success)"
            specs.append(
                self.doc(title, "tieng-anh", 10, self.by_department(), authors=2)
                | {
                    "resource_type": ResourceType.AUDIO,
                    "publisher": GDVN,
                    "year": 2022,
                    "language": "en",
                    "description": f"Audio tracks for the listening lesson of {topic.name}, "
                    "with the transcript in the teacher's book.",
                    "topics": [topic],
                    "lessons": [b for b in topic.lessons.all() if b.name == "Listening"],
                    "external_url": f"{LIBRARY_URL}/audio/tieng-anh-10/{_slug(topic.name)}.mp3",
                    "licence": Licence.READ_ONLY,
                }
            )
        return specs

    def images(self) -> list[dict]:
        return [
            self.doc(title, code, grade, self.by_school(i + 5))
            | {
                "resource_type": ResourceType.IMAGE,
                "description": f"{title}: ảnh độ phân giải cao để chiếu trên lớp hoặc in khổ A3.",
                "topics": self.topics.get((code, grade), [])[chapter - 1 : chapter],
                "external_url": f"{LIBRARY_URL}/hinh-anh/{_slug(title)}.png",
            }
            for i, (title, code, grade, chapter) in enumerate(IMAGES)
        ]

    def links(self) -> list[dict]:
        return [
            {
                "title": title,
                "resource_type": ResourceType.LINK,
                "publisher": title.split(" – ")[-1] if " – " in title else "",
                "language": language,
                "description": description,
                "external_url": url,
                "licence": Licence.EDUCATION,
                **self.by_department(),
            }
            for title, url, language, description in LINKS
        ]

    def documents(self) -> list[dict]:
        """Teachers' documents without files, in the order they fill the library; the
        first :data:`REVIEW_QUEUE` of every fourth are left submitted, waiting for the
        printed librarian (their authors teach at that librarian's school)."""
        docs = [
            (f"Đề cương ôn tập {term} – {self.name(code)} {grade}", code, grade, [])
            for code in SCIENCES
            for grade in GRADES
            for term in ("cuối học kì I", "cuối học kì II")
        ]
        docs += [(f"Phiếu bài tập: {b.name} (Toán 10)", "toan", 10, [b]) for b in self.covered]
        docs += [(title, code, grade, []) for title, code, grade in TOPIC_DOCUMENTS]
        docs += [
            (f"Đề thi thử tốt nghiệp THPT 2025 môn {self.name(code)} – lần 1", code, 12, [])
            for code in SUBJECTS
        ]
        docs += [
            (f"Đề kiểm tra 15 phút: {b.name} (Toán 10)", "toan", 10, []) for b in self.uncovered
        ]
        specs, submitted = [], 0
        for i, (title, code, grade, lessons) in enumerate(docs):
            submit = i % 4 == 3 and submitted < REVIEW_QUEUE
            submitted += submit
            who = self.by_reviewer(submitted) if submit else self.by_school(i + 1)
            specs.append(
                self.doc(title, code, grade, who, authors=1 + i % 2)
                | {"lessons": lessons, "submit": submit}
            )
        return specs

    def doc(self, title: str, code: str, grade: int, who: dict, *, authors: int = 1) -> dict:
        """A teacher's document; the other kinds start from it and override fields."""
        return {
            "title": title,
            "resource_type": ResourceType.DOCUMENT,
            "authors": self.authors(authors),
            "publisher": who["creator"].school.name if who["creator"].school_id else "",
            "year": 2025,
            "description": f"{title}. Tài liệu do giáo viên biên soạn, tổ chuyên môn góp ý.",
            "subject": self.subjects.get(code),
            "grade_min": grade,
            "grade_max": grade,
            "external_url": f"{LIBRARY_URL}/tai-lieu/{_slug(title)[:80]}",
            **who,
        }

    def by_reviewer(self, i: int) -> dict:
        teachers = self.people["submitters"]
        return {"creator": teachers[i % len(teachers)], "curator": self.people["reviewer"]}

    def by_department(self) -> dict:
        return {"creator": self.so, "curator": self.so}

    def by_school(self, i: int) -> dict:
        teacher = self.people["teachers"][i % len(self.people["teachers"])]
        return {"creator": teacher, "curator": self.people["librarians"][teacher.school_id]}

    def authors(self, n: int) -> str:
        return "\n".join(_person(self.rng) for _ in range(n))

    def name(self, code: str) -> str:
        return self.subjects[code].name if code in self.subjects else code

    def lessons_of(self, codes: list[str]) -> list[CurriculumLesson]:
        return [self.lessons[c] for c in codes if c in self.lessons]


def _assign_scopes(specs: list[dict], department) -> None:
    """Mostly public; every 9th province-wide, every 23rd kept inside its school."""
    for i, spec in enumerate(specs):
        scope = SharingScope.PUBLIC
        if spec["resource_type"] != ResourceType.LINK and i % 9 == 4:
            scope = SharingScope.PROVINCE
        elif spec["creator"].school_id and i % 23 == 7:
            scope = SharingScope.SCHOOL
        if spec.get("submit"):
            scope = SharingScope.SCHOOL if i % 2 else SharingScope.PUBLIC
        spec["scope"] = scope
        if scope == SharingScope.PROVINCE:
            spec["department"] = department


def _seed_collections(rng: random.Random, items: list[LibraryItem]) -> None:
    """The shelves of the library home page, each with ordered entries."""
    live = [i for i in items if i.first_published_at and i.scope == SharingScope.PUBLIC]
    textbooks = [i for i in live if i.resource_type == ResourceType.TEXTBOOK]

    def reading(grade: int) -> list[LibraryItem]:
        books = [i for i in live if i.grade_min and i.grade_min <= grade <= i.grade_max]
        return [i for i in books if i.file or i.resource_type == ResourceType.REFERENCE][:6] + [
            i for i in books if i.resource_type == ResourceType.TEXTBOOK and SERIES[0] in i.title
        ][:4]

    shelves = [
        (
            "Kệ sách nổi bật",
            FEATURED_SLUG,
            CollectionKind.FEATURED,
            None,
            [i for i in live if i.file] + rng.sample(textbooks, 4),
        ),
        (
            "Mới cập nhật",
            "moi-cap-nhat",
            CollectionKind.NEW,
            None,
            sorted(live, key=lambda i: i.first_published_at, reverse=True)[:12],
        ),
        *(
            (
                f"Danh mục đọc lớp {g}",
                f"danh-muc-doc-lop-{g}",
                CollectionKind.READING_LIST,
                g,
                reading(g),
            )
            for g in GRADES
        ),
        (
            "Ôn thi tốt nghiệp THPT 2025",
            "on-thi-tot-nghiep-thpt-2025",
            CollectionKind.TOPIC,
            12,
            [i for i in live if "tốt nghiệp THPT" in i.title][:15],
        ),
    ]
    for order, (name, slug, kind, grade, entries) in enumerate(shelves, start=1):
        collection = LibraryCollection.objects.create(
            name=name,
            slug=slug,
            kind=kind,
            grade=grade,
            sort_order=order,
            description=f"{name}: tài nguyên do thủ thư Sở GD&ĐT Ninh Bình tuyển chọn.",
        )
        CollectionEntry.objects.bulk_create(
            CollectionEntry(
                collection=collection,
                item=item,
                sort_order=n,
                note="Có bản đọc trực tuyến" if item.file else "",
            )
            for n, item in enumerate(entries)
        )


def _seed_feedback(rng: random.Random, people: dict, items: list, pages: list) -> None:
    readers = people["students"] + people["teachers"]
    targets = [{"item": i} for i in items if i.first_published_at][::4]
    targets += [{"page": p} for p in pages]
    for n, target in enumerate(targets):
        for user in rng.sample(readers, rng.randint(2, 6)):
            rating_set(user=user, stars=rng.choice([3, 4, 4, 5, 5, 5]), **target)
        if n % 3 == 0:
            comment_add(user=rng.choice(readers), body=COMMENTS[n % len(COMMENTS)], **target)
    for page in pages:
        type(page).objects.filter(pk=page.pk).update(view_count=rng.randint(40, 900))


# Helpers


class _IsbnMaker:
    """Valid, distinct ISBN-13 of Vietnamese publishers (978-604-<publisher>-<title>-<check>)."""

    def __init__(self, rng: random.Random):
        self.next = {p: rng.randint(10, 90) for p in ISBN_PUBLISHER.values()}

    def make(self, publisher: str) -> str:
        code = ISBN_PUBLISHER.get(publisher, ISBN_PUBLISHER[GDVN])
        number = self.next[code]
        self.next[code] += 7
        title = f"{number:0{6 - len(code)}d}"
        body = f"978604{code}{title}"
        check = -sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(body)) % 10
        return f"978-604-{code}-{title}-{check}"


def _person(rng: random.Random) -> str:
    gender = rng.choice([Gender.MALE, Gender.FEMALE])
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"


def _youtube(rng: random.Random) -> str:
    video_id = "".join(rng.choice(YOUTUBE_CHARS) for _ in range(11))
    return f"https://www.youtube.com/watch?v={video_id}"


def _slug(text: str) -> str:
    return slugify(text.replace("đ", "d").replace("Đ", "D"))


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n, hours=n % 7)


# Data. Texts are written for this demo (no textbook is copied); LaTeX goes between \( \).
