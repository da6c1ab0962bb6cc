"""A guard for Wagtail viewsets: every per-object admin view asks the permission rules
(``accounts.permissions``, through ``can_view``/``can_change``) before it runs.

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
    actions, delete…) asks ``accounts.permissions`` first; objects the user may not see are 404."""

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

    from accounts import permissions as accounts_permissions
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


# --- choosers and related fields of admin forms ----------------------------------------------
def _field_rules() -> dict:
    """The rule (user → queryset) for each model a chooser or form field offers; a model
    without a rule (the curriculum, school years) is public to staff."""
    from django.contrib.auth import get_user_model

    from accounts import permissions
    from accounts.models import Department, DistrictOffice, School, SchoolClass
    from content.models import LibraryItem, Takedown

    return {
        LibraryItem: permissions.choosable_library_items,
        Takedown: permissions.curatable_takedowns,
        School: accounts_permissions.area_schools,
        SchoolClass: accounts_permissions.visible_classes,
        DistrictOffice: accounts_permissions.area_district_offices,
        Department: accounts_permissions.area_departments,
        get_user_model(): accounts_permissions.colleagues,
    }


def choosable(user, model):
    """The objects of ``model`` that ``user`` may pick in a chooser or a form field, or
    ``None`` when the model has no rule."""
    rule = _field_rules().get(model)
    return None if rule is None else rule(user)


def _narrow_fields(form, user) -> None:
    from django import forms

    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):  # also ModelMultipleChoiceField
            allowed = choosable(user, field.queryset.model)
            if allowed is not None:
                field.queryset = field.queryset.filter(pk__in=allowed.values("pk"))


class ScopedFieldsFormMixin:
    """Put before a ``WagtailAdminModelForm``: every foreign-key and many-to-many field
    (and those of its inline forms) offers, and accepts on POST, only what the user may
    choose (:func:`choosable`). Values already saved on the object stay valid for it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None or user.is_superuser:
            return
        _narrow_fields(self, user)
        for formset in getattr(self, "formsets", {}).values():
            for child in formset.forms:
                _narrow_fields(child, user)
        self._keep_saved_values(user)

    def _keep_saved_values(self, user) -> None:
        """An object edited by a curator may already point at something outside the
        curator's rule (an author of another school): keep that one value valid."""
        from django import forms

        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(
                field, forms.ModelMultipleChoiceField
            ):
                current = getattr(instance, f"{name}_id", None)
                if current is not None:
                    model = field.queryset.model
                    field.queryset = field.queryset | model._default_manager.filter(pk=current)


def narrowed_chooser_viewset(model):
    """A snippet chooser viewset for ``model`` whose every view (choose, results, chosen,
    chosen multiple) offers only :func:`choosable` objects; others are 404."""
    from wagtail.snippets.views import chooser as snippet_chooser

    def allowed(request):
        return choosable(request.user, model)

    class Narrowed:
        def get_object_list(self):
            return super().get_object_list().filter(pk__in=allowed(self.request).values("pk"))

    class ChooseView(Narrowed, snippet_chooser.ChooseView):
        pass

    class ChooseResultsView(Narrowed, snippet_chooser.ChooseResultsView):
        pass

    class ChosenView(snippet_chooser.SnippetChosenView):
        def get_object(self, pk):
            return allowed(self.request).get(pk=pk)

    class ChosenMultipleView(snippet_chooser.SnippetChosenMultipleView):
        def get_objects(self, pks):
            return allowed(self.request).filter(pk__in=pks)

    class ChooserViewSet(snippet_chooser.SnippetChooserViewSet):
        choose_view_class = ChooseView
        choose_results_view_class = ChooseResultsView
        chosen_view_class = ChosenView
        chosen_multiple_view_class = ChosenMultipleView

    return ChooserViewSet
