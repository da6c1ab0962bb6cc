"""Learning and exams: what a learner may do with a material: which questions they may
answer through a page, and whose records they keep. Built on the rules of the materials (:mod:`content.permissions`)
and of the bank (:mod:`question_bank.permissions`); every learner endpoint asks these."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import (
    Enrolment,
    Role,
    SchoolClass,
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
    visible_material_pages,
)
from content.practice import Embedding, page_embeddings
from lms.exams.models import Candidate, ExamRoom, ExamSession, ReleasePolicy, ReviewPolicy
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


def results_released(session, *, now=None, extensions: bool = True) -> bool:
    """Whether the session's release policy lets its candidates see their results now
    (what they may see of them is the review policy's). "On close" waits for the last
    candidate given a later close of their own (an extension), so no classmate's review
    shows the keys while someone still works; a list of one's own sessions may skip that
    query (``extensions=False``): the result page itself checks it."""
    now = now or timezone.now()
    if session.release_policy == ReleasePolicy.IMMEDIATE:
        return True
    if session.released_at:
        return True
    if session.release_policy == ReleasePolicy.ON_CLOSE:
        if not (session.closes_at and now >= session.closes_at):
            return False
        return not (extensions and session.candidates.filter(closes_at__gt=now).exists())
    return False


def can_check_practice(session, *, now=None) -> bool:
    """Whether a practice session's per-question check (key, solution, feedback) may answer:
    only when its results are released and its review shows keys (a learner's own practice
    set always; an assigned one as the teacher set it)."""
    return (
        session.kind == ExamSession.Kind.PRACTICE
        and session.review_policy == ReviewPolicy.KEYS
        and results_released(session, now=now)
    )


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
