"""Format checks for Vietnamese identifiers: student ID (mã định danh) and CCCD.

Each check returns a list of Vietnamese error messages (empty when valid), so forms,
importers and the model's ``clean`` report the same reasons.
"""

import datetime as dt
import re

from django.utils.translation import gettext as _

#: Province codes of the 12-digit citizen ID (Thông tư 59/2021/TT-BCA, Phụ lục mã tỉnh):
#: the place where the birth was registered. The 2025 merger of provinces did not
#: change the numbers already issued.
CCCD_PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)

_CCCD_RE = re.compile(r"^\d{12}$")
#: Mã định danh học sinh on the education sector database (CSDL ngành): 10 digits,
#: the first two being the province's education code (01–99, never 00).
_STUDENT_ID_RE = re.compile(r"^(?!00)\d{10}$")


def cccd_century_digit(birth_year: int, gender: str | None) -> set[str]:
    """Allowed 4th digits for a birth year: even for male, odd for female."""
    century = birth_year // 100 - 19  # 1900s → 0, 2000s → 1, ...
    if century < 0 or century > 4:
        return set()
    male, female = str(century * 2), str(century * 2 + 1)
    if gender == "male":
        return {male}
    if gender == "female":
        return {female}
    return {male, female}


def check_cccd(
    value: str, *, date_of_birth: dt.date | None = None, gender: str | None = None
) -> list[str]:
    """Check a CCCD number; the date of birth and gender, when known, must agree with it."""
    if not _CCCD_RE.match(value or ""):
        return [_("CCCD phải gồm đúng 12 chữ số.")]
    errors = []
    province = value[:3]
    if province not in CCCD_PROVINCE_CODES:
        errors.append(_("CCCD có mã tỉnh %(code)s không tồn tại.") % {"code": province})
    century_digit, year_digits = value[3], value[4:6]
    if date_of_birth is not None:
        allowed = cccd_century_digit(date_of_birth.year, gender)
        if century_digit not in allowed or year_digits != f"{date_of_birth.year % 100:02d}":
            errors.append(
                _(
                    "CCCD không khớp với ngày sinh/giới tính: chữ số 4–6 là %(digits)s "
                    "nhưng năm sinh %(year)s cần %(expected)s."
                )
                % {
                    "digits": value[3:6],
                    "year": date_of_birth.year,
                    "expected": " hoặc ".join(
                        sorted(d + f"{date_of_birth.year % 100:02d}" for d in allowed)
                    )
                    or "?",
                }
            )
    return errors


def check_student_id(value: str) -> list[str]:
    if not _STUDENT_ID_RE.match(value or ""):
        return [
            _(
                "Mã định danh học sinh %(value)s không hợp lệ: cần đúng 10 chữ số, "
                "hai số đầu là mã tỉnh (không phải 00)."
            )
            % {"value": value}
        ]
    return []
