"""The demo's e-lecture packages: one SCORM 1.2 and one H5P package, built here, uploaded,
published and played inside a grade-12 lesson ("Nguyên hàm", Toán 12).

Both are our own (MIT), small and in Vietnamese; their files live in
``demo/data/packages/`` and are zipped here byte for byte the same on every run (sorted
names, a fixed date), so the content hash, and with it the extracted folder in the private
storage, is the same each time. They go through the real path: ``package_upload`` (every
check of an upload) by the printed teacher, ``package_publish``, then a "package" block
appended to the lesson's body in a new published revision.

* SCORM 1.2 "Nguyên hàm — bài giảng tương tác": three pages (the definition, the table of
  antiderivatives, a three-question check); it finds ``window.API`` as SCORM 1.2 says,
  stores the page in ``cmi.core.lesson_location`` (and resumes there), the answers in
  ``cmi.suspend_data``, the score out of 3 and passed/failed when the check is handed in.
* H5P "Nguyên hàm: ba câu hỏi nhanh": a minimal library of our own, ``H5P.HoclieuQuiz
  1.0`` (``library.json`` and one script on H5P core's ``EventDispatcher``), which sends
  an xAPI "answered" statement with its score and keeps its state for resuming.

Idempotent: nothing is added when the teacher already owns the SCORM package.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Role, User
from content.curation import library_item_publish, library_item_save
from content.files.covers import library_item_cover
from content.library_models import LibraryItem, ResourceType
from content.models import LessonPage
from content.packages.models import ElearningPackage
from content.packages.services import package_publish, package_upload
from curriculum.models import Subject

ROOT = Path(__file__).resolve().parent / "data" / "packages"
#: (folder in ``demo/data/packages``, uploaded file name, title shown).
SCORM = ("scorm-nguyen-ham", "nguyen-ham-scorm12.zip", "Nguyên hàm — bài giảng tương tác")
H5P = ("h5p-nguyen-ham", "nguyen-ham.h5p", "Nguyên hàm: ba câu hỏi nhanh")
#: The grade-12 lesson the packages are placed in (``demo/data/materials/lessons-12.yaml``).
LESSON_SLUG = "toan-12-c04-b01"
HEADING = "IV. Bài giảng tương tác"
ZIP_DATE = (2025, 9, 5, 7, 0, 0)


@dataclass
class PackagesSummary:
    lesson_url: str
    lesson_title: str
    players: list[str]


def build_archive(folder: str) -> bytes:
    """The files of ``demo/data/packages/<folder>`` as a zip, the same bytes every run."""
    base = ROOT / folder
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(base).as_posix(), date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return out.getvalue()


def upload_file(spec: tuple[str, str, str]) -> SimpleUploadedFile:
    folder, name, _title = spec
    return SimpleUploadedFile(name, build_archive(folder), content_type="application/zip")


def demo_teacher() -> User | None:
    """The teacher the seed prints (a homeroom teacher, as ``demo.people.demo_logins``)."""
    return (
        User.objects.filter(role=Role.TEACHER, is_superuser=False, homeroom_classes__isnull=False)
        .order_by("pk")
        .first()
    )


def demo_packages() -> list[ElearningPackage]:
    teacher = demo_teacher()
    if teacher is None:
        return []
    titles = [SCORM[2], H5P[2]]
    found = {p.title: p for p in ElearningPackage.objects.filter(owner=teacher, title__in=titles)}
    return [found[t] for t in titles if t in found]


def _place(lesson: LessonPage, packages: list[ElearningPackage], user) -> None:
    body = list(lesson.body.raw_data)
    body.append({"type": "heading", "value": HEADING})
    body += [{"type": "package", "value": {"package": p.pk, "title": ""}} for p in packages]
    lesson.body = body
    # The teacher adds the block; the demo publishes it (the lesson is another's).
    lesson.save_revision(user=user).publish(user=user, skip_permission_checks=True)


def seed_packages() -> PackagesSummary | None:
    """Upload, publish and place the two packages; None when the teacher or the lesson is
    missing or when they are already there."""
    teacher = demo_teacher()
    lesson = LessonPage.objects.filter(slug=LESSON_SLUG).first()
    if teacher is None or lesson is None or demo_packages():
        return None
    packages = []
    for spec in (SCORM, H5P):
        version = package_upload(user=teacher, uploaded_file=upload_file(spec), title=spec[2])
        packages.append(package_publish(user=teacher, package=version.package))
    _place(lesson.specific, packages, teacher)
    _shelve(packages, teacher)
    return packages_summary()


def _shelve(packages: list[ElearningPackage], teacher: User) -> None:
    """Each package is also a library item ("Gói bài giảng"), published by the school's
    librarian, so the shared library shows the type too."""
    librarian = (
        User.objects.filter(role=Role.LIBRARIAN, school=teacher.school_id).order_by("pk").first()
    )
    for package in packages:
        item = LibraryItem(
            title=package.title,
            authors=teacher.get_full_name(),
            resource_type=ResourceType.PACKAGE,
            package=package,
            description="Bài giảng tương tác: học ngay trên trang, tiến độ và điểm được lưu lại.",
            subject=Subject.objects.filter(code="toan").first(),
            grade_min=12,
            grade_max=12,
            year=2025,
        )
        # No file to draw a cover from: the drawn cover, as for the library's other items.
        cover = library_item_cover(item)
        item.cover.save(f"goi-bai-giang-{package.pk}.jpg", ContentFile(cover), save=False)
        item = library_item_save(item=item, user=teacher)
        if librarian is not None:
            library_item_publish(item=item, user=librarian)


def packages_summary() -> PackagesSummary | None:
    packages = demo_packages()
    lesson = LessonPage.objects.filter(slug=LESSON_SLUG).first()
    if not packages or lesson is None:
        return None
    return PackagesSummary(
        lesson_url=lesson.url or "",
        lesson_title=lesson.title,
        players=[f"/hoc/goi/{p.current_id}/" for p in packages if p.current_id],
    )


def packages_demo_line() -> str:
    """One line of the seed's report: where the demo packages play."""
    summary = packages_summary()
    if summary is None:
        return ""
    return (
        f"Gói bài giảng: {summary.lesson_url} (bài «{summary.lesson_title}», Toán 12): "
        f"SCORM 1.2 «{SCORM[2]}» và H5P «{H5P[2]}»; trang riêng "
        f"{' và '.join(summary.players)} (nội dung gói chạy từ CONTENT_ORIGIN, "
        "mặc định http://localhost:8001)."
    )
