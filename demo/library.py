"""The demo smart library: 200 items of every type, shelves, ratings and comments.

Library items go through the admin's services (``library_item_save`` then
``library_item_publish``), so each has a revision, a live revision and audit log entries;
the 200 items take a few seconds on SQLite. Files are processed synchronously
(``library_item_process``) because the demo runs without a worker; the task queued by
``library_item_save`` on commit finds them processed (it is idempotent).
"""

import random

from django.core.files.base import ContentFile
from django.utils import timezone

from common.sharing import Licence, SharingScope
from content.curation import library_item_publish, library_item_save
from content.feedback import comment_add, rating_set
from content.files import demo_epub, demo_pdf
from content.files.covers import library_item_cover
from content.library_models import (
    CollectionEntry,
    CollectionKind,
    LibraryCollection,
    LibraryItem,
    ResourceType,
)
from content.processing import library_item_process
from curriculum.models import CurriculumLesson, Subject, Topic
from demo.helpers import OPEN_LICENCES, published_ago, slug_of, youtube_url
from demo.people import random_person
from demo.texts import (
    COMMENTS,
    EPUB_FILES,
    IMAGES,
    LESSONS,
    LIBRARY_URL,
    LINKS,
    PDF_FILES,
    TOAN10_EXTRA,
    TOPIC_DOCUMENTS,
)

LIBRARY_SIZE = 200
# Documents left submitted, all from the school of the librarian the demo prints (the first
# librarian), so that librarian's review queue holds every one the README promises.
REVIEW_QUEUE = 6
FEATURED_SLUG = "ke-sach-noi-bat"  # created last: its presence means the library is seeded
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


def library_exists() -> bool:
    """The featured shelf is created last: its presence means the library is seeded."""
    return LibraryCollection.objects.filter(slug=FEATURED_SLUG).exists()


def seed_library(rng: random.Random, people: dict, pages: list) -> None:
    """The items, the shelves of the library home page, then ratings and comments on the
    items and on the demo ``pages``."""
    items = _seed_items(rng, people)
    _seed_collections(rng, items)
    _seed_feedback(rng, people, items, pages)


def _seed_items(rng: random.Random, people: dict) -> list[LibraryItem]:
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
            item.cover.save(f"{slug_of(item.title)[:60]}.jpg", ContentFile(cover), save=False)
        item.topics = topics
        item.curriculum_lessons = lessons
        if file is not None:
            name, data = file
            item.file.save(name, ContentFile(data), save=False)
            item.file_kind, item.file_size = name.rsplit(".", 1)[1], len(data)
        library_item_save(item=item, user=creator, submit=submit)
        if not submit:
            library_item_publish(item=item, user=curator)
            when = now - published_ago(rng.randint(2, 700))
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
                            "external_url": f"{site}{slug_of(title)}",
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
                    "external_url": f"{LIBRARY_URL}/sach/{slug_of(title)}",
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
                    "file": (f"{slug_of(title)[:60]}.epub", demo_epub(title, chapters)),
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
                "file": (f"{slug_of(title)[:60]}.pdf", demo_pdf(title, paragraphs, pages=pages)),
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
                    "external_url": youtube_url(self.rng),
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
                    "external_url": f"{LIBRARY_URL}/audio/tieng-anh-10/{slug_of(topic.name)}.mp3",
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
                "external_url": f"{LIBRARY_URL}/hinh-anh/{slug_of(title)}.png",
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
            "external_url": f"{LIBRARY_URL}/tai-lieu/{slug_of(title)[:80]}",
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
    return random_person(rng)[0]
