"""Sharing scope and licence of every learning material (pages and library items); the
values are the platform's one list (:mod:`common.sharing`).

Who may see a published material is decided in :mod:`accounts.permissions` from these fields;
the fields only record the author's choice and the owning school, district and department.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.sharing import LICENCE_URLS, MATERIAL_SCOPES, Licence, SharingScope


class SharedMaterial(models.Model):
    """Scope and ownership of a material. A school-scoped material needs its school, a
    district-scoped one its district office, a province-scoped one its department."""

    scope = models.CharField(
        _("phạm vi chia sẻ"),
        max_length=10,
        choices=MATERIAL_SCOPES,
        default=SharingScope.SCHOOL,
        db_index=True,
    )
    licence = models.CharField(
        _("giấy phép"), max_length=20, choices=Licence.choices, default=Licence.CC_BY_NC_SA
    )
    school = models.ForeignKey(
        "accounts.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trường"),
    )
    district_office = models.ForeignKey(
        "accounts.DistrictOffice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phòng GD&ĐT"),
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sở GD&ĐT"),
    )
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0, editable=False)

    class Meta:
        abstract = True

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @property
    def downloadable(self) -> bool:
        return self.licence != Licence.READ_ONLY

    def fill_area_from(self, user) -> None:
        """Default the owning school/district/department to the author's."""
        school = getattr(user, "school", None)
        if school is not None:
            self.school_id = self.school_id or school.pk
            self.district_office_id = self.district_office_id or school.district_office_id
            self.department_id = self.department_id or school.department_id
        else:
            self.district_office_id = self.district_office_id or getattr(
                user, "district_office_id", None
            )
            self.department_id = self.department_id or getattr(user, "department_id", None)

    def clean_scope(self) -> None:
        need = {
            SharingScope.SCHOOL: ("school", _("Chia sẻ trong trường cần chọn trường.")),
            SharingScope.DISTRICT: (
                "district_office",
                _("Chia sẻ trong phòng cần chọn phòng GD&ĐT."),
            ),
            SharingScope.PROVINCE: ("department", _("Chia sẻ toàn tỉnh cần chọn sở GD&ĐT.")),
        }.get(self.scope)
        if need and not getattr(self, f"{need[0]}_id"):
            raise ValidationError({need[0]: need[1]})
