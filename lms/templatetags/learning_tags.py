"""Template tags over a learner's records.

* ``{% electure_progress page as progress %}`` — the signed-in learner's honest progress
  through an e-lecture (:func:`lms.selectors.electure_progress`), None for a visitor.
* ``{% reading_position item as initial %}`` — where the signed-in reader stopped in a
  library item ({"page": 3} or {"cfi": …}; {} for a visitor or a first read).
"""

from django import template

from lms import selectors
from lms.views import reading_position as _reading_position

register = template.Library()


@register.simple_tag(takes_context=True)
def electure_progress(context, page):
    request = context.get("request")
    if request is None or not getattr(page, "pk", None):
        return None  # an unsaved page (admin preview of a new e-lecture) has no records
    return selectors.electure_progress(user=request.user, page=page)


@register.simple_tag(takes_context=True)
def reading_position(context, item):
    request = context.get("request")
    if request is None or not getattr(item, "pk", None):
        return {}
    return _reading_position(request.user, item)
