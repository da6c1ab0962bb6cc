"""Uploading and publishing e-lecture packages (keyword-only, permission checked, logged).

``package_upload`` validates the archive completely before anything is written: a refused
package leaves no row and no file. A valid one is extracted once per content hash (the
same archive uploaded twice shares its files) and becomes a new immutable version; the
package's ``current`` moves to it while older versions stay for the students who started
them.
"""

from __future__ import annotations

import os

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from content import permissions
from content.packages import archive as archives
from content.packages.errors import PackageRejected
from content.packages.h5p import H5P_JSON, read_h5p
from content.packages.models import ElearningPackage, Kind, PackageVersion, Status
from content.packages.scorm import (
    MANIFEST,
    missing_manifest_message,
    read_scorm,
    refuse_other_formats,
)

TITLE_MAX = 255


def read_package(archive: archives.Archive) -> dict:
    """What the package is (``kind``, ``edition``, ``launch``, ``structure``), or
    :class:`PackageRejected` with every problem found."""
    refuse_other_formats(archive)
    if archive.has(MANIFEST):
        return read_scorm(archive)
    if archive.has(H5P_JSON):
        return read_h5p(archive)
    if archive.name.lower().endswith(".h5p"):
        raise PackageRejected("Gói H5P thiếu tệp h5p.json ở thư mục gốc")
    raise PackageRejected(missing_manifest_message(archive))


def package_check(*, uploaded_file) -> tuple[archives.Archive, dict]:
    """Open and validate an upload without saving anything."""
    archive = archives.open_archive(uploaded_file)
    return archive, read_package(archive)


def _family(kind: str) -> str:
    return "h5p" if kind == Kind.H5P else "scorm"


def _title(title: str, info: dict, archive: archives.Archive) -> str:
    structure = info["structure"]
    found = (
        (title or "").strip()
        or structure.get("title")
        or structure.get("organisation")
        or os.path.splitext(archive.name)[0]
    )
    return found[:TITLE_MAX]


def _check_may_upload(user, package) -> None:
    if package is None and not permissions.can_upload_package(user):
        raise PermissionDenied(_("Bạn không có quyền tải gói bài giảng lên."))
    if package is not None and not permissions.can_edit_package(user, package):
        raise PermissionDenied(_("Bạn không có quyền cập nhật gói bài giảng này."))


def package_upload(*, user, uploaded_file, title: str = "", package=None) -> PackageVersion:
    """Validate ``uploaded_file`` and save it as a new package (``package`` None) or as the
    next version of ``package``; raises :class:`PackageRejected` or ``PermissionDenied``."""
    _check_may_upload(user, package)
    archive, info = package_check(uploaded_file=uploaded_file)
    if package is not None and _family(info["kind"]) != _family(package.kind):
        raise PackageRejected(
            f"Phiên bản mới phải cùng loại với gói “{package.title}” "
            f"({package.get_kind_display()}); tệp tải lên là gói {Kind(info['kind']).label}"
        )
    prefix, reused = archives.extract(archive)
    try:
        return _save_version(
            user=user,
            package=package,
            archive=archive,
            info=info,
            prefix=prefix,
            # A new version keeps the package's name unless a new one is given.
            title=(title or "").strip()[:TITLE_MAX] if package else _title(title, info, archive),
        )
    except BaseException:
        if (
            not reused
            and not PackageVersion.objects.filter(content_hash=archive.content_hash).exists()
        ):
            archives.discard(archive.content_hash)
        raise


@transaction.atomic
def _save_version(*, user, package, archive, info, prefix, title) -> PackageVersion:
    if package is None:
        package = ElearningPackage.objects.create(
            title=title, kind=info["kind"], owner=user, school_id=getattr(user, "school_id", None)
        )
        action = "content.package_create"
    else:
        package = ElearningPackage.objects.select_for_update().get(pk=package.pk)
        action = "content.package_version"
    number = (package.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PackageVersion.objects.create(
        package=package,
        number=number,
        kind=info["kind"],
        edition=info["edition"],
        content_hash=archive.content_hash,
        storage_prefix=prefix,
        launch=info["launch"],
        structure=info["structure"],
        file_count=len(archive.members),
        size=archive.size,
        uploaded_by=user,
    )
    package.current = version
    package.kind = info["kind"]
    if title and action == "content.package_version" and title != package.title:
        package.title = title
    package.save()
    log(
        instance=package,
        action=action,
        user=user,
        data={"version": number, "content_hash": archive.content_hash, "file": archive.name},
    )
    return version


@transaction.atomic
def package_publish(*, user, package: ElearningPackage, publish: bool = True) -> ElearningPackage:
    """Publish (students may play it) or take back to draft."""
    if not permissions.can_edit_package(user, package):
        raise PermissionDenied(_("Bạn không có quyền xuất bản gói bài giảng này."))
    if publish and package.current_id is None:
        raise PackageRejected("Gói chưa có phiên bản hợp lệ nào để xuất bản")
    package.status = Status.PUBLISHED if publish else Status.DRAFT
    package.save(update_fields=["status", "updated_at"])
    log(
        instance=package,
        action="content.package_publish" if publish else "content.package_unpublish",
        user=user,
    )
    return package
