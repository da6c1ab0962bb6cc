"""Uploading: versions, one extraction per archive, nothing saved when refused, rules."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from content import permissions
from content.packages import storage
from content.packages.errors import PackageRejected
from content.packages.models import ElearningPackage, PackageVersion
from content.packages.services import package_publish, package_upload
from tests.content.packages.helpers import fixture, h5p, scorm12

pytestmark = pytest.mark.django_db


def stored_files() -> list[str]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_golf_2004_upload_extracts_to_private_storage(people):
    teacher = people["teacher_a"]
    version = package_upload(
        user=teacher,
        uploaded_file=fixture("scorm", "RuntimeBasicCalls_SCORM20043rdEdition.zip"),
        title="Golf",
    )
    package = version.package
    assert (package.title, package.kind, package.status) == ("Golf", "scorm2004", "draft")
    assert (package.owner, package.school, package.current) == (
        teacher,
        people["school_a"],
        version,
    )
    assert version.number == 1
    assert version.storage_prefix == f"packages/{version.content_hash}/"
    assert len(version.content_hash) == 64
    assert version.launch == "shared/launchpage.html"
    assert storage.exists(version, "shared/launchpage.html")
    handle, size = storage.open_file(version, "shared/launchpage.html")
    with handle:
        assert b"<html" in handle.read().lower()
    assert size > 0
    assert version.file_count == len(
        [f for f in stored_files() if f.startswith(version.storage_prefix)]
    )
    assert media_files() == []  # never under MEDIA_ROOT
    assert ModelLogEntry.objects.filter(action="content.package_create").count() == 1


def test_storage_refuses_paths_leaving_the_version(people):
    version = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="")
    for bad in ("../x", "/etc/passwd", "a/../../b", "a\\..\\b", "", "C:/x"):
        assert not storage.exists(version, bad)
        with pytest.raises(storage.UnsafePath):
            storage.open_file(version, bad)
    with pytest.raises(FileNotFoundError):
        storage.open_file(version, "khong-co.html")


def test_title_defaults_to_the_package_title(people):
    version = package_upload(user=people["teacher_a"], uploaded_file=h5p(), title="  ")
    assert version.package.title == "Chào các em"
    assert version.structure["main_library"] == "H5P.TheChao 1.2"


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("scorm", "badscorm.zip"),
        ("scorm", "invalid.zip"),
        ("h5p", "broken-h5p-json.h5p"),
        ("h5p", "invalid-library-json.h5p"),
        ("h5p", "corrupt_archive.h5p"),
    ],
)
def test_invalid_fixture_saves_nothing(people, kind, name):
    with pytest.raises(PackageRejected):
        package_upload(user=people["teacher_a"], uploaded_file=fixture(kind, name), title="x")
    assert ElearningPackage.objects.count() == 0
    assert PackageVersion.objects.count() == 0
    assert stored_files() == []


def test_refused_new_version_keeps_the_package_as_it_was(people):
    first = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="Bài")
    before = stored_files()
    with pytest.raises(PackageRejected):
        package_upload(
            user=people["teacher_a"],
            uploaded_file=scorm12(href="khong-co.html"),
            title="Bài",
            package=first.package,
        )
    first.package.refresh_from_db()
    assert first.package.current == first
    assert PackageVersion.objects.count() == 1
    assert stored_files() == before


def test_reupload_makes_version_2_and_keeps_version_1(people):
    first = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="Bài")
    second = package_upload(
        user=people["teacher_a"],
        uploaded_file=scorm12(extra={"index.html": "<p>Bản sửa</p>"}),
        title="",
        package=first.package,
    )
    first.package.refresh_from_db()
    assert second.number == 2
    assert first.package.current == second
    assert first.content_hash != second.content_hash
    with storage.open_file(first, "index.html")[0] as old:
        assert old.read() == b"<p>Xin ch\xc3\xa0o</p>"
    with storage.open_file(second, "index.html")[0] as new:
        assert new.read() == "<p>Bản sửa</p>".encode()
    assert first.package.title == "Bài"  # an empty title keeps the name


def test_same_archive_twice_is_extracted_once(people, monkeypatch):
    from content.packages import archive

    saved = []
    real_save = archive.private_storage

    class Counting:
        def __getattr__(self, name):
            return getattr(real_save(), name)

        def save(self, name, content, **kwargs):
            saved.append(name)
            return real_save().save(name, content, **kwargs)

    monkeypatch.setattr(archive, "private_storage", Counting)
    upload = fixture("h5p", "greetingcard.h5p")
    one = package_upload(user=people["teacher_a"], uploaded_file=upload, title="Một")
    count = len(saved)
    two = package_upload(
        user=people["teacher_b"], uploaded_file=fixture("h5p", "greetingcard.h5p"), title="Hai"
    )
    assert len(saved) == count  # nothing written the second time
    assert one.package != two.package
    assert one.storage_prefix == two.storage_prefix


def test_partial_extraction_is_redone(people):
    from django.core.files.base import ContentFile

    from common.storage import private_storage

    upload = scorm12()
    version = package_upload(user=people["teacher_a"], uploaded_file=upload, title="A")
    storage_ = private_storage()
    storage_.delete(f"packages/{version.content_hash}.complete")  # as if it crashed
    storage_.save(version.storage_prefix + "rac.txt", ContentFile(b"x"))
    package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="B")
    assert not storage.exists(version, "rac.txt")
    assert storage.exists(version, "index.html")


def test_new_version_of_another_format_is_refused(people):
    first = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="Bài")
    with pytest.raises(PackageRejected) as caught:
        package_upload(
            user=people["teacher_a"], uploaded_file=h5p(), title="", package=first.package
        )
    assert "cùng loại" in caught.value.messages[0]


# --- rules ------------------------------------------------------------------------------
def test_students_cannot_upload(people):
    with pytest.raises(PermissionDenied):
        package_upload(user=people["student_a"], uploaded_file=scorm12(), title="x")
    assert ElearningPackage.objects.count() == 0
    assert stored_files() == []


def test_other_teachers_cannot_add_versions_or_publish(people):
    version = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="Bài")
    for user in (people["teacher_a2"], people["teacher_b"], people["student_a"]):
        with pytest.raises(PermissionDenied):
            package_upload(user=user, uploaded_file=scorm12(), title="", package=version.package)
        with pytest.raises(PermissionDenied):
            package_publish(user=user, package=version.package)
    # the librarian of the package's school curates it
    package_publish(user=people["librarian_a"], package=version.package)


@pytest.mark.parametrize(
    ("who", "draft", "published", "edit"),
    [
        ("teacher_a", True, True, True),  # owner
        ("teacher_a2", True, True, False),  # staff of the same school see the draft
        ("librarian_a", True, True, True),
        ("teacher_b", False, True, False),
        ("student_a", False, True, False),
        ("student_b", False, True, False),
    ],
)
def test_who_sees_and_edits_a_package(people, who, draft, published, edit):
    version = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="Bài")
    package, user = version.package, people[who]
    assert permissions.can_view_package(user, package) is draft
    assert permissions.can_edit_package(user, package) is edit
    package_publish(user=people["teacher_a"], package=package)
    assert permissions.can_view_package(user, package) is published
    assert permissions.can_upload_package(user) is (user.role != "student")


def test_anonymous_sees_nothing(people):
    from django.contrib.auth.models import AnonymousUser

    version = package_upload(user=people["teacher_a"], uploaded_file=scorm12(), title="Bài")
    package_publish(user=people["teacher_a"], package=version.package)
    assert not permissions.can_view_package(AnonymousUser(), version.package)
    assert not permissions.packages_visible_to(AnonymousUser()).exists()
