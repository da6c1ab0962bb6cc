"""The e-library (issue 5) at province scale: load, file processing, queries, OAI-PMH.

In a throw-away test database on whatever DATABASE_URL names (SQLite by default):

1. load the GDPT 2018 curriculum (``curriculum.loader``), one department with district
   offices and schools (plus a second department whose items must stay invisible), then
   bulk-load N live library items (mixed scope, resource type, subject and grade range;
   about a third linked to curriculum lessons, outcomes and the lesson's topic through
   the M2M tables) and report rows per second; then ANALYZE for planner statistics;
2. make ``--pdfs`` 10-page Vietnamese PDFs (``demo_pdf``) and time text extraction plus
   the cover thumbnail: pages per second, ms per PDF (p50/p95);
3. time the upload check (``clean_upload``) of a 10-page PDF and a 3000×2000 JPEG;
4. time what a student of one school sees (``visible_library_items``): count and the first
   page of 24 newest items;
5. time the curriculum coverage report of the department and count its queries;
6. harvest every public record with OAI-PMH ListRecords, following resumption tokens
   through the Django test client.

Prints one ``name: value unit`` line per figure. Usage:
    .venv/bin/python benchmarks/library.py [--items 20000] [--pdfs 20] [--seed 1]
"""

import argparse
import io
import math
import os
import random
import statistics
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

DISTRICTS, SCHOOLS_PER_DISTRICT = 8, 20  # the department measured
OTHER_DISTRICTS, OTHER_SCHOOLS_PER_DISTRICT = 2, 5  # a neighbouring department
OTHER_SHARE = 0.1  # share of items owned in the neighbouring department
LINKED_SHARE = 1 / 3  # share of items linked to the curriculum
SCOPES = [("public", 35), ("province", 25), ("district", 20), ("school", 20)]
TYPES = [
    ("document", 35),
    ("reference", 12),
    ("textbook", 8),
    ("video", 18),
    ("image", 10),
    ("audio", 7),
    ("link", 10),
]
TEXT_TYPES = {"document", "reference", "textbook"}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Thị", "Văn", "Minh", "Thu", "Đức", "Ngọc", "Thanh", "Quốc"]
GIVEN = ["Hà", "Lan", "Hùng", "Dũng", "Hương", "Mai", "Tuấn", "Trang", "Nam", "Phương"]
PUBLISHERS = ["NXB Giáo dục Việt Nam", "NXB Đại học Sư phạm", "NXB Đại học Huế", ""]
KIND_WORDS = {
    "document": "Tài liệu ôn tập",
    "reference": "Sách tham khảo",
    "textbook": "Sách giáo khoa",
    "video": "Video bài giảng",
    "image": "Sơ đồ tư duy",
    "audio": "Bài nghe",
    "link": "Học liệu trực tuyến",
}
SENTENCES = [
    "Học sinh đọc kĩ đề bài, xác định dữ kiện đã cho và yêu cầu cần tìm trước khi giải.",
    "Giáo viên tổ chức cho các nhóm thảo luận, trình bày kết quả và nhận xét lẫn nhau.",
    "Phần luyện tập gồm các câu hỏi trắc nghiệm nhiều lựa chọn và câu hỏi đúng sai.",
    "Bài học giúp học sinh vận dụng kiến thức đã học vào giải quyết tình huống thực tiễn.",
    "Hãy quan sát hình vẽ, nêu nhận xét về mối quan hệ giữa các đại lượng trong bài.",
    "Ví dụ minh hoạ được trình bày chi tiết, kèm lời giải và các lưu ý thường gặp.",
    "Cuối mỗi chủ đề có bài kiểm tra ngắn để học sinh tự đánh giá mức độ hiểu bài.",
    "Tài liệu bám sát chương trình giáo dục phổ thông 2018 và yêu cầu cần đạt của môn học.",
]


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def timed(fn, runs: int) -> list[float]:
    """Milliseconds of each of ``runs`` calls of ``fn``."""
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def show(name: str, value, unit: str = "") -> None:
    print(f"{name}: {value} {unit}".rstrip())


