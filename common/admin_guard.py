"""Guards for Wagtail viewsets, used by every app's admin.

* :class:`ObjectGuardMixin` — every per-object admin view (edit, inspect, history,
  revisions, preview, workflow actions, delete…) asks the viewset's ``can_view`` and
  ``can_change`` (each app answers from its own ``permissions.py``) before it runs.
* :class:`ScopedFieldsFormMixin` and :func:`narrowed_chooser_viewset` — foreign-key and
  many-to-many fields and snippet choosers offer only what the user may choose. Each app
  registers the rule of its models with :func:`register_choosable` when it is ready
  (a lower layer never asks a higher one: the rules come to it).
"""

from collections.abc import Callable
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


#: model → rule (user → queryset of the objects the user may choose); a model without a
#: rule (the curriculum, school years) is open to staff.
_CHOOSABLE: dict[type, Callable] = {}


def register_choosable(model: type, rule: Callable) -> None:
    """Declare which objects of ``model`` a user may pick in a chooser or a form field."""
    _CHOOSABLE[model] = rule


def choosable(user, model):
    """The objects of ``model`` that ``user`` may pick in a chooser or a form field, or
    ``None`` when the model has no rule."""
    rule = _CHOOSABLE.get(model)
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
