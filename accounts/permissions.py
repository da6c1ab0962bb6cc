"""Who may see and change people and schools, and the area vocabulary every app's rules
build on (a user's department, district office and school; curators; colleagues).

Each app decides its own rules in its own ``permissions.py`` from these.

Views, the Wagtail admin, the API and the importers all ask these functions; none of
them re-implements a rule. Each ``visible_*`` returns a queryset filtered in the
database, so lists stay paginated and indexed at province scale.
"""

from functools import reduce
from operator import or_

from django.apps import apps
from django.db.models import Q, QuerySet
from wagtail.models import Collection

from accounts.models import Department, DistrictOffice, Role, School, SchoolClass, User

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


def can_read_rosters(user) -> bool:
    """Whether the user may open a class's list of students. Students see their own classes
    (name, school, year, homeroom teacher) but never a roster: classmates' identifiers and
    dates of birth are the school's records."""
    return is_active(user) and (user.is_superuser or user.role != Role.STUDENT)


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


def managed_classes(user) -> QuerySet[SchoolClass]:
    """Classes the user may add, change and delete: those of the schools they manage."""
    return SchoolClass.objects.filter(school__in=managed_schools(user))


def area_schools(user) -> QuerySet[School]:
    """Schools the user may name as the owner of a material or a class in the admin: their
    own school; the schools of the area a department admin works for; all for superusers."""
    return visible_schools(user)


def area_district_offices(user) -> QuerySet[DistrictOffice]:
    """District offices the user may name as a material's owner: the user's own (their
    school's), those of a department admin's department; all for superusers."""
    if not is_active(user):
        return DistrictOffice.objects.none()
    if user.is_superuser:
        return DistrictOffice.objects.all()
    _school_id, district_id, department_id = user_area(user)
    if user.role == Role.DEPARTMENT_ADMIN and not user.district_office_id and department_id:
        return DistrictOffice.objects.filter(department_id=department_id)
    if district_id:
        return DistrictOffice.objects.filter(pk=district_id)
    return DistrictOffice.objects.none()


def area_departments(user) -> QuerySet[Department]:
    """Departments the user may name as a material's owner: the user's own."""
    if not is_active(user):
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    _school_id, _district_id, department_id = user_area(user)
    if department_id:
        return Department.objects.filter(pk=department_id)
    return Department.objects.none()


def colleagues(user) -> QuerySet[User]:
    """Staff the user works with, for people pickers (a class's homeroom teacher): active
    staff of the schools the user sees; never students, never other areas' people."""
    if not is_active(user):
        return User.objects.none()
    staff = User.objects.filter(is_active=True, role__in=STAFF_ROLES)
    if user.is_superuser:
        return staff
    return staff.filter(school__in=visible_schools(user))


# --- Images and documents (Wagtail collections) ------------------------------------------
# Each school has its own collection (``School.collection``, made by ``school_create``).
# Role groups hold Wagtail's collection permissions at the root; the policies of
# ``content.policy`` narrow them to these collections (and their sub-collections).
def editable_collections(user):
    """Collections whose images and documents the user may add, change and delete: their
    school's; for department admins, their schools'; every collection for superusers."""
    if not can_access_admin(user):
        return Collection.objects.none()
    if user.is_superuser:
        return Collection.objects.all()
    paths = list(
        Collection.objects.filter(
            pk__in=visible_schools(user).exclude(collection=None).values("collection_id")
        ).values_list("path", flat=True)
    )
    if not paths:
        return Collection.objects.none()
    return Collection.objects.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))


def choosable_collections(user):
    """Collections whose images and documents the user may pick for a page: their own
    (:func:`editable_collections`) and the shared root collection of the site."""
    if not can_access_admin(user):
        return Collection.objects.none()
    return Collection.objects.filter(Q(pk__in=editable_collections(user).values("pk")) | Q(depth=1))


# --- Passwords of students (login slips) --------------------------------------------------
def credential_classes(user) -> QuerySet[SchoolClass]:
    """Classes for whose students ``user`` issues initial passwords (login slips): those of
    the schools they administer (school admins, department admins of the area, superusers)
    and the classes they are the homeroom teacher of. Never students."""
    if not is_active(user) or (user.role == Role.STUDENT and not user.is_superuser):
        return SchoolClass.objects.none()
    return SchoolClass.objects.filter(
        Q(school__in=managed_schools(user)) | Q(homeroom_teacher=user)
    )


def can_issue_credentials(user, school_class: SchoolClass) -> bool:
    return credential_classes(user).filter(pk=school_class.pk).exists()


