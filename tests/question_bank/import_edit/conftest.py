import pytest

from accounts.models import Role
from tests.accounts.factories import make_school, make_user
from tests.question_bank.factories import make_bank


@pytest.fixture
def teacher_bank():
    teacher = make_user(role=Role.TEACHER, school=make_school())
    return teacher, make_bank(teacher, scope="school")
