"""Reads of classes and rosters that the pages and the API share: the rules of
:mod:`accounts.permissions`, then ordering and the related rows each list shows."""

from django.db.models import QuerySet

from accounts import permissions
from accounts.models import Enrolment, SchoolClass, User


def class_list(*, user) -> QuerySet[SchoolClass]:
    """The classes ``user`` sees, by school, grade and name, with their school, year and
    homeroom teacher."""
    return (
        permissions.visible_classes(user)
        .select_related("school", "school_year", "homeroom_teacher")
        .order_by("school__name", "grade", "name")
    )


def roster_class(*, user, class_id: int) -> SchoolClass | None:
    """The class whose roster ``user`` may read, or None (no roster reading, or a class
    the user does not see: the caller answers 404 either way, or 403 for the former)."""
    if not permissions.can_read_rosters(user):
        return None
    return class_list(user=user).filter(pk=class_id).first()


def class_students(*, user, school_class: SchoolClass) -> QuerySet[User]:
    """The class's students ``user`` may read, in the Vietnamese order (given name, then
    full name)."""
    return permissions.visible_students(user, school_class).order_by("first_name", "full_name")


def latest_class_grade(user) -> int | None:
    """The grade of the class the student was enrolled in last (None: in no class)."""
    return (
        Enrolment.objects.filter(student_id=user.pk)
        .order_by("-pk")
        .values_list("school_class__grade", flat=True)
        .first()
    )
