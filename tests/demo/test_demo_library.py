"""The demo learning materials and smart library made by ``seed_demo`` (content.demo).

The full demo (people, question bank, materials, library) is seeded once for the module
inside a transaction that is rolled back at the end; each test runs in a savepoint.
"""

import re

import pytest
from django.db import transaction
from django.db.models import Count
from django.utils.html import escape

from accounts.models import Department, Role, User
from common.sharing import Licence, SharingScope
from content.coverage import curriculum_coverage
from content.hubs import hubs_sync
from content.library_models import (
    CollectionKind,
    LibraryCollection,
    LibraryItem,
    Processing,
    ResourceType,
    validate_isbn,
)
from content.models import Comment, ELecturePage, GradePage, LessonPage, Rating, SubjectPage
from curriculum.models import Subject
from demo.library import LIBRARY_SIZE
from demo.materials import content_summary, seed_content
from demo.seed import seed_demo
from question_bank.models import Question, Status

pytestmark = pytest.mark.django_db
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = seed_demo()
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def admin_client(client, demo):
    client.force_login(User.objects.get(username="admin"))
    return client


def test_library_holds_200_valid_items_of_every_type(demo):
    items = list(LibraryItem.objects.all())
    # The generated library, and the two demo e-lecture packages shelved beside it.
    packages = [i for i in items if i.resource_type == ResourceType.PACKAGE]
    assert len(items) - len(packages) == LIBRARY_SIZE == 200
    assert len(packages) == 2 and all(i.live and i.package_id for i in packages)
    by_type = dict(LibraryItem.objects.values_list("resource_type").annotate(n=Count("pk")))
    assert set(by_type) == set(ResourceType.values)
    assert all(n > 0 for n in by_type.values())
    for item in items:
        item.full_clean()
        if item.isbn:
            validate_isbn(item.isbn)
            assert item.isbn.startswith("978604")
    textbooks = [i for i in items if i.resource_type == ResourceType.TEXTBOOK]
    assert all(i.isbn and i.licence == Licence.READ_ONLY for i in textbooks)
    series = "Kết nối tri thức với cuộc sống", "Chân trời sáng tạo", "Cánh Diều"
    assert all(any(s in i.title for s in series) for i in textbooks)
    assert len({i.isbn for i in items if i.isbn}) == len([i for i in items if i.isbn])
    assert {i.language for i in items} == {"vi", "en"}
    videos = [i for i in items if i.resource_type == ResourceType.VIDEO]
    assert all(
        re.fullmatch(r"https://www\.youtube\.com/watch\?v=[\w-]{11}", i.external_url)
        for i in videos
    )
    authors = [a for i in items for a in i.author_list]
    assert authors and all(len(a.split()) >= 3 for a in authors)  # Họ + tên đệm + tên
    assert all(2018 <= i.year <= 2025 for i in items if i.year)


def test_library_scopes_mostly_public_some_province_and_school(demo):
    live = LibraryItem.objects.filter(live=True)
    scopes = dict(live.values_list("scope").annotate(n=Count("pk")))
    assert scopes[SharingScope.PUBLIC] > live.count() // 2
    assert scopes[SharingScope.PROVINCE] > 0 and scopes[SharingScope.SCHOOL] > 0
    department = Department.objects.get(code="NB")
    assert not live.filter(scope=SharingScope.PROVINCE).exclude(department=department).exists()
    assert not live.filter(scope=SharingScope.SCHOOL, school__isnull=True).exists()
    assert all(i.live_revision_id and i.first_published_at and i.last_published_at for i in live)


def test_real_pdfs_and_epubs_are_processed(demo):
    with_files = LibraryItem.objects.exclude(file="")
    kinds = dict(with_files.values_list("file_kind").annotate(n=Count("pk")))
    assert kinds == {"pdf": 6, "epub": 2}
    for item in with_files:
        assert item.processing == Processing.READY, item.processing_error
        assert item.file_size > 0 and item.cover
        assert VIETNAMESE.search(item.full_text), item.title
        if item.file_kind == "pdf":
            assert item.page_count >= 2
    epub = with_files.get(file_kind="epub", title__startswith="Thần thoại")
    assert "Thần Trụ Trời" in epub.full_text


def test_submitted_items_wait_for_a_librarian(demo):
    waiting = LibraryItem.objects.filter(live=False)
    assert waiting.count() == 6
    for item in waiting:
        assert item.workflow_in_progress and item.current_workflow_task_state is not None
        assert item.created_by.role == Role.TEACHER
    assert content_summary().library_submitted == 6


def test_collections_have_ordered_live_entries(demo):
    collections = LibraryCollection.objects.all()
    assert set(collections.values_list("kind", flat=True)) == set(CollectionKind.values)
    assert set(
        collections.filter(kind=CollectionKind.READING_LIST).values_list("grade", flat=True)
    ) == {10, 11, 12}
    for name in (
        "Kệ sách nổi bật",
        "Mới cập nhật",
        "Danh mục đọc lớp 10",
        "Ôn thi tốt nghiệp THPT 2025",
    ):
        collection = collections.get(name=name)
        entries = list(collection.entries.order_by("sort_order").select_related("item"))
        assert len(entries) >= 4, name
        assert [e.sort_order for e in entries] == list(range(len(entries)))
        assert all(e.item.live and e.item.scope == SharingScope.PUBLIC for e in entries)
    exam = collections.get(slug="on-thi-tot-nghiep-thpt-2025")
    assert all("tốt nghiệp THPT" in e.item.title for e in exam.entries.all())


