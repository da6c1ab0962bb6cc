"""Who may search what, and who keeps the search vocabulary.

The rows of the search table carry the columns of the rules of the apps they index; this
module turns those apps' rules (:mod:`question_bank.permissions`,
:mod:`accounts.permissions`) into conditions on the search table.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from accounts.models import Role
from accounts.permissions import is_active, material_scope_q
from question_bank.permissions import (
    QUESTION_STAFF_ROLES,
    _question_rule,
)


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


#: The search vocabulary (abbreviations and what they stand for) is kept by librarians and
#: department admins for everyone who searches.
SEARCH_VOCABULARY_ROLES = frozenset({Role.LIBRARIAN, Role.DEPARTMENT_ADMIN})


def can_edit_search_vocabulary(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in SEARCH_VOCABULARY_ROLES)
