"""People and organisation: users with roles, Sở → Phòng → school → class, enrolments."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.validators import check_cccd, check_student_id


class Role(models.TextChoices):
    STUDENT = "student", _("Học sinh")
    TEACHER = "teacher", _("Giáo viên")
    LIBRARIAN = "librarian", _("Thủ thư")
    EXAM_BOARD = "exam_board", _("Thành viên hội đồng thi")
    SCHOOL_ADMIN = "school_admin", _("Quản trị trường")
    DEPARTMENT_ADMIN = "department_admin", _("Quản trị Sở/Phòng")


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Department(models.Model):
    """Sở Giáo dục và Đào tạo of a province."""

    name = models.CharField(_("tên"), max_length=200)
    code = models.CharField(_("mã"), max_length=20, unique=True)

    class Meta:
        verbose_name = _("Sở GD&ĐT")
        verbose_name_plural = _("Sở GD&ĐT")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DistrictOffice(models.Model):
    """Phòng Giáo dục và Đào tạo under a Sở."""

    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="district_offices",
        verbose_name=_("sở GD&ĐT"),
    )
    name = models.CharField(_("tên"), max_length=200)
    code = models.CharField(_("mã"), max_length=20, unique=True)

    class Meta:
        verbose_name = _("Phòng GD&ĐT")
        verbose_name_plural = _("Phòng GD&ĐT")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SchoolLevel(models.TextChoices):
    PRIMARY = "primary", _("Tiểu học")
    LOWER_SECONDARY = "lower_secondary", _("THCS")
    UPPER_SECONDARY = "upper_secondary", _("THPT")
    MULTI_LEVEL = "multi_level", _("Liên cấp")


class School(models.Model):
    """A school; upper-secondary schools report to the Sở, others to a Phòng."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="schools", verbose_name=_("sở GD&ĐT")
    )
    district_office = models.ForeignKey(
        DistrictOffice,
        on_delete=models.PROTECT,
        related_name="schools",
        null=True,
        blank=True,
        verbose_name=_("phòng GD&ĐT"),
    )
    name = models.CharField(_("tên trường"), max_length=200)
    code = models.CharField(_("mã trường"), max_length=20, unique=True)
    level = models.CharField(_("cấp học"), max_length=20, choices=SchoolLevel.choices)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Thư mục tài liệu, ảnh riêng của trường trong Wagtail."),
        verbose_name=_("thư mục tài liệu"),
    )

    class Meta:
        verbose_name = _("trường")
        verbose_name_plural = _("trường")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.district_office_id and self.district_office.department_id != self.department_id:
            raise ValidationError(
                {"district_office": _("Phòng GD&ĐT phải thuộc cùng Sở với trường.")}
            )


class SchoolYear(models.Model):
    name = models.CharField(_("năm học"), max_length=9, unique=True, help_text="2025-2026")
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"))
    is_current = models.BooleanField(_("năm học hiện tại"), default=False)

    class Meta:
        verbose_name = _("năm học")
        verbose_name_plural = _("năm học")
        ordering = ["-start_date"]

    def __str__(self):
        return self.name


class UserQuerySet(models.QuerySet):
    def students(self):
        return self.filter(role=Role.STUDENT)

    def staff_roles(self):
        return self.exclude(role=Role.STUDENT)


class HoclieuUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """Everyone who signs in. ``role`` and the organisation fields decide permissions."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    role = models.CharField(
        _("vai trò"), max_length=20, choices=Role.choices, default=Role.TEACHER, db_index=True
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("sở GD&ĐT"),
    )
    district_office = models.ForeignKey(
        DistrictOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("phòng GD&ĐT"),
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("trường"),
    )
    student_id = models.CharField(
        _("mã định danh học sinh"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        help_text=_("10 chữ số, theo CSDL ngành giáo dục."),
    )
    citizen_id = models.CharField(_("số CCCD"), max_length=12, unique=True, null=True, blank=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=6, choices=Gender.choices, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    #: A student's parent is told of new work and returned marks here as well.
    parent_email = models.EmailField(_("email phụ huynh"), blank=True)
    must_change_password = models.BooleanField(
        _("phải đổi mật khẩu"),
        default=False,
        help_text=_(
            "Mật khẩu ban đầu do nhà trường cấp: lần đăng nhập đầu tiên phải đổi mật khẩu."
        ),
    )

    objects = HoclieuUserManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        indexes = [models.Index(fields=["school", "role"])]

    def __str__(self):
        return self.full_name or self.username

    def clean(self):
        super().clean()
        errors = {}
        if self.student_id and (msgs := check_student_id(self.student_id)):
            errors["student_id"] = msgs
        if self.role == Role.STUDENT and not self.student_id:
            errors["student_id"] = [_("Học sinh phải có mã định danh.")]
        if self.citizen_id and (
            msgs := check_cccd(
                self.citizen_id, date_of_birth=self.date_of_birth, gender=self.gender or None
            )
        ):
            errors["citizen_id"] = msgs
        if self.role in (Role.STUDENT, Role.TEACHER, Role.LIBRARIAN, Role.SCHOOL_ADMIN) and (
            not self.school_id
        ):
            errors["school"] = [_("Vai trò này cần thuộc một trường.")]
        if errors:
            raise ValidationError(errors)

    def get_full_name(self):
        return self.full_name or super().get_full_name()

    def get_short_name(self):
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.username


class SchoolClass(models.Model):
    """A class such as 10A1 in one school year."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="classes", verbose_name=_("trường")
    )
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="classes", verbose_name=_("năm học")
    )
    name = models.CharField(_("tên lớp"), max_length=20, help_text="10A1")
    grade = models.PositiveSmallIntegerField(
        _("khối"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    homeroom_teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="homeroom_classes",
        verbose_name=_("giáo viên chủ nhiệm"),
    )

    class Meta:
        verbose_name = _("lớp")
        verbose_name_plural = _("lớp")
        ordering = ["school", "grade", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "name"], name="unique_class_per_school_year"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.school_year})"


class TeachingAssignment(models.Model):
    """A subject teacher of a class (giáo viên bộ môn)."""

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="teaching_assignments",
        verbose_name=_("giáo viên"),
    )
    school_class = models.ForeignKey(
        SchoolClass,
        on_delete=models.CASCADE,
        related_name="teaching_assignments",
        verbose_name=_("lớp"),
    )
    subject = models.ForeignKey(
        "curriculum.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("môn học"),
    )

    class Meta:
        verbose_name = _("phân công giảng dạy")
        verbose_name_plural = _("phân công giảng dạy")
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "school_class", "subject"], name="unique_teaching_assignment"
            )
        ]

    def __str__(self):
        return f"{self.teacher} – {self.school_class}"


class Enrolment(models.Model):
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("học sinh"),
    )
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("lớp")
    )
    enrolled_on = models.DateField(_("ngày vào lớp"), null=True, blank=True)

    class Meta:
        verbose_name = _("học sinh trong lớp")
        verbose_name_plural = _("học sinh trong lớp")
        constraints = [
            models.UniqueConstraint(fields=["student", "school_class"], name="unique_enrolment")
        ]

    def __str__(self):
        return f"{self.student} – {self.school_class}"
