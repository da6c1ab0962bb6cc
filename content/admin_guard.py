"""A guard for Wagtail viewsets: every per-object admin view asks the permission rules
(``lms.permissions``, through ``can_view``/``can_change``) before it runs.

It lives in ``content``, the bottom layer, so every app's admin can use it.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404

READ_ONLY_VIEWS = {
    "InspectView",
    "HistoryView",
    "UsageView",
    "PreviewRevisionView",
    "RevisionsCompareView",
    "WorkflowHistoryView",
    "WorkflowHistoryDetailView",
    "WorkflowPreviewView",
}


class ObjectGuardMixin:
    """Every per-object admin view (edit, inspect, history, revisions, preview, workflow
    actions, delete…) asks ``lms.permissions`` first; objects the user may not see are 404."""

    def can_view(self, user, obj) -> bool:
        raise NotImplementedError

    def can_change(self, user, obj) -> bool:
        raise NotImplementedError

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        read_only = view_class.__name__ in READ_ONLY_VIEWS
        model = self.model

        @wraps(view)
        def guarded(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None:
                obj = model._default_manager.filter(pk=unquote(str(pk))).first()
                if obj is not None:
                    if not self.can_view(request.user, obj):
                        raise Http404
                    if not read_only and not self.can_change(request.user, obj):
                        raise PermissionDenied
            return view(request, *args, **view_kwargs)

        return guarded
