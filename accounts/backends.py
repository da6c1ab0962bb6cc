"""Sign-in by username or, for students, by mã định danh.

Roster-imported students have their mã định danh as the username, but an account made by
hand (or renamed) may not: the login slip prints the mã định danh, so both must work.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


def account_for_login(identifier: str | None):
    """The user a typed sign-in name means: the one with that username, else the one with
    that mã định danh (digits only, so no case to fold), else None."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    users = get_user_model()._default_manager
    user = users.filter(username=identifier).first()
    if user is None and identifier.isdigit():
        user = users.filter(student_id=identifier).first()
    return user


class UsernameOrStudentIdBackend(ModelBackend):
    """Django's ``ModelBackend`` (password check, inactive users refused, permissions) with
    the account looked up by :func:`account_for_login`."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = account_for_login(username)
        if user is None:
            # As ModelBackend: spend a hash's time so a missing account is not timed apart.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
