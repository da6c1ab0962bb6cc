"""Who may see and change what in the question bank: banks, questions, stimuli, tags,
exam matrices and papers.

Views, the Wagtail admin, the API, exports and the importers all ask these functions;
none of them re-implements a rule. Each ``visible_*`` returns a queryset filtered in the
database. The area vocabulary (schools, colleagues, roles) comes from
:mod:`accounts.permissions`.
"""

import uuid

from django.core.cache import cache
from django.db.models import Q, QuerySet
from taggit.models import Tag

from accounts.models import Role, User
from accounts.permissions import is_active
from question_bank.assembly.models import ExamMatrix, Paper
from question_bank.models import Question, QuestionBank, QuestionTag, Status, Stimulus

# --- Question bank --------------------------------------------------------------------
# Banks are shared by scope (private, school, district, province). Confidential exam-board
# pools are visible to their members only: no role, not even a superuser, sees them from
# outside, in the admin, search, exports or the API. Students never see the bank.
QUESTION_STAFF_ROLES = frozenset(
    {Role.TEACHER, Role.EXAM_BOARD, Role.SCHOOL_ADMIN, Role.DEPARTMENT_ADMIN}
)


REVIEWER_GROUP = "Tổ chuyên môn (duyệt câu hỏi)"


def _member_q(user) -> Q:
    return Q(owner=user) | Q(members=user)


def visible_banks(user):
    if not is_active(user) or not (user.is_superuser or user.role in QUESTION_STAFF_ROLES):
        return QuestionBank.objects.none()
    mine = _member_q(user)
    if user.is_superuser:
        shared = Q(confidential=False)
    else:
        school = user.school
        district_id = (school.district_office_id if school else None) or user.district_office_id
        department_id = (school.department_id if school else None) or user.department_id
        shared = Q(pk__in=[])
        if user.school_id:
            shared |= Q(scope="school", school_id=user.school_id)
        if district_id:
            shared |= Q(scope="district", district_office_id=district_id)
        if department_id:
            shared |= Q(scope="province", department_id=department_id)
            if user.role == Role.DEPARTMENT_ADMIN:
                shared |= Q(scope__in=["school", "district"], department_id=department_id)
        shared &= Q(confidential=False)
    ids = QuestionBank.objects.filter(mine | shared).values("pk")
    return QuestionBank.objects.filter(pk__in=ids)


def can_view_bank(user, bank_id) -> bool:
    return visible_banks(user).filter(pk=bank_id).exists()


def editable_banks(user):
    """Banks the user may add questions to and edit in: owners and members only."""
    if not is_active(user) or not (user.is_superuser or user.role in QUESTION_STAFF_ROLES):
        return QuestionBank.objects.none()
    rule = _member_q(user)
    if user.is_superuser:
        rule |= Q(confidential=False)
    ids = QuestionBank.objects.filter(rule).values("pk")
    return QuestionBank.objects.filter(pk__in=ids)


def has_editable_bank(user) -> bool:
    """Whether ``user`` edits any bank (may add questions, stimuli): from the cached ids."""
    return is_active(user) and bool(_bank_ids(user)[0])


def can_edit_bank(user, bank) -> bool:
    # The cached ids of editable_banks (invalidated by bank_ids_changed): a list asks this
    # once per row.
    return is_active(user) and bank.pk in _bank_ids(user)[0]


def is_reviewer(user) -> bool:
    return is_active(user) and (
        user.is_superuser or user.groups.filter(name=REVIEWER_GROUP).exists()
    )


def visible_questions(user):
    """Questions the user may see: all of their own banks; approved ones of shared banks;
    submitted ones too for reviewers of the subject group."""

    if not is_active(user):
        return Question.objects.none()
    return Question.objects.filter(_question_rule(user, bank="bank"))


def practice_questions(user):
    """Questions a practice set (``practice_set_create``) may draw for ``user``: approved,
    live questions of non-confidential banks. Staff: those they see. A student, who never
    sees the bank itself, practises on the banks shared with their school, district or
    province (never a private bank nor a confidential pool); the set shows them only the
    questions it drew."""
    if not is_active(user):
        return Question.objects.none()
    ready = Q(status=Status.APPROVED, live=True, bank__confidential=False)
    if user.is_superuser or user.role in QUESTION_STAFF_ROLES:
        return visible_questions(user).filter(ready)
    if user.role != Role.STUDENT or not user.school_id:
        return Question.objects.none()
    school = user.school
    shared = Q(bank__scope="school", bank__school_id=school.pk)
    if school.district_office_id:
        shared |= Q(bank__scope="district", bank__district_office_id=school.district_office_id)
    if school.department_id:
        shared |= Q(bank__scope="province", bank__department_id=school.department_id)
    return Question.objects.filter(ready & shared)


