"""Validate every row of a roster, then save all of it or nothing.

Each kind (schools, classes, teachers, students) declares its columns and a row
checker that returns the object's data or the row's errors in Vietnamese. Nothing is
written unless every row is valid; the write is one transaction with bulk inserts.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import (
    DistrictOffice,
    Enrolment,
    Gender,
    Role,
    School,
    SchoolClass,
    SchoolLevel,
    SchoolYear,
    User,
)
from accounts.roles import sync_user_groups
from accounts.roster.reader import Column, RosterFileError, Row, parse_date, read_rows
from accounts.services import school_create, user_build
from accounts.validators import check_cccd, check_student_id
from common.db import statistics_refresh_on_commit
from common.vietnamese import fold

KINDS = ("schools", "classes", "teachers", "students")


@dataclass
class RowError:
    row: int
    message: str

    def __str__(self):
        return _("Dòng %(row)d: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


COLUMNS: dict[str, list[Column]] = {
    "schools": [
        Column("code", "Mã trường"),
        Column("name", "Tên trường"),
        Column("level", "Cấp học"),
        Column("district", "Mã Phòng GD&ĐT", ("Mã phòng",), required=False),
        Column("address", "Địa chỉ", required=False),
    ],
    "classes": [
        Column("school", "Mã trường"),
        Column("name", "Tên lớp", ("Lớp",)),
        Column("grade", "Khối"),
        Column("homeroom", "GVCN", ("Giáo viên chủ nhiệm",), required=False),
    ],
    "teachers": [
        Column("school", "Mã trường"),
        Column("full_name", "Họ và tên", ("Họ tên",)),
        Column("email", "Email"),
        Column("role", "Vai trò", required=False),
        Column("date_of_birth", "Ngày sinh", required=False),
        Column("gender", "Giới tính", required=False),
        Column("phone", "Số điện thoại", ("Điện thoại", "SĐT"), required=False),
        Column("citizen_id", "CCCD", ("Số CCCD", "Căn cước công dân"), required=False),
    ],
    "students": [
        Column("school", "Mã trường"),
        Column("class_name", "Lớp", ("Tên lớp",)),
        Column("full_name", "Họ và tên", ("Họ tên",)),
        Column("student_id", "Mã định danh", ("Mã học sinh", "Mã định danh học sinh")),
        Column("date_of_birth", "Ngày sinh", required=False),
        Column("gender", "Giới tính", required=False),
        Column("citizen_id", "CCCD", ("Số CCCD", "Căn cước công dân"), required=False),
        Column("email", "Email", required=False),
        Column("parent_email", "Email phụ huynh", ("Email cha mẹ",), required=False),
    ],
}

_GENDERS = {"nam": Gender.MALE, "nu": Gender.FEMALE, "male": Gender.MALE, "female": Gender.FEMALE}
# Values as Vietnamese sheets write them, matched without diacritics or case.
_LEVELS = {
    "tieu hoc": SchoolLevel.PRIMARY,
    "thcs": SchoolLevel.LOWER_SECONDARY,
    "trung hoc co so": SchoolLevel.LOWER_SECONDARY,
    "thpt": SchoolLevel.UPPER_SECONDARY,
    "trung hoc pho thong": SchoolLevel.UPPER_SECONDARY,
    "lien cap": SchoolLevel.MULTI_LEVEL,
}
_STAFF_ROLES = {
    "giao vien": Role.TEACHER,
    "thu thu": Role.LIBRARIAN,
    "hoi dong thi": Role.EXAM_BOARD,
    "thanh vien hoi dong thi": Role.EXAM_BOARD,
    "quan tri truong": Role.SCHOOL_ADMIN,
}


class _Context:
    """What every row checker needs, loaded once per import (no query per row)."""

    def __init__(self, *, kind: str, actor, school_year: SchoolYear | None):
        self.actor = actor
        self.school_year = school_year
        self.schools = {s.code: s for s in permissions.managed_schools(actor)}
        self.all_school_codes = set(School.objects.values_list("code", flat=True))
        self.seen: dict[tuple[str, str], int] = {}
        if kind in ("teachers", "students"):
            people = User.objects.all()
            self.existing_cccd = set(
                people.exclude(citizen_id=None).values_list("citizen_id", flat=True)
            )
            self.existing_usernames = set(people.values_list("username", flat=True))
            self.existing_student_ids = set(
                people.exclude(student_id=None).values_list("student_id", flat=True)
            )
        if kind == "students":
            self.classes = {
                (c.school_id, c.name): c
                for c in SchoolClass.objects.filter(
                    school__in=self.schools.values(), school_year=school_year
                )
            }

    def school(self, row: Row, errors: list[str]) -> School | None:
        code = row.text("school")
        if not code:
            errors.append(_("thiếu mã trường."))
            return None
        if code in self.schools:
            return self.schools[code]
        if code in self.all_school_codes:
            errors.append(_("bạn không có quyền quản lý trường %(code)s.") % {"code": code})
        else:
            errors.append(_("không tìm thấy trường có mã %(code)s.") % {"code": code})
        return None

    def first_seen(self, kind: str, value: str, row: Row) -> int | None:
        """Row number where ``value`` of ``kind`` appeared earlier in this file, if any."""
        key = (kind, value)
        if key in self.seen:
            return self.seen[key]
        self.seen[key] = row.number
        return None


def _gender(row: Row, errors: list[str]) -> str:
    text = row.text("gender")
    if not text:
        return ""
    gender = _GENDERS.get(fold(text))
    if gender is None:
        errors.append(_("giới tính “%(value)s” không hợp lệ (Nam/Nữ).") % {"value": text})
        return ""
    return gender


def _date_of_birth(row: Row, errors: list[str]) -> dt.date | None:
    try:
        return parse_date(row.values.get("date_of_birth"))
    except ValueError:
        errors.append(
            _("ngày sinh “%(value)s” không đúng dạng ngày/tháng/năm.")
            % {"value": row.text("date_of_birth")}
        )
        return None


def _citizen_id(row: Row, ctx: _Context, errors: list[str], **person) -> str | None:
    cccd = row.text("citizen_id")
    if not cccd:
        return None
    errors.extend(check_cccd(cccd, **person))
    earlier = ctx.first_seen("cccd", cccd, row)
    if earlier:
        errors.append(_("CCCD %(value)s trùng với dòng %(row)d.") % {"value": cccd, "row": earlier})
    elif cccd in ctx.existing_cccd:
        errors.append(_("CCCD %(value)s đã có trong hệ thống.") % {"value": cccd})
    return cccd


def _personal_fields(row: Row, ctx: _Context, errors: list[str]) -> dict:
    """Gender, date of birth and CCCD of a person row, checked against each other."""
    gender = _gender(row, errors)
    dob = _date_of_birth(row, errors)
    cccd = _citizen_id(row, ctx, errors, date_of_birth=dob, gender=gender or None)
    return {"gender": gender, "date_of_birth": dob, "citizen_id": cccd}


def _check_school_row(row: Row, ctx: _Context, errors: list[str]) -> dict | None:
    code, name = row.text("code"), row.text("name")
    if not code or not name:
        errors.append(_("thiếu mã trường hoặc tên trường."))
    if code in ctx.all_school_codes:
        errors.append(_("mã trường %(code)s đã tồn tại.") % {"code": code})
    elif earlier := ctx.first_seen("school", code, row):
        errors.append(
            _("mã trường %(code)s trùng với dòng %(row)d.") % {"code": code, "row": earlier}
        )
    level = _LEVELS.get(fold(row.text("level")))
    if level is None:
        errors.append(
            _("cấp học “%(value)s” không hợp lệ (Tiểu học, THCS, THPT, Liên cấp).")
            % {"value": row.text("level")}
        )
    department = getattr(ctx.actor, "department", None)
    if department is None:
        errors.append(_("tài khoản của bạn không thuộc Sở GD&ĐT nào."))
    district = None
    if district_code := row.text("district"):
        district = DistrictOffice.objects.filter(code=district_code, department=department).first()
        if district is None:
            errors.append(_("không tìm thấy Phòng GD&ĐT mã %(code)s.") % {"code": district_code})
    if ctx.actor.role != Role.DEPARTMENT_ADMIN and not ctx.actor.is_superuser:
        errors.append(_("chỉ quản trị Sở/Phòng được thêm trường."))
    return {
        "department": department,
        "district_office": district,
        "name": name,
        "code": code,
        "level": level,
        "address": row.text("address"),
    }


def _check_class_row(row: Row, ctx: _Context, errors: list[str]) -> dict | None:
    school = ctx.school(row, errors)
    name = row.text("name").upper()
    if not name:
        errors.append(_("thiếu tên lớp."))
    try:
        grade = int(row.text("grade"))
        if not 1 <= grade <= 12:
            raise ValueError
    except ValueError:
        errors.append(_("khối “%(value)s” phải là số từ 1 đến 12.") % {"value": row.text("grade")})
        grade = None
    if school and name:
        if SchoolClass.objects.filter(
            school=school, school_year=ctx.school_year, name=name
        ).exists():
            errors.append(_("lớp %(name)s đã có ở trường này trong năm học.") % {"name": name})
        elif earlier := ctx.first_seen("class", f"{school.code}/{name}", row):
            errors.append(
                _("lớp %(name)s trùng với dòng %(row)d.") % {"name": name, "row": earlier}
            )
    homeroom = None
    if (ref := row.text("homeroom")) and school:
        homeroom = (
            User.objects.filter(school=school, role=Role.TEACHER).filter(email__iexact=ref).first()
            or User.objects.filter(school=school, role=Role.TEACHER, username=ref).first()
        )
        if homeroom is None:
            errors.append(_("không tìm thấy giáo viên “%(ref)s” ở trường này.") % {"ref": ref})
    return {"school": school, "name": name, "grade": grade, "homeroom_teacher": homeroom}


def _check_teacher_row(row: Row, ctx: _Context, errors: list[str]) -> dict | None:
    school = ctx.school(row, errors)
    full_name = row.text("full_name")
    if not full_name:
        errors.append(_("thiếu họ và tên."))
    email = row.text("email").lower()
    if "@" not in email:
        errors.append(_("email “%(value)s” không hợp lệ.") % {"value": email})
    elif earlier := ctx.first_seen("email", email, row):
        errors.append(
            _("email %(value)s trùng với dòng %(row)d.") % {"value": email, "row": earlier}
        )
    elif email in ctx.existing_usernames:
        errors.append(_("tài khoản %(value)s đã có trong hệ thống.") % {"value": email})
    role = Role.TEACHER
    if role_text := row.text("role"):
        role = _STAFF_ROLES.get(fold(role_text))
        if role is None:
            errors.append(_("vai trò “%(value)s” không hợp lệ.") % {"value": role_text})
    personal = _personal_fields(row, ctx, errors)
    return {
        "username": email,
        "email": email,
        "full_name": full_name,
        "role": role,
        "school": school,
        "phone": row.text("phone"),
        **personal,
    }


def _check_student_row(row: Row, ctx: _Context, errors: list[str]) -> dict | None:
    school = ctx.school(row, errors)
    full_name = row.text("full_name")
    if not full_name:
        errors.append(_("thiếu họ và tên."))
    class_name = row.text("class_name").upper()
    school_class = None
    if school and class_name:
        school_class = ctx.classes.get((school.pk, class_name))
        if school_class is None:
            errors.append(
                _("không tìm thấy lớp %(cls)s của trường %(school)s trong năm học %(year)s.")
                % {"cls": class_name, "school": school.code, "year": ctx.school_year}
            )
    elif not class_name:
        errors.append(_("thiếu tên lớp."))
    student_id = row.text("student_id")
    if msgs := check_student_id(student_id):
        errors.extend(msgs)
    elif earlier := ctx.first_seen("student_id", student_id, row):
        errors.append(
            _("mã định danh %(value)s trùng với dòng %(row)d.")
            % {"value": student_id, "row": earlier}
        )
    elif student_id in ctx.existing_student_ids:
        errors.append(_("mã định danh %(value)s đã có trong hệ thống.") % {"value": student_id})
    personal = _personal_fields(row, ctx, errors)
    return {
        "username": student_id,
        "student_id": student_id,
        "full_name": full_name,
        "school": school,
        "school_class": school_class,
        "email": row.text("email"),
        "parent_email": _parent_email(row, errors),
        **personal,
    }


def _parent_email(row: Row, errors: list[str]) -> str:
    value = row.text("parent_email").lower()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            errors.append(_("email phụ huynh “%(value)s” không hợp lệ.") % {"value": value})
    return value


_CHECKERS: dict[str, Callable[[Row, _Context, list[str]], dict | None]] = {
    "schools": _check_school_row,
    "classes": _check_class_row,
    "teachers": _check_teacher_row,
    "students": _check_student_row,
}


def _new_user(data: dict, role: str, password_hash: str) -> User:
    return user_build(
        username=data["username"],
        full_name=data["full_name"],
        role=role,
        school=data["school"],
        email=data.get("email", ""),
        parent_email=data.get("parent_email", ""),
        student_id=data.get("student_id"),
        citizen_id=data.get("citizen_id"),
        date_of_birth=data.get("date_of_birth"),
        gender=data.get("gender", ""),
        phone=data.get("phone", ""),
        password=password_hash,
    )


def _save(kind: str, items: list[dict], ctx: _Context) -> int:
    # Accounts start with an unusable password: an administrator issues passwords
    # (hashing 2,000 real passwords would also take minutes).
    unusable = make_password(None)
    if kind == "schools":
        for data in items:
            school_create(**data)
        return len(items)
    if kind == "classes":
        SchoolClass.objects.bulk_create(
            SchoolClass(school_year=ctx.school_year, **data) for data in items
        )
        return len(items)
    if kind == "teachers":
        users = User.objects.bulk_create(_new_user(d, d["role"], unusable) for d in items)
        for user in users:
            sync_user_groups(user)
        return len(users)
    users = User.objects.bulk_create(_new_user(d, Role.STUDENT, unusable) for d in items)
    if any(u.pk is None for u in users):  # databases that do not return ids from bulk insert
        by_username = dict(
            User.objects.filter(username__in=[u.username for u in users]).values_list(
                "username", "pk"
            )
        )
        for user in users:
            user.pk = by_username[user.username]
    today = dt.date.today()  # noqa: DTZ011 - a calendar date in the school's own time zone
    Enrolment.objects.bulk_create(
        Enrolment(student_id=user.pk, school_class=data["school_class"], enrolled_on=today)
        for user, data in zip(users, items, strict=True)
    )
    return len(users)


def roster_import(
    *, kind: str, data: bytes, filename: str, actor, school_year: SchoolYear | None = None
) -> ImportReport:
    """Import a roster file of ``kind``; on any error nothing is saved and every bad row is reported."""
    if kind not in KINDS:
        raise ValueError(f"Unknown roster kind {kind!r}")
    report = ImportReport(kind=kind)
    if school_year is None:
        school_year = SchoolYear.objects.filter(is_current=True).first()
    if kind in ("classes", "students") and school_year is None:
        report.errors.append(RowError(0, _("chưa có năm học hiện tại.")))
        return report
    try:
        rows = read_rows(data=data, filename=filename, columns=COLUMNS[kind])
    except RosterFileError as exc:
        report.errors.append(RowError(1, str(exc)))
        return report
    report.rows = len(rows)
    if not rows:
        report.errors.append(RowError(2, _("tệp không có dòng dữ liệu nào.")))
        return report
    ctx = _Context(kind=kind, actor=actor, school_year=school_year)
    items = []
    for row in rows:
        errors: list[str] = []
        item = _CHECKERS[kind](row, ctx, errors)
        report.errors.extend(RowError(row.number, message) for message in errors)
        items.append(item)
    if report.errors:
        return report
    with transaction.atomic():
        report.created = _save(kind, items, ctx)
    # A bulk load: fresh planner statistics once committed (common.db).
    statistics_refresh_on_commit(tables=[User, SchoolClass, Enrolment, School])
    return report
