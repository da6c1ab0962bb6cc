"""The demo's people: one Sở, two Phòng, three schools, classes, teachers and 400 students.

Who they are (names to draw from, the Sở, its offices, staff and schools) is
``demo/data/people.yaml``; this module generates the people, deterministically for a seed.
"""

import datetime as dt
import random
import re
from pathlib import Path
from typing import NamedTuple

import yaml

from accounts.models import (
    Department,
    Enrolment,
    Gender,
    Role,
    SchoolClass,
    SchoolYear,
    TeachingAssignment,
    User,
)
from accounts.roles import sync_user_groups
from accounts.services import school_create, user_build, user_create
from accounts.validators import cccd_century_digit
from curriculum.models import Subject

DEMO_PASSWORD = "hoclieu2025"  # noqa: S105 - printed for the demo, never used in production
ADMIN_USERNAME = "admin"
#: Where people sign in: the site's own page for everyone; staff roles also use the admin.
SITE_SIGN_IN_URL = "/dang-nhap/"
ADMIN_URL = "/admin/"

PROVINCE = yaml.safe_load(
    (Path(__file__).resolve().parent / "data" / "people.yaml").read_text(encoding="utf-8")
)
#: Surnames as often as their weight, in the file's order (the draw depends on it).
SURNAMES = [name for name, weight in PROVINCE["surnames"].items() for _ in range(weight)]
MIDDLE = {Gender(gender): names for gender, names in PROVINCE["middle_names"].items()}
GIVEN = {Gender(gender): names for gender, names in PROVINCE["given_names"].items()}

# Ninh Bình: CCCD province code 037, education code 27.
CCCD_PROVINCE = "037"
STUDENT_ID_PROVINCE = "27"
STUDENT_TOTAL = 400
SUBJECT_CODES = ["toan", "ngu-van", "tieng-anh", "vat-ly", "hoa-hoc", "lich-su"]
SCHOOL_YEAR = {
    "name": "2025-2026",
    "start_date": dt.date(2025, 9, 5),
    "end_date": dt.date(2026, 5, 31),
}


class DemoLogin(NamedTuple):
    """One printed demo login: who it is, the credentials, and the page to sign in at."""

    label: str
    username: str
    password: str
    sign_in_url: str


#: The printed student's class and school (the README's online exam is for this class).
EXAM_SCHOOL_CODE = "27001"
EXAM_CLASS_NAME = "12A1"

#: The printed roles, in order: (role, label).
PRINTED_ROLES = [
    (Role.DEPARTMENT_ADMIN, "Quản trị Sở"),
    (Role.SCHOOL_ADMIN, "Quản trị trường"),
    (Role.TEACHER, "Giáo viên chủ nhiệm"),
    (Role.LIBRARIAN, "Thủ thư"),
    (Role.EXAM_BOARD, "Hội đồng thi"),
    (Role.STUDENT, "Học sinh"),
]


def random_person(rng: random.Random, gender: str | None = None) -> tuple[str, str]:
    """A Vietnamese full name and the gender it was drawn for."""
    gender = gender or rng.choice([Gender.MALE, Gender.FEMALE])
    name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
    return name, gender


def _cccd(rng: random.Random, dob: dt.date, gender: str) -> str:
    century = cccd_century_digit(dob.year, gender).pop()
    return f"{CCCD_PROVINCE}{century}{dob.year % 100:02d}{rng.randrange(10**6):06d}"


def demo_logins() -> list[DemoLogin]:
    """The logins the seed prints, one per role, each with the page its role signs in at:
    students at the site's sign-in page, staff roles (who also may use it) at the admin."""
    rows = [DemoLogin("Quản trị hệ thống (superuser)", ADMIN_USERNAME, DEMO_PASSWORD, ADMIN_URL)]
    for role, label in PRINTED_ROLES:
        qs = User.objects.filter(role=role, is_superuser=False)
        if role == Role.TEACHER:
            qs = qs.filter(homeroom_classes__isnull=False)
        if role == Role.STUDENT:
            qs = exam_class_students()
        user = qs.order_by("pk").first()
        if user:
            where = SITE_SIGN_IN_URL if role == Role.STUDENT else ADMIN_URL
            rows.append(
                DemoLogin(f"{label}: {user.full_name}", user.username, DEMO_PASSWORD, where)
            )
    return rows


def exam_class_students():
    """The students of class 12A1 of Trường THPT Nguyễn Huệ, the printed one first."""
    return User.objects.filter(
        role=Role.STUDENT,
        enrolments__school_class__school__code=EXAM_SCHOOL_CODE,
        enrolments__school_class__name=EXAM_CLASS_NAME,
    )


def logins() -> list[tuple[str, str, str]]:
    return [(row.label, row.username, row.password) for row in demo_logins()]


def people_exist() -> bool:
    return Department.objects.filter(code=PROVINCE["department"]["code"]).exists()