#: A user's bank ids (below) are cached for this long under a version that every change
#: to banks, their members, users, schools or groups replaces (``accounts.signals``), so a
#: search does not ask the database three questions before it starts.
BANK_IDS_SECONDS = 300


_BANK_IDS_VERSION = "lms:bank-ids-version"


def bank_ids_changed(**kwargs) -> None:
    """Forget every cached bank id list (a signal receiver, and callable directly)."""
    cache.set(_BANK_IDS_VERSION, uuid.uuid4().hex, None)


def _bank_ids(user) -> tuple[list[int], list[int], bool]:
    """(banks the user edits, other banks the user sees, whether the user reviews)."""
    version = cache.get(_BANK_IDS_VERSION)
    if version is None:
        bank_ids_changed()
        version = cache.get(_BANK_IDS_VERSION)
    key = (
        f"lms:bank-ids:{version}:{user.pk}:{user.role}:{user.is_active}:{user.is_superuser}:"
        f"{user.school_id}:{user.district_office_id}:{user.department_id}"
    )
    cached = cache.get(key)
    if cached is None:
        own_ids = list(editable_banks(user).values_list("pk", flat=True))
        shared_ids = list(visible_banks(user).exclude(pk__in=own_ids).values_list("pk", flat=True))
        cached = (own_ids, shared_ids, is_reviewer(user))
        cache.set(key, cached, BANK_IDS_SECONDS)
    return cached


def _question_rule(user, *, bank: str) -> Q:
    """The question rule over a ``bank`` column (questions, or their search documents)."""

    # Plain id lists keep the filter simple enough for every search backend too.
    own_ids, shared_ids, reviewer = _bank_ids(user)
    shared_states = [Status.APPROVED]
    if reviewer:
        shared_states += [Status.SUBMITTED, Status.CHANGES_REQUESTED]
    if not shared_ids:
        return Q(**{f"{bank}__in": own_ids})
    # Every visible bank as one top-level condition, so that a database can read the
    # questions through an index on the bank before it checks the state of shared ones.
    return Q(**{f"{bank}__in": own_ids + shared_ids}) & (
        Q(**{f"{bank}__in": own_ids}) | Q(status__in=shared_states) | Q(live=True)
    )


def can_search_questions(user) -> bool:
    """Whether the search box may show ``user`` any questions (and the staff vocabulary of
    its spelling suggestions, ``search.spelling``): question-bank staff and superusers."""
    return is_active(user) and (user.is_superuser or user.role in QUESTION_STAFF_ROLES)


def can_view_question(user, question) -> bool:
    return visible_questions(user).filter(pk=question.pk).exists()


def can_edit_question(user, question) -> bool:
    return can_edit_bank(user, question.bank)


def can_review_question(user, question) -> bool:
    """Reviewers approve questions of banks they can see, except confidential pools they're not in."""
    return is_reviewer(user) and can_view_bank(user, question.bank_id)


def reviewable_questions(user):
    """Questions the user may approve or send back (``can_review_question`` as a queryset):
    those of the banks they see, if they review."""

    if not is_reviewer(user):
        return Question.objects.none()
    return Question.objects.filter(bank__in=visible_banks(user))


def editable_questions(user):
    """Questions the user may edit, tag, move, submit and delete: those of their banks."""
    return visible_questions(user).filter(bank__in=editable_banks(user))


def can_create_bank(user, *, confidential: bool = False) -> bool:
    """Question staff create banks (and own them); a confidential exam-board pool is
    created by the exam board (or a superuser) only."""
    if not is_active(user) or not (user.is_superuser or user.role in QUESTION_STAFF_ROLES):
        return False
    return not confidential or user.is_superuser or user.role == Role.EXAM_BOARD


def manageable_banks(user):
    """Banks whose settings (name, sharing scope, confidentiality, members) the user may
    change and which the user may delete: the owner's only (superusers: also every
    non-confidential bank). Members add and edit the questions and stimuli inside
    (``editable_banks``) but never reshape or delete the bank itself, so a member cannot
    unseal a confidential pool or delete a colleague's work."""
    if not is_active(user) or not (user.is_superuser or user.role in QUESTION_STAFF_ROLES):
        return QuestionBank.objects.none()
    rule = Q(owner=user)
    if user.is_superuser:
        rule |= Q(confidential=False)
    return QuestionBank.objects.filter(rule)


