"""Admin registration for exam matrices and papers (imported at the end of
question_bank.wagtail_hooks, after the matrices' permission policy is registered)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from common.admin_guard import ObjectGuardMixin
from question_bank import permissions
from question_bank.admin_base import AdminFormMixin, scoped_chooser_viewset
from question_bank.assembly import views
from question_bank.assembly.forms import ExamMatrixForm
from question_bank.assembly.models import ExamMatrix

# The matrix chooser offers the user's own matrices only.
MatrixChooserViewSet = scoped_chooser_viewset("MatrixChooserViewSet", permissions.visible_matrices)


class ExamMatrixViewSet(AdminFormMixin, ObjectGuardMixin, SnippetViewSet):
    model = ExamMatrix
    base_form_class = ExamMatrixForm
    chooser_viewset_class = MatrixChooserViewSet
    icon = "table"
    menu_label = gettext_lazy("Ma trận đề")
    add_to_admin_menu = False
    list_display = [
        "title",
        Column("subject", label=gettext_lazy("Môn")),
        "grade",
        "duration_minutes",
    ]

    def can_view(self, user, obj):
        return permissions.can_edit_matrix(user, obj)

    def can_change(self, user, obj):
        return permissions.can_edit_matrix(user, obj)

    def get_queryset(self, request):
        return permissions.visible_matrices(request.user).select_related("subject")


register_snippet(ExamMatrixViewSet())


@hooks.register("register_admin_urls")
def exam_urls():
    return [
        path("de-thi/", views.paper_list, name="exam_papers"),
        path("de-thi/ma-tran/mau/", views.matrix_from_template, name="exam_matrix_template"),
        path("de-thi/ma-tran/<int:pk>/ghep/", views.matrix_assemble, name="exam_matrix_assemble"),
        path("de-thi/de/<int:pk>/", views.paper_detail, name="exam_paper"),
        path("de-thi/de/<int:pk>/tai-ve/", views.paper_download, name="exam_paper_download"),
        path("de-thi/de/<int:pk>/ghep-lai/", views.paper_regenerate, name="exam_paper_regenerate"),
        path("de-thi/luyen-tap/", views.practice_create, name="exam_practice"),
    ]


class PapersMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_assemble(request.user)


@hooks.register("register_admin_menu_item")
def exam_menu_item():
    return PapersMenuItem(
        gettext_lazy("Đề thi và ma trận"), reverse("exam_papers"), icon_name="doc-full", order=232
    )
