"""The demo's e-lecture packages (demo.packages): a SCORM 1.2 and an H5P package the seed
builds itself, uploads through ``package_upload``, publishes and places in a grade-12 lesson.

The full demo is seeded once for the module inside a transaction rolled back at the end.
"""

import hashlib

import pytest
from django.db import transaction

from accounts.models import Role, User
from content.library_models import LibraryItem
from content.models import LessonPage
from content.packages import storage
from content.packages.archive import open_archive
from content.packages.models import ElearningPackage, Kind, Status
from content.packages.services import package_check
from demo import packages as demo_packages
from demo.people import exam_class_students
from demo.seed import seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = seed_demo(questions=False)
        yield summary
        transaction.set_rollback(True)


def test_both_packages_are_uploaded_by_the_printed_teacher_and_published(demo):
    teacher = demo_packages.demo_teacher()
    assert teacher is not None and teacher.username in {row[1] for row in demo.logins}
    found = demo_packages.demo_packages()
    assert [p.kind for p in found] == [Kind.SCORM12, Kind.H5P]
    for package in found:
        assert package.owner == teacher
        assert package.status == Status.PUBLISHED
        assert package.versions.count() == 1 and package.current.number == 1
    scorm, h5p = (p.current for p in found)
    assert scorm.edition == "1.2" and scorm.launch == "index.html"
    assert [s["title"] for s in scorm.structure["scos"]] == [
        "Nguyên hàm: khái niệm, bảng nguyên hàm và kiểm tra nhanh"
    ]
    assert h5p.structure["main_library"] == "H5P.HoclieuQuiz 1.0"
    assert h5p.structure["libraries"] == ["H5P.HoclieuQuiz 1.0.0"]
    # The extracted files are in the private storage.
    for version, path in ((scorm, "bai-giang.js"), (h5p, "H5P.HoclieuQuiz-1.0/quiz.js")):
        assert storage.exists(version, path)


def test_the_archives_are_the_same_bytes_every_run_and_validate(demo):
    for spec, kind in ((demo_packages.SCORM, Kind.SCORM12), (demo_packages.H5P, Kind.H5P)):
        first = demo_packages.build_archive(spec[0])
        assert first == demo_packages.build_archive(spec[0])
        assert len(first) < 20_000  # small
        _archive, info = package_check(uploaded_file=demo_packages.upload_file(spec))
        assert info["kind"] == kind
        package = ElearningPackage.objects.get(title=spec[2])
        assert package.current.content_hash == hashlib.sha256(first).hexdigest()
        archive = open_archive(demo_packages.upload_file(spec))
        text = b"".join(archive.read(p) for p in archive.paths).decode("utf-8")
        assert "Nguyên hàm" in text or "nguyên hàm" in text


def test_the_packages_sit_in_the_grade_12_lesson(demo):
    lesson = LessonPage.objects.get(slug=demo_packages.LESSON_SLUG)
    assert lesson.grade == 12 and lesson.live
    blocks = [b for b in lesson.body.raw_data if b["type"] == "package"]
    assert [b["value"]["package"] for b in blocks] == [p.pk for p in demo_packages.demo_packages()]
    headings = [b["value"] for b in lesson.body.raw_data if b["type"] == "heading"]
    assert demo_packages.HEADING in headings
    line = demo_packages.packages_demo_line()
    assert line.startswith(f"Gói bài giảng: {lesson.url} (bài «{lesson.title}»")
    for package in demo_packages.demo_packages():
        assert f"/hoc/goi/{package.current_id}/" in line


def test_the_lesson_page_renders_both_players_for_a_student(demo, client):
    student = exam_class_students().order_by("pk").first()
    assert student is not None and student.role == Role.STUDENT
    client.force_login(student)
    lesson = LessonPage.objects.get(slug=demo_packages.LESSON_SLUG)
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    for package in demo_packages.demo_packages():
        assert f'data-session-url="/hoc/goi/{package.current_id}/phien/"' in html
    assert "lms/package-player" in html
    session = client.get(f"/hoc/goi/{demo_packages.demo_packages()[0].current_id}/phien/")
    assert session.status_code == 200 and session.json()["kind"] == Kind.SCORM12


def test_seeding_twice_adds_nothing_and_a_fresh_seed_makes_them_again(demo):
    assert demo_packages.seed_packages() is None
    assert ElearningPackage.objects.count() == 2
    # Without them (as on a first run), both are uploaded, published, placed and shelved.
    ids = [p.pk for p in demo_packages.demo_packages()]
    LibraryItem.objects.filter(package__in=ids).delete()
    ElearningPackage.objects.filter(pk__in=ids).delete()
    summary = demo_packages.seed_packages()
    assert summary is not None and len(summary.players) == 2
    assert LibraryItem.objects.filter(resource_type="package", live=True).count() == 2
    assert User.objects.filter(role=Role.TEACHER).exists()
