"""Teaching: the gradebook of Thông tư 22, assignments, marking, reports and surveys — who
gives, follows, marks and reports on whose work. Built on :mod:`lms.permissions.learning`."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import (
    Department,
    DistrictOffice,
    Enrolment,
    Role,
    School,
    SchoolClass,
    TeachingAssignment,
    User,
)
from accounts.permissions import (
    is_active,
    user_area,
    visible_schools,
)
from content.permissions import (
    choosable_packages,
    visible_library_items,
    visible_material_pages,
)
from lms.assignments.models import Assignment, Notification
from lms.exams.models import ExamSession
from lms.marking.models import MarkReturn, Rubric
from lms.permissions.learning import can_run_sessions, manageable_sessions
from lms.surveys.models import Audience, Survey
from question_bank.assembly.models import Paper
from question_bank.permissions import visible_matrices, visible_papers


# --- The gradebook (lms.gradebook) --------------------------------------------------------
# A subject teacher edits the marks of the class × subject they teach (TeachingAssignment);
# the homeroom teacher sees the whole class but edits only their own subjects; a student
# sees only their own marks; a school admin sees their school's gradebooks and locks its
# terms; superusers see everything. Nobody else (department admins, librarians, the exam
# board) sees a gradebook.
def _is_school_admin_of(user, school_id) -> bool:
    return (
        user.role == Role.SCHOOL_ADMIN
        and user.school_id is not None
        and user.school_id == school_id
    )


def keeps_gradebooks(user) -> bool:
    """Whether the user's role keeps gradebooks at all (teachers, school admins,
    superusers): their list of gradebooks opens, empty until they teach a class."""
    return is_active(user) and (user.is_superuser or user.role in (Role.TEACHER, Role.SCHOOL_ADMIN))


def gradebook_classes(user) -> QuerySet[SchoolClass]:
    """Classes of which the user sees at least one subject's gradebook."""
    if not is_active(user):
        return SchoolClass.objects.none()
    if user.is_superuser:
        return SchoolClass.objects.all()
    if user.role == Role.SCHOOL_ADMIN and user.school_id:
        return SchoolClass.objects.filter(school_id=user.school_id)
    if user.role == Role.TEACHER:
        return SchoolClass.objects.filter(
            Q(homeroom_teacher=user)
            | Q(pk__in=TeachingAssignment.objects.filter(teacher=user).values("school_class_id"))
        )
    return SchoolClass.objects.none()


def can_view_class_gradebook(user, school_class) -> bool:
    """The whole class's gradebook (every subject): its homeroom teacher, the school's
    admin, superusers."""
    if not is_active(user):
        return False
    return (
        user.is_superuser
        or _is_school_admin_of(user, school_class.school_id)
        or (user.role == Role.TEACHER and school_class.homeroom_teacher_id == user.pk)
    )


def can_edit_gradebook(user, school_class, subject) -> bool:
    """Entering marks of ``subject`` in ``school_class``: its subject teacher only."""
    if not is_active(user) or user.role != Role.TEACHER:
        return False
    return TeachingAssignment.objects.filter(
        teacher=user, school_class=school_class, subject=subject
    ).exists()


def can_view_gradebook(user, school_class, subject) -> bool:
    """One subject's gradebook of a class: who edits it and who sees the whole class."""
    return can_view_class_gradebook(user, school_class) or can_edit_gradebook(
        user, school_class, subject
    )


def editable_gradebook_subjects(user, school_class) -> set[int]:
    """Ids of the subjects whose marks the user enters in ``school_class``."""
    if not is_active(user) or user.role != Role.TEACHER:
        return set()
    return set(
        TeachingAssignment.objects.filter(
            teacher=user, school_class=school_class, subject__isnull=False
        ).values_list("subject_id", flat=True)
    )


def can_see_own_marks(user) -> bool:
    """A student's "Điểm của em" page (their own marks, nobody else's)."""
    return is_active(user) and user.role == Role.STUDENT


