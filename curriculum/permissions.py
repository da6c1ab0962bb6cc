"""Who may change the GDPT 2018 curriculum (subjects, topics, their lessons and learning
outcomes). Everyone reads it: pages, questions and reports are tagged against it."""

from django.db.models import QuerySet

from accounts.models import Role
from accounts.permissions import is_active

#: The curriculum is kept by superusers and department admins (their role group carries
#: Wagtail's add/change permissions on subjects and topics).
CURRICULUM_EDITOR_ROLES = frozenset({Role.DEPARTMENT_ADMIN})


def can_edit_curriculum(user) -> bool:
    return is_active(user) and (user.is_superuser or user.role in CURRICULUM_EDITOR_ROLES)


def editable_curriculum(user, model) -> QuerySet:
    """The rows of ``model`` (Subject, Topic…) that ``user`` may change: all or none."""
    manager = model._default_manager
    return manager.all() if can_edit_curriculum(user) else manager.none()