def password_reset_classes(user) -> QuerySet[SchoolClass]:
    """Classes in which ``user`` may reset one student's password: those of
    :func:`credential_classes` and those the user teaches a subject in."""
    if not is_active(user) or (user.role == Role.STUDENT and not user.is_superuser):
        return SchoolClass.objects.none()
    return SchoolClass.objects.filter(
        Q(pk__in=credential_classes(user).values("pk")) | Q(teaching_assignments__teacher=user)
    ).distinct()


def can_reset_password(actor, student: User) -> bool:
    """Whether ``actor`` may give ``student`` (a student, never staff) a new initial
    password: a class of the student's is in :func:`password_reset_classes`."""
    if student.role != Role.STUDENT:
        return False
    return password_reset_classes(actor).filter(
        enrolments__student=student
    ).exists() and student.pk != getattr(actor, "pk", None)


def can_unlock_sign_in(user) -> bool:
    """Who opens the admin's list of locked sign-ins: superusers, department and school admins."""
    return is_active(user) and (
        user.is_superuser or user.role in (Role.DEPARTMENT_ADMIN, Role.SCHOOL_ADMIN)
    )


def unlockable_sign_in_attempts(user) -> QuerySet:
    """Failed sign-in records (django-axes) ``user`` may see and clear.

    Admins clear the accounts of the people they manage; records of unknown usernames (an
    address spraying guesses) and of everyone else are the superuser's.
    """
    attempt = apps.get_model("axes", "AccessAttempt")
    if not can_unlock_sign_in(user):
        return attempt.objects.none()
    if user.is_superuser:
        return attempt.objects.all()
    return attempt.objects.filter(
        username__in=User.objects.filter(school__in=managed_schools(user)).values("username")
    )


# --- Learning materials (lesson and e-lecture pages, library items) --------------------
# A published material is seen by everyone in its sharing area: public ones by anyone,
# even without logging in; province, district and school ones by people of that
# department, district office or school. Unpublished ones (drafts, submitted, taken down)
# by their author and the curators of their area only. Curators: librarians and admins
# (school admins for their school, department admins for their department or district).
CURATOR_ROLES = frozenset({Role.LIBRARIAN, Role.SCHOOL_ADMIN, Role.DEPARTMENT_ADMIN})


def user_area(user) -> tuple[int | None, int | None, int | None]:
    """(school, district office, department) ids the user belongs to."""
    if not is_active(user):
        return None, None, None
    school = user.school
    district_id = (school.district_office_id if school else None) or user.district_office_id
    department_id = (school.department_id if school else None) or user.department_id
    return user.school_id, district_id, department_id


def material_scope_q(user) -> Q:
    """Published materials the user's area may see (without the ``live`` condition)."""
    if is_active(user) and user.is_superuser:
        return Q()
    school_id, district_id, department_id = user_area(user)
    rule = Q(scope="public")
    if school_id:
        rule |= Q(scope="school", school_id=school_id)
    if district_id:
        rule |= Q(scope="district", district_office_id=district_id)
    if department_id:
        rule |= Q(scope="province", department_id=department_id)
    return rule


def curated_area_q(user) -> Q:
    """Materials the user curates (approves, takes down, sees statistics for)."""
    if not is_active(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.role not in CURATOR_ROLES:
        return Q(pk__in=[])
    school_id, district_id, department_id = user_area(user)
    if user.role == Role.DEPARTMENT_ADMIN:
        if user.district_office_id:
            return Q(district_office_id=user.district_office_id)
        return Q(department_id=department_id) if department_id else Q(pk__in=[])
    if user.role == Role.SCHOOL_ADMIN:
        return Q(school_id=school_id) if school_id else Q(pk__in=[])
    # Librarians curate their school's materials and, when they work for a department or
    # district (no school), that whole area.
    if school_id:
        return Q(school_id=school_id)
    if district_id:
        return Q(district_office_id=district_id)
    return Q(department_id=department_id) if department_id else Q(pk__in=[])


def can_view_document(user, document) -> bool:
    """Who may open a document (``/documents/<id>/<name>``): one in a school's collection
    (or below it) only that school's people (staff and students) and those who oversee
    the school (:func:`visible_schools`); one elsewhere (the root, shared collections)
    anyone, as a document linked from a public page must be."""
    owners = School.objects.filter(
        collection__in=Collection.objects.ancestor_of(document.collection, inclusive=True)
    ).values("pk")
    if not owners.exists():
        return True
    return visible_schools(user).filter(pk__in=owners).exists()


def visible_students(user, school_class: SchoolClass) -> QuerySet[User]:
    """The students of ``school_class`` on the roster ``user`` may read (names, student
    identifiers, dates of birth): none unless the user reads rosters (never students) and
    sees the class; then those of its students the user may list (:func:`visible_people`)."""
    if not can_read_rosters(user) or not can_view_roster(user, school_class):
        return User.objects.none()
    return visible_people(user).filter(enrolments__school_class=school_class)
