"""The one place that decides who may see and change what in ``lms``.

Views, the Wagtail admin, the API and the importers all ask these functions; none of
them re-implements a rule. Each ``visible_*`` returns a queryset filtered in the
database, so lists stay paginated and indexed at province scale.
"""

import uuid
from functools import reduce
from operator import or_

from django.apps import apps
from django.core.cache import cache
from django.db.models import Q, QuerySet

from lms.models import Department, DistrictOffice, Role, School, SchoolClass, User

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
    from wagtail.models import Collection

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
    from wagtail.models import Collection

    if not can_access_admin(user):
        return Collection.objects.none()
    return Collection.objects.filter(Q(pk__in=editable_collections(user).values("pk")) | Q(depth=1))


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


# --- Question bank --------------------------------------------------------------------
# Banks are shared by scope (private, school, district, province). Confidential exam-board
# pools are visible to their members only: no role, not even a superuser, sees them from
# outside, in the admin, search, exports or the API. Students never see the bank.
QUESTION_STAFF_ROLES = frozenset(
    {Role.TEACHER, Role.EXAM_BOARD, Role.SCHOOL_ADMIN, Role.DEPARTMENT_ADMIN}
)
REVIEWER_GROUP = "Tổ chuyên môn (duyệt câu hỏi)"


def _bank_model():
    from question_bank.models import QuestionBank

    return QuestionBank


def _member_q(user) -> Q:
    return Q(owner=user) | Q(members=user)


def visible_banks(user):
    QuestionBank = _bank_model()
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
    QuestionBank = _bank_model()
    if not is_active(user) or not (user.is_superuser or user.role in QUESTION_STAFF_ROLES):
        return QuestionBank.objects.none()
    rule = _member_q(user)
    if user.is_superuser:
        rule |= Q(confidential=False)
    ids = QuestionBank.objects.filter(rule).values("pk")
    return QuestionBank.objects.filter(pk__in=ids)


def can_edit_bank(user, bank) -> bool:
    return editable_banks(user).filter(pk=bank.pk).exists()


def is_reviewer(user) -> bool:
    return is_active(user) and (
        user.is_superuser or user.groups.filter(name=REVIEWER_GROUP).exists()
    )


def visible_questions(user):
    """Questions the user may see: all of their own banks; approved ones of shared banks;
    submitted ones too for reviewers of the subject group."""
    from question_bank.models import Question

    if not is_active(user):
        return Question.objects.none()
    return Question.objects.filter(_question_rule(user, bank="bank"))


#: A user's bank ids (below) are cached for this long under a version that every change
#: to banks, their members, users, schools or groups replaces (``lms.signals``), so a
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
    from question_bank.models import Status

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


def search_document_parts(user) -> dict[str, Q]:
    """:func:`search_document_q` as one filter per audience ("material", and "question" if
    the user may see any questions); each names its audience, so a database reads each
    part through that audience's own indexes."""
    parts = {"material": Q(audience="material", live=True) & material_scope_q(user)}
    if is_active(user) and (user.is_superuser or user.role in QUESTION_STAFF_ROLES):
        parts["question"] = Q(audience="question") & _question_rule(user, bank="bank_id")
    return parts


def search_document_q(user) -> Q:
    """What the search box may show the user, as a filter on ``search.SearchDocument``
    columns that every search backend applies inside the query: published materials of
    the user's sharing area, and questions by the rule of :func:`visible_questions` (none
    for students and visitors; confidential pools for their members only)."""
    return reduce(or_, search_document_parts(user).values())


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
    from question_bank.models import Question

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
    QuestionBank = _bank_model()
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
    from question_bank.models import Stimulus

    return Stimulus.objects.filter(bank__in=visible_banks(user))


def editable_stimuli(user):
    """Stimuli the user may edit, delete and attach questions to: those of their banks."""
    from question_bank.models import Stimulus

    return Stimulus.objects.filter(bank__in=editable_banks(user))


def can_edit_stimulus(user, stimulus) -> bool:
    return editable_stimuli(user).filter(pk=stimulus.pk).exists()


def question_tags(user):
    """Tags the admin may suggest to ``user``: those of questions the user sees, and tags
    no question uses. A tag used only in a confidential pool or another school's private
    bank never reaches an outsider."""
    from taggit.models import Tag

    from question_bank.models import QuestionTag

    if not is_active(user):
        return Tag.objects.none()
    seen = QuestionTag.objects.filter(content_object__in=visible_questions(user)).values("tag_id")
    used = QuestionTag.objects.values("tag_id")
    return Tag.objects.filter(Q(pk__in=seen) | ~Q(pk__in=used))


