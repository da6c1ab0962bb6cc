"""What a learner may do with a material: which questions they may answer through a page,
and whose records they keep. Built on the rules of the materials (:mod:`content.permissions`)
and of the bank (:mod:`question_bank.permissions`); every learner endpoint asks these."""

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
    STAFF_ROLES,
    colleagues,
    is_active,
    user_area,
    visible_classes,
    visible_people,
    visible_schools,
)
from content.permissions import (
    can_edit_package,
    can_view_package,
    can_work_on_page,
    choosable_packages,
    visible_library_items,
    visible_material_pages,
)
from content.practice import Embedding, page_embeddings
from lms.assignments.models import Assignment, Notification
from lms.exams.models import Candidate, ExamRoom, ExamSession, ReleasePolicy
from lms.surveys.models import Audience, Survey
from question_bank.assembly.models import Paper
from question_bank.permissions import choosable_questions, visible_papers


def answerable_questions(user, page) -> dict[int, Embedding]:
    """Question id → embedding, for the questions ``user`` may answer through ``page`` (which
    the user may view): those of its published content, if the user sees it published;
    for its author and curators also the latest draft's questions they may choose
    themselves (preview), under the draft's policy."""
    found: dict[int, Embedding] = {}
    if page.live and visible_material_pages(user, type(page)).filter(pk=page.pk).exists():
        found = page_embeddings(page)  # a live page's row holds its published content
    if not can_work_on_page(user, page):
        return found
    draft = page_embeddings(page.get_latest_revision_as_object())
    own = set(choosable_questions(user).filter(pk__in=list(draft)).values_list("pk", flat=True))
    found.update({qid: e for qid, e in draft.items() if qid in own or qid in found})
    return found


def can_keep_records(user) -> bool:
    """Learning events and reading positions are kept for signed-in learners only (an
    anonymous visitor's tries live in their session, their position in their browser)."""
    return bool(user and user.is_authenticated)


# --- Online exams (lms.exams) -----------------------------------------------------------
#: Roles that may run exam sessions: the exam board, teachers (class tests) and school admins.
SESSION_ROLES = frozenset({Role.EXAM_BOARD, Role.TEACHER, Role.SCHOOL_ADMIN})


def can_revise(user) -> bool:
    """Revision (ôn tập: practice, the review queue, offline packs, mock exams) follows a
    learner's own answers: active students. Staff (a superuser too) are not learners there:
    their pages explain so and their posts are refused."""
    return is_active(user) and user.role == Role.STUDENT and not user.is_superuser


def can_create_session(user, paper) -> bool:
    """Whoever may open the paper and runs sessions may make a session of it; anyone (a
    student too) may make one of their own practice set, to take it themselves."""
    if is_active(user) and paper.kind == Paper.Kind.PRACTICE and paper.created_by_id == user.pk:
        return True
    if not is_active(user) or not (user.is_superuser or user.role in SESSION_ROLES):
        return False
    return visible_papers(user).filter(pk=paper.pk).exists()


def manageable_sessions(user) -> QuerySet[ExamSession]:
    """Sessions the user runs: their own; the department's for its exam board and admins;
    the school's for its school admin; every one for a superuser."""
    if not is_active(user):
        return ExamSession.objects.none()
    if user.is_superuser:
        return ExamSession.objects.all()
    rule = Q(created_by=user)
    if user.role in (Role.EXAM_BOARD, Role.DEPARTMENT_ADMIN) and user.department_id:
        rule |= Q(department_id=user.department_id) | Q(school__department_id=user.department_id)
    if user.role == Role.SCHOOL_ADMIN and user.school_id:
        rule |= Q(school_id=user.school_id)
    return ExamSession.objects.filter(rule)


def can_manage_session(user, session) -> bool:
    return manageable_sessions(user).filter(pk=session.pk).exists()


def invigilated_rooms(user) -> QuerySet[ExamRoom]:
    """Rooms whose live view the user may open: theirs as invigilator, and every room of
    the sessions they run."""
    if not is_active(user):
        return ExamRoom.objects.none()
    return ExamRoom.objects.filter(
        Q(invigilators=user) | Q(session__in=manageable_sessions(user).values("pk"))
    ).distinct()


def can_invigilate(user, room) -> bool:
    return invigilated_rooms(user).filter(pk=room.pk).exists()


def markable_sessions(user) -> QuerySet[ExamSession]:
    """Sessions whose essays the user may mark: as a named marker, or running them."""
    if not is_active(user):
        return ExamSession.objects.none()
    return ExamSession.objects.filter(
        Q(markers=user) | Q(pk__in=manageable_sessions(user).values("pk"))
    ).distinct()


def can_mark(user, session) -> bool:
    return markable_sessions(user).filter(pk=session.pk).exists()


