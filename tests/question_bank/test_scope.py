"""Sharing scope of banks: private, school, district, province — decided in accounts.permissions."""

import pytest

from accounts.models import Role
from question_bank import permissions
from tests.accounts.factories import DistrictOfficeFactory, make_school, make_user
from tests.question_bank.factories import make_bank, make_question

pytestmark = pytest.mark.django_db


def test_scope_decides_who_sees_approved_questions():
    district = DistrictOfficeFactory()
    other_district = DistrictOfficeFactory(department=district.department)
    school = make_school(department=district.department)
    school.district_office = district
    school.save()
    neighbour = make_school(department=district.department)  # same district
    neighbour.district_office = district
    neighbour.save()
    far = make_school(department=district.department)  # same province, other district
    far.district_office = other_district
    far.save()
    owner = make_user(role=Role.TEACHER, school=school)
    colleague = make_user(role=Role.TEACHER, school=school)
    nearby = make_user(role=Role.TEACHER, school=neighbour)
    distant = make_user(role=Role.TEACHER, school=far)
    student = make_user(role=Role.STUDENT, school=school)

    questions = {}
    for scope in ("private", "school", "district", "province"):
        bank = make_bank(owner, name=f"Ngân hàng {scope}", scope=scope)
        questions[scope] = make_question(bank, owner, approve=True)
    draft = make_question(bank, owner)  # province bank, not approved

    def sees(user):
        ids = set(permissions.visible_questions(user).values_list("pk", flat=True))
        return {scope for scope, q in questions.items() if q.pk in ids}

    assert sees(owner) == {"private", "school", "district", "province"}
    assert sees(colleague) == {"school", "district", "province"}
    assert sees(nearby) == {"district", "province"}
    assert sees(distant) == {"province"}
    assert sees(student) == set()
    assert not permissions.visible_questions(distant).filter(pk=draft.pk).exists()
    assert permissions.visible_questions(owner).filter(pk=draft.pk).exists()
    # Seeing is not editing: only owners and members edit.
    assert not permissions.can_edit_question(colleague, questions["school"])
    assert permissions.can_edit_question(owner, questions["school"])
