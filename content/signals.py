"""What ``content`` tells the layers above it, the way Wagtail's documents app sends
``document_served``: content never calls up, the learning records (``lms``) listen.

* ``material_viewed`` — a live page or library item was opened (``user`` may be anonymous;
  exactly one of ``page``/``item`` is set).
* ``material_downloaded`` — a library item's file was downloaded (``user``, ``item``).
* ``learner_context`` — a material's page is being rendered for ``request`` (``page`` or
  ``item``): each receiver returns a dict of the learner's records to show (``lms`` gives an
  e-lecture's ``progress`` and a reader's ``reading_position``), merged into the template
  context by :func:`learner_context_for`.
"""

from django.dispatch import Signal

material_viewed = Signal()
material_downloaded = Signal()
learner_context = Signal()


def learner_context_for(request, *, page=None, item=None) -> dict:
    """What the layers above add to a material's page for this learner (see above)."""
    context = {}
    target = page if page is not None else item
    for _receiver, extra in learner_context.send(
        sender=type(target), request=request, page=page, item=item
    ):
        context.update(extra or {})
    return context
