"""The admin's page doors: page views by id, the page chooser and the site-wide reports
ask :mod:`content.permissions` (Wagtail has no hook in front of every one of them). The
generic guards of viewsets and choosers are in :mod:`common.admin_guard`."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from common.admin_guard import register_choosable

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

    from content import permissions

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
        if match is None or not match.route.startswith("admin/"):
            return None
        check_admin_door(request, match, view_kwargs)
        if match.view_name in NARROWED_VIEWS:
            # A subclass of Wagtail's view that narrows log entries per object; the
            # admin access check wraps the original view only, so it is applied again.
            return _narrowed_view(match.view_name)(request, *view_args, **view_kwargs)
        return None


#: Admin views answered by a narrowed subclass of Wagtail's view.
NARROWED_VIEWS = frozenset(
    {"wagtailadmin_reports:site_history", "wagtailadmin_reports:site_history_results"}
)


def _narrowed_view(view_name):
    from wagtail.admin.auth import require_admin_access

    from content import admin_reports

    view = admin_reports.site_history
    if view_name.endswith("_results"):
        view = admin_reports.site_history_results
    return require_admin_access(view)


def register_choosable_rules() -> None:
    """The rules of content's models in choosers and form fields (:mod:`common.admin_guard`)."""
    from content import permissions
    from content.models import LibraryItem, Takedown

    register_choosable(LibraryItem, permissions.choosable_library_items)
    register_choosable(Takedown, permissions.curatable_takedowns)
