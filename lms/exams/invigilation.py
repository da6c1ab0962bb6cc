"""Invigilators' writes that the engine's services do not check themselves.

:func:`lms.exams.services.attempt_submit` is the engine's idempotent submit, called by the
candidate's page and the closing task without a permission check; an invigilator's "Thu
bài" goes through :func:`attempt_collect`, which checks the room first.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from lms import permissions
from lms.exams import services
from lms.exams.models import Attempt


def attempt_collect(*, user, attempt: Attempt) -> tuple[Attempt, bool]:
    """Submit a candidate's attempt for them (Thu bài) with everything saved so far.

    Only an invigilator of the candidate's room (or whoever runs the session) may; the
    submit is logged with ``by=user``. Returns the attempt and whether this call submitted
    it (a second collect, or one after the candidate submitted, changes nothing)."""
    room = attempt.candidate.room
    if room is None or not permissions.can_invigilate(user, room):
        raise PermissionDenied(_("Bạn không coi thi phòng này."))
    return services.attempt_submit(attempt=attempt, by=Attempt.SubmittedBy.INVIGILATOR, user=user)
