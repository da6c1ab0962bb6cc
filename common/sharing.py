"""The platform's one sharing scope and one licence list.

Question banks and learning materials (pages, library items) share by the same areas; a
bank may also be private (its members only) and a material may be public (anyone, even
without signing in), so each model offers the part of :class:`SharingScope` it uses
(``BANK_SCOPES``, ``MATERIAL_SCOPES``). Who may see what is decided in each app's
``permissions.py`` from these values.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SharingScope(models.TextChoices):
    PRIVATE = "private", _("Riêng tư")
    SCHOOL = "school", _("Trong trường")
    DISTRICT = "district", _("Trong phòng/huyện")
    PROVINCE = "province", _("Toàn tỉnh (Sở)")
    PUBLIC = "public", _("Công khai (mọi người, kể cả khách)")


def scope_choices(*scopes: SharingScope) -> list[tuple[str, str]]:
    """The (value, label) choices of a field that offers only ``scopes``."""
    return [(scope.value, scope.label) for scope in scopes]


BANK_SCOPES = scope_choices(
    SharingScope.PRIVATE, SharingScope.SCHOOL, SharingScope.DISTRICT, SharingScope.PROVINCE
)
MATERIAL_SCOPES = scope_choices(
    SharingScope.SCHOOL, SharingScope.DISTRICT, SharingScope.PROVINCE, SharingScope.PUBLIC
)


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "CC-BY-NC-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"
    CC0 = "CC0-1.0", _("CC0 (phạm vi công cộng)")
    EDUCATION = "education", _("Dùng trong ngành Giáo dục, không thương mại")
    SCHOOL = "school", _("Bản quyền của đơn vị")
    READ_ONLY = "read-only", _("Có bản quyền – chỉ đọc trực tuyến, không tải về")
    UNKNOWN = "unknown", _("Chưa rõ")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}
