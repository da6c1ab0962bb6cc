"""Initial passwords for students: issued for a class (login slips) or reset for one.

A password is shown once (on the slips or the reset page) and never stored in clear: the
caller prints what :func:`credentials_issue` returns in the same request. Each account gets
``must_change_password`` so the first sign-in leads to the password change
(``accounts.middleware.PasswordChangeRequiredMiddleware``); the hash is the cheaper one of
``accounts.hashers`` and is upgraded to the default at that first sign-in.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.log_actions import log

from accounts import permissions
from accounts.hashers import InitialPasswordHasher
from accounts.models import Role, SchoolClass, User

logger = logging.getLogger(__name__)

#: Lower-case letters and digits without look-alikes (0/o, 1/l/i): read off paper and typed
#: on a phone without the shift key. 31 symbols, 8 of them: about 40 bits, for a password
#: that sign-in throttling guards and the first sign-in replaces.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
LENGTH = 8

ISSUE_ACTION = "accounts.credentials.issue"
RESET_ACTION = "accounts.credentials.reset"


@dataclass(frozen=True)
class IssuedCredential:
    """What a login slip prints for one student. ``login`` is what the student types: the
    mã định danh when there is one (``accounts.backends`` accepts it), else the username."""

    user: User
    login: str
    password: str
    school_class: SchoolClass | None


def initial_password() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def _class_students(school_class: SchoolClass):
    return (
        User.objects.filter(
            role=Role.STUDENT, is_active=True, enrolments__school_class=school_class
        )
        .distinct()
        .order_by("first_name", "full_name", "pk")
    )


def _students_to_issue(
    *, actor, school_class: SchoolClass | None, users: Iterable[User] | None
) -> list[User]:
    """The students to give passwords, after the permission check (``PermissionDenied``)."""
    if users is None:
        if school_class is None:
            raise ValueError("credentials_issue needs a school_class or users")
        if not permissions.can_issue_credentials(actor, school_class):
            raise PermissionDenied
        return list(_class_students(school_class))
    students = list(users)
    if school_class is not None:
        enrolled = set(_class_students(school_class).values_list("pk", flat=True))
        if any(student.pk not in enrolled for student in students):
            raise PermissionDenied
    if not all(permissions.can_reset_password(actor, student) for student in students):
        raise PermissionDenied
    return students


@transaction.atomic
def credentials_issue(
    *, actor, school_class: SchoolClass | None = None, users: Iterable[User] | None = None
) -> list[IssuedCredential]:
    """Give each student a new random initial password and require a change at sign-in.

    With ``school_class`` alone: every active student of the class (a class's slips; who
    may is :func:`accounts.permissions.can_issue_credentials`). With ``users``: those
    students only (a reset; :func:`accounts.permissions.can_reset_password` for each, and
    enrolled in ``school_class`` when it is given). Raises ``PermissionDenied``. Failed
    sign-ins counted against these accounts are cleared: a reset is how a locked-out
    student gets back in.
    """
    students = _students_to_issue(actor=actor, school_class=school_class, users=users)
    issued = []
    for student in students:
        password = initial_password()
        student.password = make_password(password, hasher=InitialPasswordHasher.algorithm)
        student.must_change_password = True
        issued.append(
            IssuedCredential(
                user=student,
                login=student.student_id or student.username,
                password=password,
                school_class=school_class,
            )
        )
    User.objects.bulk_update(students, ["password", "must_change_password"])
    AccessAttempt.objects.filter(username__in=[s.username for s in students]).delete()
    _audit(actor=actor, school_class=school_class, students=students, whole_class=users is None)
    return issued


def _audit(*, actor, school_class, students: list[User], whole_class: bool) -> None:
    ids = [student.pk for student in students]
    if whole_class:
        log(school_class, ISSUE_ACTION, user=actor, data={"students": ids})
    else:
        for student in students:
            log(
                student,
                RESET_ACTION,
                user=actor,
                data={"school_class": getattr(school_class, "pk", None)},
            )
    # Logged once the passwords are in: a print that fails rolls the issue back.
    actor_name, class_id = actor.get_username(), getattr(school_class, "pk", None)
    transaction.on_commit(
        lambda: logger.info(
            "Initial passwords issued by %s: class=%s students=%s", actor_name, class_id, ids
        )
    )


def password_change(*, user: User, new_password: str) -> None:
    """The user's own new password (validated by the caller's form): the initial one is
    gone and sign-in no longer leads to the change."""
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    logger.info("Password changed by %s", user.get_username())