def isbn13(rng: random.Random) -> str:
    digits = "978604" + "".join(str(rng.randrange(10)) for _ in range(6))
    check = (10 - sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits)) % 10) % 10
    return f"{digits}{check}"


def paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 5))) for _ in range(n)]


def make_organisation():
    from accounts.models import Department, DistrictOffice, Role, SchoolLevel
    from accounts.services import school_create, user_create

    levels = [SchoolLevel.PRIMARY, SchoolLevel.LOWER_SECONDARY, SchoolLevel.UPPER_SECONDARY]
    areas = []
    for code, name, n_districts, per_district in [
        ("NB", "Sở GD&ĐT Ninh Bình", DISTRICTS, SCHOOLS_PER_DISTRICT),
        ("TH", "Sở GD&ĐT Thanh Hoá", OTHER_DISTRICTS, OTHER_SCHOOLS_PER_DISTRICT),
    ]:
        department = Department.objects.create(name=name, code=code)
        schools = []
        for d in range(1, n_districts + 1):
            office = DistrictOffice.objects.create(
                department=department, name=f"Phòng GD&ĐT huyện {d} ({code})", code=f"{code}-P{d}"
            )
            for s in range(1, per_district + 1):
                schools.append(
                    school_create(
                        department=department,
                        district_office=office,
                        name=f"Trường số {s} huyện {d} ({code})",
                        code=f"{code}{d:02d}{s:03d}",
                        level=levels[s % 3],
                    )
                )
        areas.append((department, schools))
    schools = areas[0][1]
    student = user_create(
        username="hs.bench",
        full_name="Nguyễn Thị Học Sinh",
        role=Role.STUDENT,
        school=schools[0],
        student_id="2700000001",
    )
    return areas, student


def build_items(n: int, rng: random.Random, areas, curriculum):
    """Unsaved items and, per item index, the lessons, outcomes and topics to link."""
    from django.utils import timezone

    from common.sharing import Licence
    from content.library_models import LibraryItem, Processing

    lessons, outcomes_of, subjects, grades_of = curriculum
    (_department, schools), (_other_department, other_schools) = areas
    now = timezone.now()
    scopes, scope_weights = zip(*SCOPES, strict=True)
    types, type_weights = zip(*TYPES, strict=True)
    licences = [value for value, _label in Licence.choices]
    items, links = [], []
    for i in range(n):
        school = rng.choice(other_schools if rng.random() < OTHER_SHARE else schools)
        kind = rng.choices(types, type_weights)[0]
        scope = rng.choices(scopes, scope_weights)[0]
        chosen_lessons, chosen_outcomes = [], []
        if rng.random() < LINKED_SHARE:
            lesson = rng.choice(lessons)
            siblings = [x for x in lessons if x.topic_id == lesson.topic_id and x.pk != lesson.pk]
            chosen_lessons = [lesson, *rng.sample(siblings, min(len(siblings), rng.randint(0, 2)))]
            if rng.random() < 0.5 and outcomes_of.get(lesson.pk):
                pool = outcomes_of[lesson.pk]
                chosen_outcomes = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
            subject, grade_min = lesson.topic.subject, lesson.topic.grade
            grade_max = grade_min
        elif rng.random() < 0.9:
            subject = rng.choice(subjects)
            grade_min = rng.choice(grades_of[subject.pk])
            grade_max = min(12, grade_min + rng.choice([0, 0, 1, 2]))
        else:
            subject, grade_min, grade_max = None, None, None
        grade_text = f" lớp {grade_min}" if grade_min else ""
        topic_text = f": {chosen_lessons[0].name}" if chosen_lessons else ""
        subject_text = f" {subject.name}" if subject else ""
        first = now - timedelta(seconds=rng.randrange(2 * 365 * 86400))
        last = first + (now - first) * rng.random() ** 3
        items.append(
            LibraryItem(
                title=f"{KIND_WORDS[kind]}{subject_text}{grade_text}{topic_text} (số {i + 1})",
                authors="\n".join(
                    f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                    for _ in range(rng.randint(1, 3))
                ),
                publisher=rng.choice(PUBLISHERS) if kind in TEXT_TYPES else "",
                year=rng.randint(2018, 2025),
                isbn=isbn13(rng) if kind in ("textbook", "reference") else "",
                resource_type=kind,
                language="en" if subject and subject.code == "tieng-anh" else "vi",
                description=" ".join(rng.choice(SENTENCES) for _ in range(2)),
                subject=subject,
                grade_min=grade_min,
                grade_max=grade_max,
                external_url=f"https://hoclieu.example.edu.vn/ngoai/{i}"
                if kind in ("video", "link")
                else "",
                file_kind="pdf" if kind in TEXT_TYPES else "",
                file_size=rng.randint(200_000, 30_000_000) if kind in TEXT_TYPES else 0,
                page_count=rng.randint(10, 300) if kind in TEXT_TYPES else None,
                processing=Processing.READY if kind in TEXT_TYPES else Processing.NONE,
                scope=scope,
                licence=rng.choice(licences),
                school=school,
                district_office_id=school.district_office_id,
                department_id=school.department_id,
                live=True,
                first_published_at=first,
                last_published_at=last,
                view_count=rng.randint(0, 500),
            )
        )
        links.append((chosen_lessons, chosen_outcomes))
    return items, links


