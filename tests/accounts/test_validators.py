import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from accounts.validators import check_cccd, check_student_id
from tests.accounts.factories import make_school, make_user


def test_valid_cccd_matches_birth_year_and_gender():
    # 037 Ninh Bình, 3 = female born 2000–2099, 08 = 2008
    assert check_cccd("037308123456", date_of_birth=dt.date(2008, 3, 1), gender="female") == []
    assert check_cccd("001085000001", date_of_birth=dt.date(1985, 1, 1), gender="male") == []


@pytest.mark.parametrize(
    ("value", "dob", "gender", "fragment"),
    [
        ("03730812345", None, None, "12 chữ số"),
        ("03730812345a", None, None, "12 chữ số"),
        ("999308123456", None, None, "mã tỉnh 999"),
        ("037208123456", dt.date(2008, 3, 1), "female", "không khớp"),  # 2 = male
        ("037309123456", dt.date(2008, 3, 1), "female", "không khớp"),  # year 09 ≠ 08
        ("037008123456", dt.date(2008, 3, 1), None, "không khớp"),  # 0 = born 1900s
    ],
)
def test_invalid_cccd_reports_reason_in_vietnamese(value, dob, gender, fragment):
    errors = check_cccd(value, date_of_birth=dob, gender=gender)
    assert errors and fragment in " ".join(errors)


@pytest.mark.parametrize("value", ["2700000001", "0112345678", "9912345678"])
def test_valid_student_ids(value):
    assert check_student_id(value) == []


@pytest.mark.parametrize("value", ["0012345678", "27000001", "27000000001", "27A0000001", ""])
def test_invalid_student_ids(value):
    assert "Mã định danh" in check_student_id(value)[0]


@pytest.mark.django_db
def test_user_clean_rejects_bad_cccd_and_student_without_id():
    school = make_school()
    with pytest.raises(ValidationError) as exc:
        make_user(role=Role.STUDENT, school=school, student_id="", username="hs-khong-ma")
    assert "student_id" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        make_user(
            school=school,
            citizen_id="037308123456",
            date_of_birth=dt.date(1990, 1, 1),
            gender="male",
        )
    assert "citizen_id" in exc.value.message_dict
