"""Template tags over a learner's records.

* ``{% electure_progress page as progress %}`` — the signed-in learner's honest progress
  through an e-lecture (:func:`lms.selectors.electure_progress`), None for a visitor.
"""

from django import template

from lms import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def electure_progress(context, page):
    request = context.get("request")
    if request is None or not getattr(page, "pk", None):
        return None  # an unsaved page (admin preview of a new e-lecture) has no records
    return selectors.electure_progress(user=request.user, page=page)