def test_hubs_exist_for_every_subject_with_topics(demo):
    subjects = Subject.objects.annotate(n=Count("topics")).filter(n__gt=0)
    assert subjects.count() == 6
    for subject in subjects:
        hub = SubjectPage.objects.live().get(subject=subject)
        grades = set(subject.topics.values_list("grade", flat=True))
        assert set(GradePage.objects.live().child_of(hub).values_list("grade", flat=True)) == grades
    pages = GradePage.objects.count(), SubjectPage.objects.count()
    hubs_sync()
    assert (GradePage.objects.count(), SubjectPage.objects.count()) == pages


def test_lessons_are_live_under_their_grade_hub_and_render(demo, admin_client):
    lessons = LessonPage.objects.live().select_related("subject", "curriculum_lesson__topic")
    assert lessons.count() >= 15
    toan10 = lessons.filter(subject__code="toan", grade=10)
    assert len(set(toan10.values_list("curriculum_lesson__topic", flat=True))) >= 3
    assert lessons.filter(subject__code="vat-ly", grade=10).exists()
    assert lessons.filter(subject__code="hoa-hoc", grade=10).exists()
    block_types = set()
    for lesson in lessons:
        parent = lesson.get_parent().specific
        assert isinstance(parent, GradePage) and parent.grade == lesson.grade
        assert parent.subject == lesson.subject == lesson.curriculum_lesson.topic.subject
        block_types |= {block.block_type for block in lesson.body}
        for block in lesson.body:
            if block.block_type == "question":
                question = block.value["question"]
                assert question.live and question.subject_id == lesson.subject_id
        response = admin_client.get(lesson.url)
        assert response.status_code == 200, lesson.url
        assert escape(lesson.title) in response.content.decode()
    assert block_types >= {"heading", "paragraph", "math", "callout", "question", "video"}
    scopes = set(lessons.values_list("scope", flat=True))
    assert scopes == {SharingScope.PUBLIC, SharingScope.PROVINCE, SharingScope.SCHOOL}
    body = admin_client.get(lessons.get(slug="toan-10-c06-b02").url).content.decode()
    assert r"\frac{-b \pm \sqrt{b^2 - 4ac}}{2a}" in body
    assert r"quay xuống khi \(a &lt; 0\)" in body  # LaTeX in rich text is escaped, not cut


def test_electures_have_slides_and_live_checkpoints_and_render(demo, admin_client):
    lectures = ELecturePage.objects.live()
    assert lectures.count() >= 3
    for lecture in lectures:
        assert 2 <= len(lecture.sections) <= 3 and lecture.duration_minutes > 0
        assert lecture.objectives and lecture.curriculum_lesson_id
        for section in lecture.sections:
            value = section.value
            assert value["slides_pdf"] or value["slide_images"] or value["video"]["url"]
            assert 1 <= len(value["checkpoints"]) <= 2
        ids = lecture.checkpoint_question_ids()
        live = Question.objects.filter(pk__in=ids, live=True, status=Status.APPROVED)
        assert ids and live.count() == len(set(ids))
        assert not live.filter(bank__confidential=True).exists()
        response = admin_client.get(lecture.url)
        assert response.status_code == 200, lecture.url
        assert escape(lecture.title) in response.content.decode()
    kinds = {
        kind
        for lecture in lectures
        for section in lecture.sections
        for kind in ("slides_pdf", "slide_images")
        if section.value[kind]
    }
    assert kinds == {"slides_pdf", "slide_images"}


def test_about_a_third_of_toan_10_is_covered(demo):
    report = curriculum_coverage(department_id=Department.objects.get(code="NB").pk)
    row = next(r for r in report.rows if r.subject_name == "Toán" and r.grade == 10)
    assert 0.25 <= row.lessons.covered / row.lessons.total <= 0.45
    assert row.materials > 10


def test_ratings_comments_and_counters(demo):
    assert Rating.objects.filter(library_item__isnull=False).count() > 50
    assert Rating.objects.filter(page__isnull=False).exists()
    assert Comment.objects.filter(library_item__isnull=False).exists()
    assert Comment.objects.filter(page__isnull=False).exists()
    assert LibraryItem.objects.filter(live=True, view_count__gt=0).count() > 150
    assert LibraryItem.objects.filter(download_count__gt=0).exists()
    assert LessonPage.objects.filter(view_count__gt=0).exists()


def test_seeding_again_changes_nothing(demo):
    before = content_summary()
    entries = LibraryCollection.objects.aggregate(n=Count("entries"))["n"]
    assert seed_demo().created is False
    again = seed_content(seed=2025)
    assert again.created is False
    assert content_summary() == before
    assert LibraryCollection.objects.aggregate(n=Count("entries"))["n"] == entries
