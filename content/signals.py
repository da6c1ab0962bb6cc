"""What ``content`` tells the layers above it, the way Wagtail's documents app sends
``document_served``: content never calls up, the learning records (``lms``) listen.

* ``material_viewed`` — a live page or library item was opened (``user`` may be anonymous;
  exactly one of ``page``/``item`` is set).
* ``material_downloaded`` — a library item's file was downloaded (``user``, ``item``).
"""

from django.dispatch import Signal

material_viewed = Signal()
material_downloaded = Signal()