def can_manage_bank(user, bank) -> bool:
    return manageable_banks(user).filter(pk=bank.pk).exists()


def bank_member_candidates(user) -> QuerySet[User]:
    """People ``user`` may add to a bank as members: active staff who work with them (their
    school's staff; for staff without a school, the staff of their district office or
    department who have no school either). Never students, never other schools' people."""
    if not is_active(user) or not (user.is_superuser or user.role in QUESTION_STAFF_ROLES):
        return User.objects.none()
    staff = User.objects.filter(is_active=True, role__in=QUESTION_STAFF_ROLES)
    if user.is_superuser:
        return staff
    if user.school_id:
        return staff.filter(school_id=user.school_id)
    if user.district_office_id:
        return staff.filter(school__isnull=True, district_office_id=user.district_office_id)
    if user.department_id:
        return staff.filter(school__isnull=True, department_id=user.department_id)
    return staff.filter(pk=user.pk)


def visible_stimuli(user):
    """Shared stimuli (passages) of the banks the user sees."""

    return Stimulus.objects.filter(bank__in=visible_banks(user))


def editable_stimuli(user):
    """Stimuli the user may edit, delete and attach questions to: those of their banks."""

    return Stimulus.objects.filter(bank__in=editable_banks(user))


def can_edit_stimulus(user, stimulus) -> bool:
    return editable_stimuli(user).filter(pk=stimulus.pk).exists()


def question_tags(user):
    """Tags the admin may suggest to ``user``: those of questions the user sees, and tags
    no question uses. A tag used only in a confidential pool or another school's private
    bank never reaches an outsider."""

    if not is_active(user):
        return Tag.objects.none()
    seen = QuestionTag.objects.filter(content_object__in=visible_questions(user)).values("tag_id")
    used = QuestionTag.objects.values("tag_id")
    return Tag.objects.filter(Q(pk__in=seen) | ~Q(pk__in=used))


# --- Exam matrices and papers ---------------------------------------------------------
# Teachers and exam boards build matrices and papers from the questions they can see.
# A paper is seen by its author; a non-confidential one also by staff of its school; a
# confidential one by its author and the members of the banks its matrix draws from
# (the board) only, until it is released.
ASSEMBLER_ROLES = frozenset({Role.TEACHER, Role.EXAM_BOARD})


def can_assemble(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in ASSEMBLER_ROLES)


def visible_matrices(user):
    if not can_assemble(user):
        return ExamMatrix.objects.none()
    return ExamMatrix.objects.filter(created_by=user)


def can_edit_matrix(user, matrix) -> bool:
    return visible_matrices(user).filter(pk=matrix.pk).exists()


def visible_papers(user):
    if not is_active(user) or not (user.is_superuser or user.role in QUESTION_STAFF_ROLES):
        return Paper.objects.none()
    board_banks = list(editable_banks(user).values_list("pk", flat=True))
    rule = Q(created_by=user) | Q(confidential=True, matrix__banks__in=board_banks)
    released = Q(confidential=False) | Q(released_at__isnull=False)
    if user.is_superuser:
        rule |= released
    elif user.role == Role.DEPARTMENT_ADMIN and user.department_id:
        rule |= released & Q(school__department_id=user.department_id)
    elif user.school_id:
        rule |= released & Q(school_id=user.school_id)
    ids = Paper.objects.filter(rule).values("pk")
    return Paper.objects.filter(pk__in=ids)


def can_view_paper(user, paper) -> bool:
    return visible_papers(user).filter(pk=paper.pk).exists()


def can_release_paper(user, paper) -> bool:
    return is_active(user) and paper.created_by_id == user.pk


def choosable_questions(user):
    """Questions an editor may embed in a lesson or e-lecture: approved (live) ones the
    user can see, never from a confidential exam-board pool, whoever the user is."""

    # A plain id list keeps the filter usable by every search backend (the chooser searches).
    confidential = list(QuestionBank.objects.filter(confidential=True).values_list("pk", flat=True))
    return visible_questions(user).filter(live=True).exclude(bank__in=confidential)


def can_use_import_job(user, job) -> bool:
    """The import pages and their confirmation: the job's uploader, while they still edit
    its bank."""
    return is_active(user) and job.created_by_id == user.pk and can_edit_bank(user, job.bank)


#: Reference data of the bank (cognitive scales, true/false score tables) is kept by
#: superusers and department admins; everyone else reads it.
REFERENCE_DATA_ROLES = frozenset({Role.DEPARTMENT_ADMIN})


def can_edit_reference_data(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in REFERENCE_DATA_ROLES)
