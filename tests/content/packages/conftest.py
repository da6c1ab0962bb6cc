import pytest

from accounts.models import Role
from tests.accounts.factories import make_school, make_user


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Every test extracts into its own private root (and MEDIA_ROOT, to check it stays empty)."""
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path


@pytest.fixture
def people(db):
    school_a, school_b = make_school(), make_school()
    return {
        "school_a": school_a,
        "school_b": school_b,
        "teacher_a": make_user(role=Role.TEACHER, school=school_a),
        "teacher_a2": make_user(role=Role.TEACHER, school=school_a),
        "teacher_b": make_user(role=Role.TEACHER, school=school_b),
        "librarian_a": make_user(role=Role.LIBRARIAN, school=school_a),
        "student_a": make_user(role=Role.STUDENT, school=school_a),
        "student_b": make_user(role=Role.STUDENT, school=school_b),
    }
