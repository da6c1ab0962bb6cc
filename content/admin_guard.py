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


# --- page doors by id and reports ----------------------------------------------------------
#: URL keyword arguments of Wagtail's page views that carry a page id.
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
PAGE_NAMESPACES = frozenset({"wagtailadmin_pages"})
PAGE_VIEW_NAMES = frozenset({"wagtailadmin_explore", "wagtailadmin_explore_results"})
CHOOSER_VIEW_NAMES = frozenset({"wagtailadmin_choose_page_child"})
#: Reports open to every admin user: site history lists only what the page policy
#: (``explorable_instances``) and the snippet policies let the user see.
OPEN_REPORTS = frozenset({"site_history", "site_history_results"})


def _page_ids(match, view_kwargs) -> list:
    ids = [view_kwargs[key] for key in PAGE_ID_KWARGS if key in view_kwargs]
    if match.namespace in PAGE_NAMESPACES and "pk" in view_kwargs:
        ids.append(view_kwargs["pk"])  # revisions_compare
    return ids


def check_admin_door(request, match, view_kwargs) -> None:
    """Raise 404 for a page view of a page outside the user's rule (the explorer, every
    ``/admin/pages/…/<id>/`` view including the workflow actions, the page chooser by
    parent id), and PermissionDenied for the reports that list pages and workflow items
    of the whole site (workflows, tasks, aging pages, page types, locked pages), which
    only superusers get."""
    from wagtail.models import Page

    from lms import permissions

    user = request.user
    if not user.is_authenticated:
        return  # Wagtail's own admin check sends the visitor to the login page
    if match.namespace == "wagtailadmin_reports":
        if match.url_name not in OPEN_REPORTS and not user.is_superuser:
            raise PermissionDenied
        return
    if match.namespace not in PAGE_NAMESPACES and match.view_name not in (
        PAGE_VIEW_NAMES | CHOOSER_VIEW_NAMES
    ):
        return
    ids = _page_ids(match, view_kwargs)
    if not ids:
        return
    if match.view_name in CHOOSER_VIEW_NAMES:
        rule = permissions.choosable_pages_q(user)
    else:
        rule = permissions.workable_pages_q(user)
    found = Page.objects.filter(pk__in=ids)
    if found.filter(rule).count() != found.count():
        raise Http404


class AdminDoorMiddleware:
    """Runs :func:`check_admin_door` before the admin's page views and reports (Wagtail
    has no hook in front of every one of them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is not None and match.route.startswith("admin/"):
            check_admin_door(request, match, view_kwargs)
        return None
