"""Who may change the curriculum's reference data (subjects, topics, lessons, outcomes)."""

from accounts.models import Role
from accounts.permissions import is_active

#: Reference data of the bank (cognitive scales, true/false score tables) is kept by
#: superusers and department admins; everyone else reads it.
REFERENCE_DATA_ROLES = frozenset({Role.DEPARTMENT_ADMIN})


def can_edit_reference_data(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in REFERENCE_DATA_ROLES)
