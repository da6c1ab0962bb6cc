"""Realistic Vietnamese demo data: one Sở, two Phòng, three schools, classes, people, lessons.

Deterministic (seeded), idempotent: running it twice leaves one copy.
"""

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import (
    Department,
    Enrolment,
    Gender,
    Role,
    SchoolClass,
    SchoolLevel,
    SchoolYear,
    TeachingAssignment,
    User,
)
from accounts.roles import sync_user_groups
from accounts.services import school_create, user_build, user_create
from accounts.validators import cccd_century_digit
from curriculum.loader import curriculum_load_files
from curriculum.models import Subject

DEMO_PASSWORD = "hoclieu2025"  # noqa: S105 - printed for the demo, never used in production
ADMIN_USERNAME = "admin"
#: Where people sign in: the site's own page for everyone; staff roles also use the admin.
SITE_SIGN_IN_URL = "/dang-nhap/"
ADMIN_URL = "/admin/"

SURNAMES = (
    ["Nguyễn"] * 10
    + ["Trần"] * 4
    + ["Lê"] * 3
    + ["Phạm"] * 2
    + [
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đinh",
        "Mai",
    ]
)
MIDDLE = {
    Gender.MALE: [
        "Văn",
        "Đức",
        "Minh",
        "Quang",
        "Hữu",
        "Thanh",
        "Gia",
        "Anh",
        "Hoàng",
        "Tiến",
        "Công",
    ],
    Gender.FEMALE: [
        "Thị",
        "Ngọc",
        "Thu",
        "Thanh",
        "Khánh",
        "Phương",
        "Minh",
        "Bảo",
        "Hồng",
        "Thùy",
    ],
}
GIVEN = {
    Gender.MALE: [
        "An",
        "Bảo",
        "Cường",
        "Dũng",
        "Duy",
        "Đạt",
        "Hải",
        "Hiếu",
        "Hoàng",
        "Huy",
        "Khang",
        "Khoa",
        "Khôi",
        "Long",
        "Minh",
        "Nam",
        "Nghĩa",
        "Phúc",
        "Quân",
        "Quang",
        "Sơn",
        "Thành",
        "Trung",
        "Tuấn",
        "Việt",
        "Vinh",
        "Đăng",
        "Kiên",
        "Lâm",
        "Phong",
    ],
    Gender.FEMALE: [
        "Anh",
        "Chi",
        "Diệp",
        "Giang",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "My",
        "Ngân",
        "Ngọc",
        "Nhung",
        "Phương",
        "Quỳnh",
        "Thảo",
        "Trang",
        "Uyên",
        "Vy",
        "Yến",
        "Hằng",
        "Thư",
        "Trâm",
        "Huyền",
        "Nhi",
        "Loan",
    ],
}

# Ninh Bình: CCCD province code 037, education code 27.
CCCD_PROVINCE = "037"
STUDENT_ID_PROVINCE = "27"

SCHOOLS = [
    # code, name, level, district code or None, address, classes
    (
        "27001",
        "Trường THPT Nguyễn Huệ",
        SchoolLevel.UPPER_SECONDARY,
        None,
        "Phường Đông Thành, Ninh Bình",
        ["10A1", "10A2", "11A1", "11A2", "12A1", "12A2"],
    ),
    (
        "27002",
        "Trường THPT Yên Mô A",
        SchoolLevel.UPPER_SECONDARY,
        None,
        "Xã Yên Mô, Ninh Bình",
        ["10A1", "11A1", "12A1"],
    ),
    (
        "27101",
        "Trường THCS Trương Hán Siêu",
        SchoolLevel.LOWER_SECONDARY,
        "NB-HL",
        "Phường Hoa Lư, Ninh Bình",
        ["6A", "7A", "9A"],
    ),
]
TEACHERS_PER_SCHOOL = [18, 12, 10]
STUDENT_TOTAL = 400
SUBJECT_CODES = ["toan", "ngu-van", "tieng-anh", "vat-ly", "hoa-hoc", "lich-su"]

