"""The rules of the lms app, at every door (pages, API, exports): learning and exams in
:mod:`.learning`, teaching (gradebook, assignments, marking, reports, surveys) in
:mod:`.teaching`. Import them from here: ``from lms import permissions``."""

from lms.permissions.learning import *  # noqa: F403
from lms.permissions.teaching import *  # noqa: F403