def through(name: str):
    from content.library_models import LibraryItem

    field = LibraryItem._meta.get_field(name)
    return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()


def bench_load(args, rng, areas):
    from django.db import connection, transaction

    from content.library_models import LibraryItem
    from curriculum.loader import curriculum_load_files
    from curriculum.models import CurriculumLesson, LearningOutcome, Subject

    started = time.perf_counter()
    results = curriculum_load_files()
    elapsed = time.perf_counter() - started
    show("curriculum files", len(results))
    show("curriculum lessons", sum(r.lessons for r in results))
    show("curriculum outcomes", sum(r.outcomes for r in results))
    show("curriculum load time", f"{elapsed:.2f}", "s")

    lessons = list(CurriculumLesson.objects.select_related("topic__subject").order_by("pk"))
    outcomes_of: dict[int, list[int]] = {}
    for pk, lesson_id in LearningOutcome.objects.order_by("pk").values_list("pk", "lesson_id"):
        outcomes_of.setdefault(lesson_id, []).append(pk)
    subjects = list(Subject.objects.order_by("pk"))
    grades_of = {
        s.pk: sorted({x.topic.grade for x in lessons if x.topic.subject_id == s.pk}) or [10]
        for s in subjects
    }
    items, links = build_items(args.items, rng, areas, (lessons, outcomes_of, subjects, grades_of))

    lesson_model, lesson_owner, lesson_target = through("curriculum_lessons")
    outcome_model, outcome_owner, outcome_target = through("outcomes")
    topic_model, topic_owner, topic_target = through("topics")
    started = time.perf_counter()
    with transaction.atomic():
        LibraryItem.objects.bulk_create(items, batch_size=1000)
        lesson_rows, outcome_rows, topic_rows = [], [], []
        for item, (chosen_lessons, chosen_outcomes) in zip(items, links, strict=True):
            for lesson in chosen_lessons:
                lesson_rows.append(
                    lesson_model(
                        **{f"{lesson_owner}_id": item.pk, f"{lesson_target}_id": lesson.pk}
                    )
                )
            for outcome_id in chosen_outcomes:
                outcome_rows.append(
                    outcome_model(
                        **{f"{outcome_owner}_id": item.pk, f"{outcome_target}_id": outcome_id}
                    )
                )
            if chosen_lessons:
                topic_rows.append(
                    topic_model(
                        **{
                            f"{topic_owner}_id": item.pk,
                            f"{topic_target}_id": chosen_lessons[0].topic_id,
                        }
                    )
                )
        lesson_model.objects.bulk_create(lesson_rows, batch_size=2000)
        outcome_model.objects.bulk_create(outcome_rows, batch_size=2000)
        topic_model.objects.bulk_create(topic_rows, batch_size=2000)
    elapsed = time.perf_counter() - started
    links_total = len(lesson_rows) + len(outcome_rows) + len(topic_rows)
    linked = sum(1 for chosen_lessons, _o in links if chosen_lessons)
    by_scope = {s: sum(1 for it in items if it.scope == s) for s, _w in SCOPES}
    show("library items", len(items), "rows")
    show(
        "library items by scope",
        ", ".join(f"{scope} {count}" for scope, count in by_scope.items()),
    )
    show("library items linked to the curriculum", linked, "items")
    show(
        "library link rows",
        links_total,
        f"rows ({len(lesson_rows)} lessons, {len(outcome_rows)} outcomes, "
        f"{len(topic_rows)} topics)",
    )
    show("library load time", f"{elapsed:.2f}", "s")
    show("library load items", f"{len(items) / elapsed:.0f}", "items/s")
    show("library load rows", f"{(len(items) + links_total) / elapsed:.0f}", "rows/s")
    # Planner statistics, as autovacuum (PostgreSQL) or a maintenance job would leave them.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    show("analyze time", f"{time.perf_counter() - started:.2f}", "s")


