"""Packages for tracking tests: rows made directly (a version's files are not needed to
track it; uploading and validating archives is content.packages' and tested there)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.test import Client

from accounts.models import Role
from content.packages.models import ElearningPackage, PackageVersion, Status
from tests.accounts.factories import make_class, make_school, make_student_in, make_user

PASSWORD = "mat-khau-thu"


def make_version(
    owner,
    *,
    kind: str = "scorm12",
    edition: str = "1.2",
    status: str = Status.PUBLISHED,
    scos: tuple[str, ...] = ("sco-1",),
    title: str = "Bài giảng điện tử: Hàm số",
    number: int = 1,
    package=None,
) -> PackageVersion:
    if package is None:
        package = ElearningPackage.objects.create(
            title=title, kind=kind, owner=owner, school=owner.school, status=status
        )
    structure = (
        {"title": title, "main_library": "H5P.DragText 1.10"}
        if kind == "h5p"
        else {
            "organisation": title,
            "scos": [
                {"id": s, "title": f"Phần {i + 1}", "href": "index.html", "resource": f"r{i}"}
                for i, s in enumerate(scos)
            ],
        }
    )
    version = PackageVersion.objects.create(
        package=package,
        number=number,
        kind=kind,
        edition=edition,
        content_hash=f"{package.pk:064d}"[-64:],
        storage_prefix=f"packages/{package.pk:064d}/",
        launch="" if kind == "h5p" else "index.html",
        structure=structure,
        uploaded_by=owner,
    )
    package.current = version
    package.save(update_fields=["current"])
    return version


@dataclass
class World:
    school: object
    teacher: object
    student: object
    classmate: object
    outsider_teacher: object
    outsider_student: object


def make_world() -> World:
    school = make_school()
    teacher = make_user(role=Role.TEACHER, school=school)
    school_class = make_class(school=school, name="10A1", homeroom_teacher=teacher)
    other_school = make_school()
    other_class = make_class(school=other_school, name="10B1")
    return World(
        school=school,
        teacher=teacher,
        student=make_student_in(school_class),
        classmate=make_student_in(school_class),
        outsider_teacher=make_user(role=Role.TEACHER, school=other_school),
        outsider_student=make_student_in(other_class),
    )


def client_for(user, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def post_json(client: Client, url: str, payload, **headers):
    return client.post(url, data=json.dumps(payload), content_type="application/json", **headers)


def commit12(*, status="incomplete", raw="", high="", suspend="", location="", time=""):
    return {
        "cmi": {
            "core": {
                "lesson_status": status,
                "lesson_location": location,
                "score": {"raw": raw, "min": "0" if raw else "", "max": high},
                "session_time": time,
                "exit": "suspend",
            },
            "suspend_data": suspend,
        }
    }