def gradebook_lock_schools(user) -> QuerySet[School]:
    """Schools whose terms the user locks and unlocks: a school admin's own; all for
    superusers."""
    if not is_active(user):
        return School.objects.none()
    if user.is_superuser:
        return School.objects.all()
    if user.role == Role.SCHOOL_ADMIN and user.school_id:
        return School.objects.filter(pk=user.school_id)
    return School.objects.none()


def can_lock_terms(user, school) -> bool:
    return gradebook_lock_schools(user).filter(pk=school.pk).exists()


# --- Assignments (lms.assignments) --------------------------------------------------------
def taught_classes(user) -> QuerySet[SchoolClass]:
    """Classes a teacher gives work to and follows: those they teach
    (:class:`accounts.models.TeachingAssignment`); every class for a superuser. A homeroom
    teacher who does not teach the class, an admin or the exam board: none."""
    if not is_active(user):
        return SchoolClass.objects.none()
    if user.is_superuser:
        return SchoolClass.objects.all()
    if user.role != Role.TEACHER:
        return SchoolClass.objects.none()
    return SchoolClass.objects.filter(
        pk__in=TeachingAssignment.objects.filter(teacher=user).values("school_class_id")
    )


def can_assign_to(user, school_class) -> bool:
    return taught_classes(user).filter(pk=school_class.pk).exists()


def followed_assignments(user) -> QuerySet[Assignment]:
    """Assignments whose progress the user sees: every one of the classes they teach."""
    return Assignment.objects.filter(school_class__in=taught_classes(user).values("pk"))


def can_follow_assignment(user, assignment) -> bool:
    return followed_assignments(user).filter(pk=assignment.pk).exists()


def editable_assignments(user) -> QuerySet[Assignment]:
    """Assignments the user may edit: their own, while they still teach the class."""
    followed = followed_assignments(user)
    return followed if user.is_superuser else followed.filter(created_by=user)


def can_edit_assignment(user, assignment) -> bool:
    return editable_assignments(user).filter(pk=assignment.pk).exists()


def own_assignments(user, *, now=None) -> QuerySet[Assignment]:
    """The work given to a student, once open (nobody else's, whoever asks)."""
    if not is_active(user) or user.role != Role.STUDENT:
        return Assignment.objects.none()
    now = now or timezone.now()
    return Assignment.objects.filter(students__student=user, opens_at__lte=now)


def class_students_for_assignment(user, school_class) -> QuerySet[User]:
    """Students an assignment of ``school_class`` may be given to: the class's, when the
    user teaches it."""
    if not can_assign_to(user, school_class):
        return User.objects.none()
    return User.objects.filter(
        role=Role.STUDENT,
        is_active=True,
        pk__in=Enrolment.objects.filter(school_class=school_class).values("student_id"),
    )


#: A paper holding a question of an exam board's confidential pool (pools are seen by
#: their members only): never given to a class, whatever the paper's own flag says.
CONFIDENTIAL_ITEMS = Q(items__version__question__bank__confidential=True)


def assignable_papers(user):
    """Papers (practice sets, tests) a teacher may give: those they may open and run, but
    not a confidential exam paper before its release, nor one with a question of a
    confidential pool (a board member sees those; their class must not)."""
    if not can_run_sessions(user):
        return visible_papers(user).none()
    return (
        visible_papers(user)
        .filter(variants__isnull=False)
        .filter(Q(confidential=False) | Q(released_at__isnull=False))
        .exclude(created_by__role=Role.STUDENT)
        .exclude(pk__in=Paper.objects.filter(CONFIDENTIAL_ITEMS).values("pk"))
        .distinct()
    )


def assignable_matrices(user):
    """Exam matrices a teacher may give a test from (a paper is assembled from it when the
    work is given): those question_bank lets them assemble from, if they run sessions,
    except confidential exam matrices and those drawing on a confidential pool."""
    if not can_run_sessions(user):
        return visible_matrices(user).none()
    return (
        visible_matrices(user)
        .filter(confidential=False)
        .exclude(banks__confidential=True)
        .distinct()
    )