def bench_pdfs(args, rng):
    from content.files import demo_pdf, pdf_extract, pdf_thumbnail

    started = time.perf_counter()
    pdfs = [
        demo_pdf(f"Tài liệu ôn tập số {k + 1}", paragraphs(rng, 30), pages=10)
        for k in range(args.pdfs)
    ]
    show("pdf generate time", f"{time.perf_counter() - started:.2f}", f"s for {args.pdfs} PDFs")
    per_pdf, pages, extract_ms, thumb_ms = [], 0, [], []
    for data in pdfs:
        t0 = time.perf_counter()
        info = pdf_extract(data)
        t1 = time.perf_counter()
        thumb = pdf_thumbnail(data)
        t2 = time.perf_counter()
        if not info.text or not thumb:
            raise SystemExit("PDF processing gave no text or no thumbnail")
        pages += info.page_count
        extract_ms.append((t1 - t0) * 1000)
        thumb_ms.append((t2 - t1) * 1000)
        per_pdf.append((t2 - t0) * 1000)
    sizes = [len(d) for d in pdfs]
    show("pdf size", f"{statistics.mean(sizes) / 1024:.0f}", f"KiB ({pages // len(pdfs)} pages)")
    show("pdf processing", f"{pages / (sum(per_pdf) / 1000):.0f}", "pages/s")
    show("pdf processing p50", f"{pct(per_pdf, 50):.1f}", "ms/PDF")
    show("pdf processing p95", f"{pct(per_pdf, 95):.1f}", "ms/PDF")
    show("pdf extract p50", f"{pct(extract_ms, 50):.1f}", "ms/PDF")
    show("pdf thumbnail p50", f"{pct(thumb_ms, 50):.1f}", "ms/PDF")
    return pdfs[0]


def bench_upload(pdf: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from content.files import clean_upload

    # A photo-like picture: gradients with sensor noise, so it compresses as photos do.
    size = (3000, 2000)
    noise = Image.effect_noise(size, 48)
    across = Image.linear_gradient("L").resize(size)
    down = Image.linear_gradient("L").rotate(90).resize(size)
    photo = Image.merge("RGB", (Image.blend(across, noise, 0.3), down, noise))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=90)
    jpeg = buffer.getvalue()

    for label, name, data, kind in [
        ("pdf", "bai-giang.pdf", pdf, "pdf"),
        ("jpeg 3000x2000", "anh-chup.jpg", jpeg, "image"),
    ]:

        def check(name=name, data=data, kind=kind):
            cleaned = clean_upload(SimpleUploadedFile(name, data))
            if cleaned.kind != kind:
                raise SystemExit(f"clean_upload saw {cleaned.kind}, not {kind}")

        ms = timed(check, 5)
        show(
            f"upload check {label}",
            f"{statistics.median(ms):.1f}",
            f"ms (median of 5, {len(data) / 1024:.0f} KiB)",
        )