def own_candidacies(user) -> QuerySet[Candidate]:
    """A student's own places in sessions (nobody else's, whoever asks)."""
    if not is_active(user):
        return Candidate.objects.none()
    return Candidate.objects.filter(student=user)


def can_see_candidate_names(user, session) -> bool:
    """Markers of an anonymous session see numbers only; those running it see names."""
    return can_manage_session(user, session) or not session.anonymous_marking


def can_run_sessions(user) -> bool:
    """Whether the user's role runs exam sessions at all (the board's pages, its menu item)."""
    return is_active(user) and (user.is_superuser or user.role in SESSION_ROLES)


def session_classes(user) -> QuerySet[SchoolClass]:
    """Classes a session the user makes may be for: the classes the user sees; for the exam
    board also every class of their school, or of their department's schools."""
    if not can_run_sessions(user):
        return SchoolClass.objects.none()
    rule = Q(pk__in=visible_classes(user).values("pk"))
    if user.role == Role.EXAM_BOARD:
        _school_id, _district_id, department_id = user_area(user)
        if user.school_id:
            rule |= Q(school_id=user.school_id)
        elif department_id:
            rule |= Q(school__department_id=department_id)
    return SchoolClass.objects.filter(rule)


def session_students(user) -> QuerySet[User]:
    """Students the user may add to a session by their mã định danh: those of the classes
    the user may choose (:func:`session_classes`)."""
    if not can_run_sessions(user):
        return User.objects.none()
    return User.objects.filter(
        role=Role.STUDENT,
        is_active=True,
        pk__in=Enrolment.objects.filter(school_class__in=session_classes(user)).values(
            "student_id"
        ),
    )


def session_colleagues(user) -> QuerySet[User]:
    """Staff the user may name as markers of a session: their colleagues; for an exam board
    of a department (no school) the staff of the department's schools."""
    if not can_run_sessions(user):
        return User.objects.none()
    rule = Q(pk__in=colleagues(user).values("pk"))
    _school_id, _district_id, department_id = user_area(user)
    if user.role == Role.EXAM_BOARD and not user.school_id and department_id:
        rule |= Q(school__department_id=department_id) | Q(department_id=department_id)
    return User.objects.filter(rule, is_active=True, role__in=STAFF_ROLES)


def session_staff(session) -> QuerySet[User]:
    """Staff who may invigilate a session's rooms: those of its school, or of its
    department when it has no school."""
    staff = User.objects.filter(is_active=True, role__in=STAFF_ROLES)
    if session.school_id:
        return staff.filter(school_id=session.school_id)
    if session.department_id:
        return staff.filter(
            Q(school__department_id=session.department_id) | Q(department_id=session.department_id)
        )
    return staff.none()


def results_released(session, *, now=None) -> bool:
    """Whether the session's release policy lets its candidates see their results now
    (what they may see of them is the review policy's)."""
    now = now or timezone.now()
    if session.release_policy == ReleasePolicy.IMMEDIATE:
        return True
    if session.release_policy == ReleasePolicy.ON_CLOSE:
        return bool(session.closes_at and now >= session.closes_at) or bool(session.released_at)
    return session.released_at is not None


# --- E-lecture packages (lms.packages) ----------------------------------------------------
def can_play_package(user, version) -> bool:
    """Whoever may see the package (:func:`content.permissions.can_view_package`, signed in)
    plays any of its versions: learners keep the version they started when a new one comes.
    What they commit is kept as their own attempt, staff previewing included."""
    return is_active(user) and can_view_package(user, version.package)


def can_view_package_results(user, package) -> bool:
    """Students' results in a package: its owner, those who may edit it, and staff of its
    school (its area); never students."""
    if not is_active(user) or not (user.is_superuser or user.role in STAFF_ROLES):
        return False
    if user.is_superuser or package.owner_id == user.pk or can_edit_package(user, package):
        return True
    if not package.school_id or not visible_schools(user).filter(pk=package.school_id).exists():
        return False
    return can_view_package(user, package)


def package_result_learners(user, package) -> QuerySet[User]:
    """Students whose results in ``package`` the viewer sees: those of the schools the
    viewer works for and those they may list (their classes); all for a superuser.
    Students of other schools who played a shared package are their own schools' to see."""
    students = User.objects.filter(role=Role.STUDENT)
    if not can_view_package_results(user, package):
        return students.none()
    if user.is_superuser:
        return students
    return students.filter(
        Q(school__in=visible_schools(user)) | Q(pk__in=visible_people(user).values("pk"))
    )


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


def assignable_papers(user):
    """Papers (practice sets, tests) a teacher may give: those they may open and run."""
    if not can_run_sessions(user):
        return visible_papers(user).none()
    return (
        visible_papers(user)
        .filter(variants__isnull=False)
        .exclude(created_by__role=Role.STUDENT)
        .distinct()
    )


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
    superusers. Department admins see schools' figures, not students' (none)."""
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