def has_confidential_questions(paper) -> bool:
    """Whether an assembled paper drew a question from a confidential pool (a matrix with
    no banks chosen draws on every bank its maker sees, a board member's pools included)."""
    return Paper.objects.filter(CONFIDENTIAL_ITEMS, pk=paper.pk).exists()


def assignable_pages(user, model):
    """Live lessons or e-lectures the user sees."""
    return visible_material_pages(user, model)


def assignable_library_items(user):
    return visible_library_items(user)


def assignable_packages(user):
    return choosable_packages(user)


def own_notifications(user) -> QuerySet[Notification]:
    if not is_active(user):
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


# --- Marking (lms.marking) -----------------------------------------------------------------
def markable_assignments(user) -> QuerySet[Assignment]:
    """Assignments whose answers the user marks and returns: those of the classes they
    teach (the same teachers who follow the progress); none for anyone else."""
    return followed_assignments(user)


def can_mark_assignment(user, assignment) -> bool:
    return markable_assignments(user).filter(pk=assignment.pk).exists()


def markable_sessions(user) -> QuerySet[ExamSession]:
    """Sessions whose essays the user may mark: as a named marker, running them, or as a
    teacher of the class an assignment's session was given to."""
    if not is_active(user):
        return ExamSession.objects.none()
    return ExamSession.objects.filter(
        Q(markers=user)
        | Q(pk__in=manageable_sessions(user).values("pk"))
        | Q(assignment__in=markable_assignments(user).values("pk"))
    ).distinct()


def can_mark(user, session) -> bool:
    return markable_sessions(user).filter(pk=session.pk).exists()


def own_rubrics(user) -> QuerySet[Rubric]:
    """A teacher's own rubrics (reusable across their assignments); nobody else's."""
    if not is_active(user) or not (user.is_superuser or user.role == Role.TEACHER):
        return Rubric.objects.none()
    return Rubric.objects.filter(owner=user)


def can_keep_rubrics(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role == Role.TEACHER)


def own_returns(user) -> QuerySet[MarkReturn]:
    """The student's own returned work (nobody else's, whoever asks)."""
    if not is_active(user) or user.role != Role.STUDENT:
        return MarkReturn.objects.none()
    return MarkReturn.objects.filter(student=user)


# --- Reports (lms.reports) -------------------------------------------------------------------
# A school admin sees their school's reports; a department admin those of their area's
# schools (a district office's admin: its schools; the Sở's: the province); superusers
# every school. Teachers, librarians, the exam board and students see none.
def report_schools(user) -> QuerySet[School]:
    if not is_active(user):
        return School.objects.none()
    if user.is_superuser or user.role in (Role.DEPARTMENT_ADMIN, Role.SCHOOL_ADMIN):
        return visible_schools(user)
    return School.objects.none()


def can_view_reports(user) -> bool:
    return is_active(user) and (
        user.is_superuser or user.role in (Role.DEPARTMENT_ADMIN, Role.SCHOOL_ADMIN)
    )


def online_period_classes(user) -> QuerySet[SchoolClass]:
    """Classes whose online periods the user records: the classes a teacher teaches, the
    classes of a school admin's school; all for superusers."""
    if not is_active(user):
        return SchoolClass.objects.none()
    if user.is_superuser:
        return SchoolClass.objects.all()
    if user.role == Role.SCHOOL_ADMIN and user.school_id:
        return SchoolClass.objects.filter(school_id=user.school_id)
    return taught_classes(user)


def can_record_online_periods(user, school_class) -> bool:
    return online_period_classes(user).filter(pk=school_class.pk).exists()


def progress_classes(user) -> QuerySet[SchoolClass]:
    """Classes whose students × learning outcomes and completion the user sees: those a
    teacher teaches or is the homeroom teacher of, a school admin's school's; all for
    superusers. Department admins see schools' figures, not students' (none). The same
    classes as the gradebooks the user sees."""
    return gradebook_classes(user)


