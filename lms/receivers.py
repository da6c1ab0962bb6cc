"""What ``lms`` does when a lower layer tells it something (see ``content.signals``)."""

from content import signals
from lms.services import learning_event_record


def material_viewed(sender, *, user, page=None, item=None, **kwargs) -> None:
    learning_event_record(user=user, kind="view", page=page, item=item)


def material_downloaded(sender, *, user, item, **kwargs) -> None:
    learning_event_record(user=user, kind="download", item=item)


def connect() -> None:
    signals.material_viewed.connect(material_viewed, dispatch_uid="lms.material_viewed")
    signals.material_downloaded.connect(material_downloaded, dispatch_uid="lms.material_downloaded")