#: Reference data of the bank (cognitive scales, true/false score tables) is kept by
#: superusers and department admins; everyone else reads it.
REFERENCE_DATA_ROLES = frozenset({Role.DEPARTMENT_ADMIN})


def can_edit_reference_data(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in REFERENCE_DATA_ROLES)


#: The search vocabulary (abbreviations and what they stand for) is kept by librarians and
#: department admins for everyone who searches.
SEARCH_VOCABULARY_ROLES = frozenset({Role.LIBRARIAN, Role.DEPARTMENT_ADMIN})


def can_edit_search_vocabulary(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in SEARCH_VOCABULARY_ROLES)


# --- Exam matrices and papers ---------------------------------------------------------
# Teachers and exam boards build matrices and papers from the questions they can see.
# A paper is seen by its author; a non-confidential one also by staff of its school; a
# confidential one by its author and the members of the banks its matrix draws from
# (the board) only, until it is released.
ASSEMBLER_ROLES = frozenset({Role.TEACHER, Role.EXAM_BOARD})


def can_assemble(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in ASSEMBLER_ROLES)


def visible_matrices(user):
    from question_bank.models import ExamMatrix

    if not can_assemble(user):
        return ExamMatrix.objects.none()
    return ExamMatrix.objects.filter(created_by=user)


def can_edit_matrix(user, matrix) -> bool:
    return visible_matrices(user).filter(pk=matrix.pk).exists()


def visible_papers(user):
    from question_bank.models import Paper

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


def is_curator(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in CURATOR_ROLES)


def visible_library_items(user):
    """Published library items the user may find, read and download (lists, API, OAI)."""
    from content.models import LibraryItem

    return LibraryItem.objects.filter(Q(live=True) & material_scope_q(user))


def curatable_library_items(user):
    from content.models import LibraryItem

    return LibraryItem.objects.filter(curated_area_q(user))


def editable_library_items(user):
    """Items the user may edit in the admin: their own, and those they curate."""
    from content.models import LibraryItem

    if not is_active(user) or not can_access_admin(user):
        return LibraryItem.objects.none()
    return LibraryItem.objects.filter(Q(created_by=user) | curated_area_q(user))


def choosable_library_items(user):
    """Items the user may pick (for a shelf, a link): the published ones of their sharing
    area and those they edit (their own drafts, the drafts of the area they curate)."""
    from content.models import LibraryItem

    if not can_access_admin(user):
        return LibraryItem.objects.none()
    return LibraryItem.objects.filter(
        Q(pk__in=visible_library_items(user).values("pk"))
        | Q(pk__in=editable_library_items(user).values("pk"))
    )


def can_view_library_item(user, item) -> bool:
    if visible_library_items(user).filter(pk=item.pk).exists():
        return True
    return editable_library_items(user).filter(pk=item.pk).exists()


def can_curate(user, obj) -> bool:
    """May take down, restore, hide comments and see statistics of ``obj``.

    Only materials (they carry a sharing area) are curated; hub pages and anything else
    are left to superusers."""
    if not is_active(user):
        return False
    if not hasattr(obj, "scope") or not hasattr(obj, "school_id"):
        return bool(user.is_superuser)
    return type(obj)._default_manager.filter(curated_area_q(user), pk=obj.pk).exists()


def visible_material_pages(user, model):
    """Live lesson/e-lecture pages (``model``) the user may open and find."""
    return model.objects.live().filter(material_scope_q(user))


def can_view_material_page(user, page) -> bool:
    """Published and in the user's area, or the author's own, or curated by the user."""
    model = type(page)
    if visible_material_pages(user, model).filter(pk=page.pk).exists():
        return True
    if is_active(user) and page.owner_id == user.pk:
        return True
    return can_curate(user, page)


def can_rate(user) -> bool:
    """Students and staff rate and comment; anonymous visitors don't."""
    return is_active(user)


# --- Curriculum coverage report -------------------------------------------------------
# Superusers see any department; department admins, school admins and librarians see
# their own department's figures (read-only: the report changes nothing and offers no
# choice of department). Everyone else is refused.
COVERAGE_ROLES = frozenset({Role.DEPARTMENT_ADMIN, Role.SCHOOL_ADMIN, Role.LIBRARIAN})


def can_view_coverage(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in COVERAGE_ROLES)


def coverage_departments(user) -> QuerySet:
    """Departments whose coverage the user may see."""
    if not can_view_coverage(user):
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    _school_id, district_id, department_id = user_area(user)
    if department_id is None and district_id is not None:
        # A Phòng admin may be recorded with the district office only.
        return Department.objects.filter(district_offices__pk=district_id)
    if department_id is None:
        return Department.objects.none()
    return Department.objects.filter(pk=department_id)