# --- Satisfaction surveys (lms.surveys) ------------------------------------------------------
#: Which role answers a survey of each audience.
AUDIENCE_ROLES = {
    Audience.TEACHERS: Role.TEACHER,
    Audience.STUDENTS: Role.STUDENT,
    Audience.PARENTS: Role.STUDENT,  # parents answer with their child's account
}


def can_make_surveys(user) -> bool:
    """Department admins (of a Sở or a district office), school admins, superusers."""
    return is_active(user) and (
        user.is_superuser
        or (user.role == Role.DEPARTMENT_ADMIN and bool(user.department_id))
        or (user.role == Role.SCHOOL_ADMIN and bool(user.school_id))
    )


def managed_surveys(user) -> QuerySet[Survey]:
    """Surveys whose drafts, publication and results the user manages: those of their area
    (a school admin: their school's; a district office: its own and its schools'; a Sở:
    every one of the department); all for superusers."""
    if not can_make_surveys(user):
        return Survey.objects.none()
    if user.is_superuser:
        return Survey.objects.all()
    if user.role == Role.SCHOOL_ADMIN:
        return Survey.objects.filter(school_id=user.school_id)
    if user.district_office_id:
        return Survey.objects.filter(
            Q(district_office_id=user.district_office_id)
            | Q(school__district_office_id=user.district_office_id)
        )
    return Survey.objects.filter(department_id=user.department_id)


def survey_scopes(user) -> dict[tuple, str]:
    """(department, district office, school) ids → label of the scopes the user may publish
    a survey to: a school admin their school; a district office's admin it and its schools;
    a Sở's admin the Sở, its district offices and its schools; all for superusers."""
    if not can_make_surveys(user):
        return {}
    scopes: dict[tuple, str] = {}
    if user.is_superuser or (user.role == Role.DEPARTMENT_ADMIN and not user.district_office_id):
        departments = Department.objects.all()
        offices = DistrictOffice.objects.all()
        if not user.is_superuser:
            departments = departments.filter(pk=user.department_id)
            offices = offices.filter(department_id=user.department_id)
        for d in departments:
            scopes[(d.pk, None, None)] = str(d)
        for o in offices:
            scopes[(o.department_id, o.pk, None)] = str(o)
    elif user.role == Role.DEPARTMENT_ADMIN:
        office = user.district_office
        scopes[(office.department_id, office.pk, None)] = str(office)
    for school in visible_schools(user):
        scopes[(school.department_id, school.district_office_id, school.pk)] = str(school)
    return scopes


def can_manage_survey(user, survey) -> bool:
    return managed_surveys(user).filter(pk=survey.pk).exists()


def survey_scope_q(user) -> Q:
    """Surveys whose scope holds the user (their school, its district office, its Sở)."""
    school_id, district_id, department_id = user_area(user)
    if not department_id:
        return Q(pk__in=[])
    rule = Q(department_id=department_id, district_office__isnull=True, school__isnull=True)
    if district_id:
        rule |= Q(district_office_id=district_id, school__isnull=True)
    if school_id:
        rule |= Q(school_id=school_id)
    return rule


def open_surveys(user, *, now=None) -> QuerySet[Survey]:
    """Published surveys for the user's role and area, not yet closed."""
    if not is_active(user):
        return Survey.objects.none()
    audiences = [a for a, role in AUDIENCE_ROLES.items() if role == user.role]
    if not audiences:
        return Survey.objects.none()
    now = now or timezone.now()
    return Survey.objects.filter(
        survey_scope_q(user),
        Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        audience__in=audiences,
        published_at__isnull=False,
        published_at__lte=now,
    )


def surveys_to_answer(user) -> QuerySet[Survey]:
    """Open surveys the user has not answered yet (the header's link counts them)."""
    return open_surveys(user).exclude(participations__user=user)