DEMO_LESSONS = [
    (
        "toan-10-c01-b01",
        "Mệnh đề là một câu khẳng định có tính đúng hoặc sai. Bài học giới thiệu "
        "mệnh đề phủ định, mệnh đề kéo theo, mệnh đề đảo và các kí hiệu ∀, ∃.",
    ),
    (
        "toan-10-c01-b02",
        "Tập hợp, tập con, hai tập hợp bằng nhau; các phép toán giao, hợp, hiệu và phần bù.",
    ),
    (
        "vat-ly-10-c01-b01",
        "Đối tượng nghiên cứu của Vật lí, phương pháp thực nghiệm và vai trò của Vật lí với đời sống.",
    ),
    (
        "hoa-hoc-10-c01-b01",
        "Thành phần của nguyên tử: proton, neutron, electron; kích thước và khối lượng nguyên tử.",
    ),
    (
        "ngu-van-10-c01-b01",
        "Đọc hiểu thần thoại Việt Nam về các vị thần sáng tạo thế giới: cốt truyện, nhân vật, không gian và thời gian trong thần thoại.",
    ),
    (
        "lich-su-12-c01-b01",
        "Liên hợp quốc: sự thành lập, mục tiêu, nguyên tắc hoạt động và vai trò.",
    ),
]


class DemoLogin(NamedTuple):
    """One printed demo login: who it is, the credentials, and the page to sign in at."""

    label: str
    username: str
    password: str
    sign_in_url: str


@dataclass
class DemoSummary:
    created: bool
    logins: list[tuple[str, str, str]]


def _person(rng: random.Random, gender: str | None = None) -> tuple[str, str]:
    gender = gender or rng.choice([Gender.MALE, Gender.FEMALE])
    name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
    return name, gender


def _cccd(rng: random.Random, dob: dt.date, gender: str) -> str:
    century = cccd_century_digit(dob.year, gender).pop()
    return f"{CCCD_PROVINCE}{century}{dob.year % 100:02d}{rng.randrange(10**6):06d}"


#: The printed roles, in order: (role, label).
PRINTED_ROLES = [
    (Role.DEPARTMENT_ADMIN, "Quản trị Sở"),
    (Role.SCHOOL_ADMIN, "Quản trị trường"),
    (Role.TEACHER, "Giáo viên chủ nhiệm"),
    (Role.LIBRARIAN, "Thủ thư"),
    (Role.EXAM_BOARD, "Hội đồng thi"),
    (Role.STUDENT, "Học sinh"),
]


def demo_logins() -> list[DemoLogin]:
    """The logins the seed prints, one per role, each with the page its role signs in at:
    students at the site's sign-in page, staff roles (who also may use it) at the admin."""
    rows = [DemoLogin("Quản trị hệ thống (superuser)", ADMIN_USERNAME, DEMO_PASSWORD, ADMIN_URL)]
    for role, label in PRINTED_ROLES:
        qs = User.objects.filter(role=role, is_superuser=False)
        if role == Role.TEACHER:
            qs = qs.filter(homeroom_classes__isnull=False)
        user = qs.order_by("pk").first()
        if user:
            where = SITE_SIGN_IN_URL if role == Role.STUDENT else ADMIN_URL
            rows.append(
                DemoLogin(f"{label}: {user.full_name}", user.username, DEMO_PASSWORD, where)
            )
    return rows


def _logins() -> list[tuple[str, str, str]]:
    return [(row.label, row.username, row.password) for row in demo_logins()]


def _no_progress(_step: str) -> None:
    return None


