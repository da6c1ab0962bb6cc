"""What ``accounts`` tells the apps above it.

* ``role_groups_ready`` — the role groups exist and carry their permissions (after every
  migrate); the apps whose Wagtail workflows name those groups (the question review of
  ``question_bank``, the curation of ``content``) build their workflows then.
"""

from django.dispatch import Signal

role_groups_ready = Signal()
