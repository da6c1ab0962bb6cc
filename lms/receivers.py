"""What ``lms`` does when a lower layer tells it something (see ``content.signals``)."""

from django.urls import reverse

from content import signals
from content.models import ELecturePage
from lms.exams import signals as exam_signals
from lms.exams.tasks import grade_submitted
from lms.revision import mock as revision_mock
from lms.revision import services as revision
from lms.selectors import electure_progress, reading_position
from lms.services import learning_event_record


def material_viewed(sender, *, user, page=None, item=None, **kwargs) -> None:
    learning_event_record(user=user, kind="view", page=page, item=item)


def material_downloaded(sender, *, user, item, **kwargs) -> None:
    learning_event_record(user=user, kind="download", item=item)


def learner_context(sender, *, request, page=None, item=None, **kwargs) -> dict:
    """An e-lecture's honest progress for its learner; a library reader's saved position
    and where to save it (none for a visitor, whose position stays in the browser)."""
    user = request.user
    if isinstance(page, ELecturePage):
        # An unsaved page (the admin's preview of a new e-lecture) has no records.
        return {"progress": electure_progress(user=user, page=page) if page.pk else None}
    if item is not None:
        if not user.is_authenticated:
            return {"reading_position": {"url": None, "initial": {}}}
        return {
            "reading_position": {
                "url": reverse("library_position", args=[item.pk]),
                "initial": reading_position(user, item),
            }
        }
    return {}


def connect() -> None:
    signals.material_viewed.connect(material_viewed, dispatch_uid="lms.material_viewed")
    signals.material_downloaded.connect(material_downloaded, dispatch_uid="lms.material_downloaded")
    signals.learner_context.connect(learner_context, dispatch_uid="lms.learner_context")
    exam_signals.attempt_submitted.connect(grade_submitted, dispatch_uid="lms.exams.grade")
    exam_signals.answer_checked.connect(
        revision.practice_checked, dispatch_uid="lms.revision.practice_checked"
    )
    exam_signals.attempt_graded.connect(
        revision_mock.attempt_graded, dispatch_uid="lms.revision.mock_graded"
    )