@transaction.atomic
def seed_demo(
    *,
    seed: int = 2025,
    questions: bool = True,
    progress: Callable[[str], None] = _no_progress,
) -> DemoSummary:
    """Create the demo dataset unless it already exists; return the logins to print.
    ``progress`` is told, in one short line, each step as it starts."""
    if Department.objects.filter(code="NB").exists():
        return DemoSummary(created=False, logins=_logins())
    progress("Sở, Phòng, trường, lớp, giáo viên và học sinh…")
    rng = random.Random(seed)
    password_hash = make_password(DEMO_PASSWORD)  # hashed once for every demo account
    curriculum_load_files()
    subjects = {s.code: s for s in Subject.objects.all()}

    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(
            ADMIN_USERNAME,
            "admin@hoclieu.local",
            DEMO_PASSWORD,
            full_name="Quản trị hệ thống",
            role=Role.DEPARTMENT_ADMIN,
        )
    department = Department.objects.create(name="Sở Giáo dục và Đào tạo Ninh Bình", code="NB")
    districts = {
        "NB-HL": department.district_offices.create(name="Phòng GD&ĐT Hoa Lư", code="NB-HL"),
        "NB-YM": department.district_offices.create(name="Phòng GD&ĐT Yên Mô", code="NB-YM"),
    }
    year = SchoolYear.objects.get_or_create(
        name="2025-2026",
        defaults={
            "start_date": dt.date(2025, 9, 5),
            "end_date": dt.date(2026, 5, 31),
            "is_current": True,
        },
    )[0]
    dept_admin = user_create(
        username="so.quantri",
        full_name="Đỗ Thị Thanh Hương",
        role=Role.DEPARTMENT_ADMIN,
        department=department,
        email="so.quantri@ninhbinh.edu.vn",
        password=None,
    )
    exam_board = user_create(
        username="hoidongthi.so",
        full_name="Vũ Đức Thắng",
        role=Role.EXAM_BOARD,
        department=department,
        email="hoidongthi@ninhbinh.edu.vn",
    )
    staff = [dept_admin, exam_board]  # every staff account gets the printed password below
    classes: list[SchoolClass] = []
    for (code, name, level, district, address, class_names), n_teachers in zip(
        SCHOOLS, TEACHERS_PER_SCHOOL, strict=True
    ):
        school = school_create(
            department=department,
            name=name,
            code=code,
            level=level,
            district_office=districts.get(district),
            address=address,
        )
        short = code[-3:]
        for prefix, role in (("quantri", Role.SCHOOL_ADMIN), ("thuthu", Role.LIBRARIAN)):
            staff.append(
                user_create(
                    username=f"{prefix}.{short}",
                    full_name=_person(rng)[0],
                    role=role,
                    school=school,
                    email=f"{prefix}.{short}@ninhbinh.edu.vn",
                )
            )
        teachers = []
        for i in range(1, n_teachers + 1):
            full_name, gender = _person(rng)
            dob = dt.date(rng.randint(1970, 1998), rng.randint(1, 12), rng.randint(1, 28))
            teachers.append(
                user_create(
                    username=f"gv{short}.{i:02d}",
                    full_name=full_name,
                    role=Role.TEACHER,
                    school=school,
                    email=f"gv{short}.{i:02d}@ninhbinh.edu.vn",
                    gender=gender,
                    date_of_birth=dob,
                    citizen_id=_cccd(rng, dob, gender),
                    phone=f"09{rng.randrange(10**8):08d}",
                )
            )
        staff.extend(teachers)
        for c, class_name in enumerate(class_names):
            grade = int(re.match(r"\d+", class_name).group())
            school_class = SchoolClass.objects.create(
                school=school,
                school_year=year,
                name=class_name,
                grade=grade,
                homeroom_teacher=teachers[c],
            )
            classes.append(school_class)
            for s, subject_code in enumerate(SUBJECT_CODES):
                TeachingAssignment.objects.create(
                    teacher=teachers[(c + s) % len(teachers)],
                    school_class=school_class,
                    subject=subjects.get(subject_code),
                )
    User.objects.filter(pk__in=[u.pk for u in staff]).update(password=password_hash)

    students = []
    per_class = [STUDENT_TOTAL // len(classes)] * len(classes)
    for i in range(STUDENT_TOTAL % len(classes)):
        per_class[i] += 1
    serial = 0
    for school_class, count in zip(classes, per_class, strict=True):
        birth_year = 2025 - school_class.grade - 6
        for _ in range(count):
            serial += 1
            full_name, gender = _person(rng)
            dob = dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
            student_id = f"{STUDENT_ID_PROVINCE}{serial + 10_000_000:08d}"
            school = school_class.school
            students.append(
                (
                    school_class,
                    user_build(
                        username=student_id,
                        full_name=full_name,
                        role=Role.STUDENT,
                        school=school,
                        student_id=student_id,
                        date_of_birth=dob,
                        gender=gender,
                        citizen_id=_cccd(rng, dob, gender) if rng.random() < 0.7 else None,
                        password=password_hash,
                    ),
                )
            )
    created = User.objects.bulk_create([u for _, u in students])
    by_username = dict(User.objects.filter(role=Role.STUDENT).values_list("username", "pk"))
    Enrolment.objects.bulk_create(
        Enrolment(student_id=by_username[u.username], school_class=c, enrolled_on=year.start_date)
        for (c, _), u in zip(students, created, strict=True)
    )
    for user in staff:
        sync_user_groups(user)
    if questions:
        from demo.questions import seed_question_bank

        progress("Ngân hàng câu hỏi (gần 2.000 câu hỏi có lời giải)…")
        seed_question_bank(seed=seed)
    progress("Học liệu, bài giảng điện tử và thư viện điện tử…")
    seed_lessons(seed=seed, questions=questions)  # after the bank: pages embed its questions
    return DemoSummary(created=True, logins=_logins())


def seed_lessons(*, seed: int = 2025, questions: bool = True):
    """Publish the demo learning materials (hubs, DEMO_LESSONS and more lessons, e-lectures)
    and the library; see :func:`content.demo.seed_content`. Returns its summary."""
    from demo.materials import seed_content

    return seed_content(seed=seed, questions=questions)
