"""The one place that decides who may see and change what in ``lms``.

Views, the Wagtail admin, the API and the importers all ask these functions; none of
them re-implements a rule. Each ``visible_*`` returns a queryset filtered in the
database, so lists stay paginated and indexed at province scale.
"""

from django.db.models import Q, QuerySet

from lms.models import Role, School, SchoolClass, User

STAFF_ROLES = frozenset(
    {Role.TEACHER, Role.LIBRARIAN, Role.EXAM_BOARD, Role.SCHOOL_ADMIN, Role.DEPARTMENT_ADMIN}
)


def is_active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_access_admin(user) -> bool:
    """Students never reach the Wagtail admin; staff roles and superusers do."""
    if not is_active(user):
        return False
    return user.is_superuser or user.role in STAFF_ROLES


def visible_schools(user) -> QuerySet[School]:
    if not is_active(user):
        return School.objects.none()
    if user.is_superuser:
        return School.objects.all()
    if user.role == Role.DEPARTMENT_ADMIN:
        if user.district_office_id:
            return School.objects.filter(district_office_id=user.district_office_id)
        if user.department_id:
            return School.objects.filter(department_id=user.department_id)
        return School.objects.none()
    if user.school_id:
        return School.objects.filter(pk=user.school_id)
    return School.objects.none()


def managed_schools(user) -> QuerySet[School]:
    """Schools whose people and classes the user may administer (and import into)."""
    if not is_active(user):
        return School.objects.none()
    if user.is_superuser or user.role == Role.DEPARTMENT_ADMIN:
        return visible_schools(user)
    if user.role == Role.SCHOOL_ADMIN:
        return visible_schools(user)
    return School.objects.none()


def visible_classes(user) -> QuerySet[SchoolClass]:
    """Classes whose roster the user may see."""
    if not is_active(user):
        return SchoolClass.objects.none()
    if user.is_superuser or user.role in (Role.DEPARTMENT_ADMIN, Role.SCHOOL_ADMIN):
        return SchoolClass.objects.filter(school__in=managed_schools(user))
    if user.role == Role.TEACHER:
        return SchoolClass.objects.filter(
            Q(homeroom_teacher=user) | Q(teaching_assignments__teacher=user)
        ).distinct()
    if user.role == Role.STUDENT:
        return SchoolClass.objects.filter(enrolments__student=user)
    return SchoolClass.objects.none()


def can_view_roster(user, school_class: SchoolClass) -> bool:
    return visible_classes(user).filter(pk=school_class.pk).exists()


def visible_people(user) -> QuerySet[User]:
    """People whose records the user may list: their school(s), or their own classes' students."""
    if not is_active(user):
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    if user.role in (Role.DEPARTMENT_ADMIN, Role.SCHOOL_ADMIN):
        return User.objects.filter(school__in=managed_schools(user))
    if user.role == Role.TEACHER:
        return User.objects.filter(
            role=Role.STUDENT, enrolments__school_class__in=visible_classes(user)
        ).distinct()
    return User.objects.filter(pk=user.pk)


def can_import_rosters(user) -> bool:
    """Department admins (who may add schools), school admins and superusers."""
    return is_active(user) and (
        user.is_superuser or user.role in (Role.DEPARTMENT_ADMIN, Role.SCHOOL_ADMIN)
    )


def can_manage_school(user, school: School) -> bool:
    return managed_schools(user).filter(pk=school.pk).exists()