# --- Lessons and e-lectures in the Wagtail admin ---------------------------------------
# Hub pages (home, subject, grade) are the site's skeleton, kept by hubs_sync: only
# superusers and department admins edit them.
HUB_EDITOR_ROLES = frozenset({Role.DEPARTMENT_ADMIN})


def material_page_models() -> list[type]:
    """The concrete page models of learning materials (lessons, e-lectures)."""
    from content.models import MaterialPage

    return [m for m in apps.get_models() if issubclass(m, MaterialPage)]


def _hub_page_models() -> tuple[type, ...]:
    from content.models import GradePage, HomePage, SubjectPage

    return (HomePage, SubjectPage, GradePage)


def can_work_on_page(user, page) -> bool:
    """May ``user`` edit, delete, copy, move, publish or unpublish ``page`` in the admin?

    Lessons and e-lectures: their owner and the curators of their area. Hub pages:
    department admins. Superusers: everything. Group page permissions are still needed
    on top of this; this only narrows them to the user's area.
    """
    if not is_active(user):
        return False
    if user.is_superuser:
        return True
    model = page.specific_class
    if model is None:
        return False
    if issubclass(model, tuple(material_page_models())):
        return page.owner_id == user.pk or can_curate(user, page.specific_deferred)
    if issubclass(model, _hub_page_models()):
        return user.role in HUB_EDITOR_ROLES
    return False


def can_create_page(user, page_class) -> bool:
    """Anyone with Wagtail's "add" permission creates materials (owning them); hub pages
    are made by superusers and department admins only."""
    if not is_active(user):
        return False
    if user.is_superuser or issubclass(page_class, tuple(material_page_models())):
        return True
    return user.role in HUB_EDITOR_ROLES


def can_curate_page(user, page) -> bool:
    """May ``user`` publish or unpublish ``page`` (curators of its area; hubs as above)?"""
    if not is_active(user):
        return False
    if user.is_superuser:
        return True
    model = page.specific_class
    if model is not None and issubclass(model, tuple(material_page_models())):
        return can_curate(user, page.specific_deferred)
    return can_work_on_page(user, page)


def workable_pages_q(user) -> Q:
    """Pages the admin explorer lists for ``user`` (a filter on ``wagtailcore.Page``):
    every hub page, and the materials the user may work on (``can_work_on_page``)."""
    if is_active(user) and user.is_superuser:
        return Q()
    from django.contrib.contenttypes.models import ContentType

    models = material_page_models()
    material_types = [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
    rule = ~Q(content_type_id__in=material_types)
    if not is_active(user):
        return rule
    rule |= Q(owner=user)
    area = curated_area_q(user)
    for model in models:
        rule |= Q(pk__in=model.objects.filter(area).values("pk"))
    return rule


def choosable_pages_q(user) -> Q:
    """Pages ``user`` may pick in the page chooser (to link to): those of the explorer and
    the published materials of the user's sharing area."""
    rule = workable_pages_q(user)
    for model in material_page_models():
        rule |= Q(pk__in=visible_material_pages(user, model).values("pk"))
    return rule


def choosable_questions(user):
    """Questions an editor may embed in a lesson or e-lecture: approved (live) ones the
    user can see, never from a confidential exam-board pool, whoever the user is."""
    from question_bank.models import QuestionBank

    # A plain id list keeps the filter usable by every search backend (the chooser searches).
    confidential = list(QuestionBank.objects.filter(confidential=True).values_list("pk", flat=True))
    return visible_questions(user).filter(live=True).exclude(bank__in=confidential)


def curatable_takedowns(user):
    """Takedown records of the materials ``user`` curates (library items and pages)."""
    from content.models import Takedown

    if is_active(user) and user.is_superuser:
        return Takedown.objects.all()
    area = curated_area_q(user)
    rule = Q(library_item__in=curatable_library_items(user).values("pk"))
    for model in material_page_models():
        rule |= Q(page_id__in=model.objects.filter(area).values("pk"))
    return Takedown.objects.filter(rule)


def can_view_document(user, document) -> bool:
    """Who may open a document (``/documents/<id>/<name>``): one in a school's collection
    (or below it) only that school's people (staff and students) and those who oversee
    the school (:func:`visible_schools`); one elsewhere (the root, shared collections)
    anyone, as a document linked from a public page must be."""
    from wagtail.models import Collection

    owners = School.objects.filter(
        collection__in=Collection.objects.ancestor_of(document.collection, inclusive=True)
    ).values("pk")
    if not owners.exists():
        return True
    return visible_schools(user).filter(pk__in=owners).exists()
