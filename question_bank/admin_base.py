"""Parts shared by the question bank's admin viewsets (questions, banks, stimuli in
``question_bank.wagtail_hooks``; matrices and papers in ``question_bank.assembly.admin``)."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from wagtail.snippets.views import chooser as snippet_chooser


# --- choosers -----------------------------------------------------------------------------
# Every view of a chooser, including "chosen" (which answers with the object's title, and
# for questions and stimuli their text), offers only what ``rule(user)`` returns: the
# objects the user may pick into a form, which the form validates again on POST.
def scoped_chooser_viewset(name: str, rule):
    """A snippet chooser viewset class whose list, search, "chosen" and "chosen multiple"
    views are narrowed to ``rule(user)``."""

    class Scoped:
        def get_object_list(self):
            return rule(self.request.user)

    class Chosen(snippet_chooser.SnippetChosenView):
        def get_object(self, pk):
            try:
                return rule(self.request.user).get(pk=pk)
            except (TypeError, ValueError) as exc:
                raise ObjectDoesNotExist from exc

    class ChosenMultiple(snippet_chooser.SnippetChosenMultipleView):
        def get_objects(self, pks):
            return rule(self.request.user).filter(pk__in=[p for p in pks if p.isdigit()])

    class Create(snippet_chooser.SnippetCreateView):
        # No creation form is offered in these choosers; Wagtail would answer a POST with
        # a 500 (no form), so it is a 404.
        def dispatch(self, request, *args, **kwargs):
            if self.get_creation_form_class() is None:
                raise Http404
            return super().dispatch(request, *args, **kwargs)

    return type(
        name,
        (snippet_chooser.SnippetChooserViewSet,),
        {
            "choose_view_class": type("Choose", (Scoped, snippet_chooser.ChooseView), {}),
            "choose_results_view_class": type(
                "ChooseResults", (Scoped, snippet_chooser.ChooseResultsView), {}
            ),
            "chosen_view_class": Chosen,
            "chosen_multiple_view_class": ChosenMultiple,
            "create_view_class": Create,
        },
    )


class AdminFormMixin:
    """Builds a snippet viewset's create and edit forms on ``base_form_class``.

    Wagtail 8's SnippetViewSet has no such attribute: the form class comes from the edit
    handler, which takes the model's ``base_form_class`` or ``WagtailAdminModelForm``. So
    the forms below (which narrow and validate every foreign key by the rules) were never
    used until the bound edit handler was given them here."""

    base_form_class = None

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        if handler is not None and self.base_form_class is not None:
            handler.base_form_class = self.base_form_class  # a clone bound to the model
        return handler
