"""What a learner may do with a material: which questions they may answer through a page,
and whose records they keep. Built on the rules of the materials (:mod:`content.permissions`)
and of the bank (:mod:`question_bank.permissions`); every learner endpoint asks these."""

from django.db.models import Q, QuerySet

from accounts.models import Role
from accounts.permissions import is_active
from content.permissions import can_work_on_page, visible_material_pages
from content.practice import Embedding, page_embeddings
from lms.exams.models import Candidate, ExamRoom, ExamSession
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


def can_create_session(user, paper) -> bool:
    """Whoever may open the paper and runs sessions may make a session of it."""
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