def bench_visibility(student):
    from content.permissions import visible_library_items

    items = visible_library_items(student)
    total = items.count()
    first = list(items.order_by("-last_published_at")[:24])
    if len(first) != min(24, total):
        raise SystemExit("first page of visible items is short")
    count_ms = timed(lambda: visible_library_items(student).count(), 20)
    page_ms = timed(
        lambda: list(visible_library_items(student).order_by("-last_published_at")[:24]), 20
    )
    show("visible items for a student", total, "items")
    show("visible count p50", f"{pct(count_ms, 50):.1f}", "ms")
    show("visible count p95", f"{pct(count_ms, 95):.1f}", "ms")
    show("visible first page (24) p50", f"{pct(page_ms, 50):.1f}", "ms")
    show("visible first page (24) p95", f"{pct(page_ms, 95):.1f}", "ms")


def bench_coverage(department):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from content.coverage import curriculum_coverage

    with CaptureQueriesContext(connection) as queries:
        report = curriculum_coverage(department_id=department.pk)
    ms = timed(lambda: curriculum_coverage(department_id=department.pk), 3)
    show("coverage lessons covered", f"{report.lessons.covered}/{report.lessons.total}")
    show("coverage outcomes covered", f"{report.outcomes.covered}/{report.outcomes.total}")
    show("coverage materials", report.materials, "items")
    show("coverage report", f"{statistics.median(ms):.0f}", "ms (median of 3)")
    show("coverage report queries", len(queries))


def bench_oai():
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from lxml import etree

    from content.oai.protocol import NS_OAI
    from content.oai.records import harvestable_items

    expected = harvestable_items().count()
    client = Client()
    params = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    records, pages, queries_per_page = 0, 0, []
    started = time.perf_counter()
    while True:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/oai/", params)
        if response.status_code != 200:
            raise SystemExit(f"OAI-PMH answered {response.status_code}")
        root = etree.fromstring(response.content)
        error = root.find(f"{{{NS_OAI}}}error")
        if error is not None:
            raise SystemExit(f"OAI-PMH error {error.get('code')}: {error.text}")
        pages += 1
        queries_per_page.append(len(queries))
        records += len(root.findall(f"{{{NS_OAI}}}ListRecords/{{{NS_OAI}}}record"))
        token = root.find(f"{{{NS_OAI}}}ListRecords/{{{NS_OAI}}}resumptionToken")
        if token is None or not (token.text or "").strip():
            break
        params = {"verb": "ListRecords", "resumptionToken": token.text.strip()}
    elapsed = time.perf_counter() - started
    if records != expected:
        raise SystemExit(f"harvested {records} records, expected {expected}")
    show("oai records harvested", records, f"records in {pages} pages")
    show("oai harvest time", f"{elapsed:.2f}", "s")
    show("oai harvest", f"{records / elapsed:.0f}", "records/s")
    show("oai page", f"{elapsed / pages * 1000:.0f}", "ms/page (mean)")
    low, high = min(queries_per_page), max(queries_per_page)
    show("oai queries per page", low if low == high else f"{low}-{high}", "queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--pdfs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    # The test client's host and in-memory e-mail; WhiteNoise's warning about the unbuilt
    # static files directory is noise here.
    setup_test_environment()
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    from benchdb import use_bench_name

    use_bench_name("library")
    creation = connection.creation
    old_name = creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    started = time.perf_counter()
    try:
        rng = random.Random(args.seed)
        show("database", connection.vendor)
        t0 = time.perf_counter()
        areas, student = make_organisation()
        (department, schools), (_other, other_schools) = areas
        show(
            "organisation",
            f"{DISTRICTS} district offices, {len(schools)} schools "
            f"(+ {OTHER_DISTRICTS} offices, {len(other_schools)} schools in another department) "
            f"in {time.perf_counter() - t0:.2f} s",
        )
        bench_load(args, rng, areas)
        pdf = bench_pdfs(args, rng)
        bench_upload(pdf)
        bench_visibility(student)
        bench_coverage(department)
        bench_oai()
        show("total time", f"{time.perf_counter() - started:.1f}", "s")
    finally:
        creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
