"""Who works in an exam session's rooms: the board names the invigilators (giám thị).

Keyword-only, checked with :func:`lms.permissions.can_manage_session`, logged.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms import permissions
from lms.exams.models import ExamRoom

logger = logging.getLogger(__name__)


@transaction.atomic
def room_invigilators_set(*, user, room: ExamRoom, invigilators) -> ExamRoom:
    """Make ``invigilators`` (staff of the session's school or department) the room's
    invigilators, replacing the previous ones."""
    session = room.session
    if not permissions.can_manage_session(user, session):
        raise PermissionDenied(_("Bạn không được phân công giám thị cho ca thi này."))
    wanted = {person.pk for person in invigilators}
    allowed = set(
        permissions.session_staff(session).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    if wanted - allowed:
        raise ValidationError(
            {"invigilators": _("Chỉ phân công được cán bộ của trường hoặc sở tổ chức ca thi.")}
        )
    before = set(room.invigilators.values_list("pk", flat=True))
    room.invigilators.set(sorted(wanted))
    logger.info(
        "exam room %s invigilators set by %s: +%s -%s",
        room.pk,
        user,
        sorted(wanted - before),
        sorted(before - wanted),
    )
    return room