def seed_people(*, rng: random.Random, password_hash: str) -> None:
    """The superuser, the Sở with its offices and staff, the schools with their staff,
    classes and teaching assignments, then the students; every demo account gets
    ``password_hash`` (the printed password, hashed once)."""
    subjects = {s.code: s for s in Subject.objects.all()}
    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(
            ADMIN_USERNAME,
            "admin@hoclieu.local",
            DEMO_PASSWORD,
            full_name="Quản trị hệ thống",
            role=Role.DEPARTMENT_ADMIN,
        )
    department = Department.objects.create(**PROVINCE["department"])
    districts = {
        office["code"]: department.district_offices.create(**office)
        for office in PROVINCE["district_offices"]
    }
    year = SchoolYear.objects.get_or_create(
        name=SCHOOL_YEAR["name"],
        defaults={**SCHOOL_YEAR, "is_current": True},
    )[0]
    # every staff account gets the printed password below
    staff = [user_create(department=department, **row) for row in PROVINCE["department_staff"]]
    classes: list[SchoolClass] = []
    for spec in PROVINCE["schools"]:
        school_staff, school_classes = _seed_school(
            rng, spec, department=department, district=districts.get(spec["district_office"])
        )
        staff += school_staff
        classes += _seed_classes(school_classes, year=year, subjects=subjects)
    User.objects.filter(pk__in=[u.pk for u in staff]).update(password=password_hash)
    _seed_students(rng, classes, year=year, password_hash=password_hash)
    for user in staff:
        sync_user_groups(user)


def _seed_school(rng: random.Random, spec: dict, *, department, district) -> tuple[list, list]:
    """A school, its admin and librarian, its teachers; returns (staff, [(class name,
    school, homeroom teacher, teachers)])."""
    code = spec["code"]
    school = school_create(
        department=department,
        name=spec["name"],
        code=code,
        level=spec["level"],
        district_office=district,
        address=spec["address"],
    )
    short = code[-3:]
    staff = [
        user_create(
            username=f"{prefix}.{short}",
            full_name=random_person(rng)[0],
            role=role,
            school=school,
            email=f"{prefix}.{short}@ninhbinh.edu.vn",
        )
        for prefix, role in (("quantri", Role.SCHOOL_ADMIN), ("thuthu", Role.LIBRARIAN))
    ]
    teachers = [_teacher(rng, school, f"gv{short}.{i:02d}") for i in range(1, spec["teachers"] + 1)]
    classes = [(name, school, teachers[c], teachers) for c, name in enumerate(spec["classes"])]
    return staff + teachers, classes


def _teacher(rng: random.Random, school, username: str) -> User:
    full_name, gender = random_person(rng)
    dob = dt.date(rng.randint(1970, 1998), rng.randint(1, 12), rng.randint(1, 28))
    return user_create(
        username=username,
        full_name=full_name,
        role=Role.TEACHER,
        school=school,
        email=f"{username}@ninhbinh.edu.vn",
        gender=gender,
        date_of_birth=dob,
        citizen_id=_cccd(rng, dob, gender),
        phone=f"09{rng.randrange(10**8):08d}",
    )


def _seed_classes(specs: list, *, year, subjects: dict) -> list[SchoolClass]:
    """The classes of one school, each subject taught by one of its teachers in turn."""
    classes = []
    for c, (name, school, homeroom, teachers) in enumerate(specs):
        school_class = SchoolClass.objects.create(
            school=school,
            school_year=year,
            name=name,
            grade=int(re.match(r"\d+", name).group()),
            homeroom_teacher=homeroom,
        )
        classes.append(school_class)
        for s, subject_code in enumerate(SUBJECT_CODES):
            TeachingAssignment.objects.create(
                teacher=teachers[(c + s) % len(teachers)],
                school_class=school_class,
                subject=subjects.get(subject_code),
            )
    return classes


def _seed_students(rng: random.Random, classes: list, *, year, password_hash: str) -> None:
    """:data:`STUDENT_TOTAL` students spread evenly over the classes, and their enrolments."""
    per_class = [STUDENT_TOTAL // len(classes)] * len(classes)
    for i in range(STUDENT_TOTAL % len(classes)):
        per_class[i] += 1
    students = []
    serial = 0
    for school_class, count in zip(classes, per_class, strict=True):
        birth_year = 2025 - school_class.grade - 6
        for _ in range(count):
            serial += 1
            student = _student(rng, school_class, birth_year, serial, password_hash)
            students.append((school_class, student))
    created = User.objects.bulk_create([u for _, u in students])
    by_username = dict(User.objects.filter(role=Role.STUDENT).values_list("username", "pk"))
    Enrolment.objects.bulk_create(
        Enrolment(student_id=by_username[u.username], school_class=c, enrolled_on=year.start_date)
        for (c, _), u in zip(students, created, strict=True)
    )


def _student(
    rng: random.Random, school_class, birth_year: int, serial: int, password_hash: str
) -> User:
    full_name, gender = random_person(rng)
    dob = dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
    student_id = f"{STUDENT_ID_PROVINCE}{serial + 10_000_000:08d}"
    return user_build(
        username=student_id,
        full_name=full_name,
        role=Role.STUDENT,
        school=school_class.school,
        student_id=student_id,
        date_of_birth=dob,
        gender=gender,
        citizen_id=_cccd(rng, dob, gender) if rng.random() < 0.7 else None,
        password=password_hash,
    )
