"""The package chooser of the Wagtail admin (used by ``content.blocks.PackageBlock``).

Every view offers only :func:`content.permissions.choosable_packages` (the packages the
editor sees); a package outside it is 404, in the list, the search and "chosen" alike.
It offers no creation form: packages are uploaded on their own admin page.
"""

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from content import permissions


class PackageFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Tìm theo tên"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Tên gói bài giảng")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (
            self.cleaned_data.get("q") if self.is_bound and hasattr(self, "cleaned_data") else ""
        )
        if query:
            self.is_searching, self.search_query = True, query
            objects = objects.filter(title__icontains=query)
        return objects


class _Narrowed:
    filter_form_class = PackageFilterForm

    def get_object_list(self):
        return permissions.choosable_packages(self.request.user).select_related("current")

    @property
    def columns(self):
        return [
            *super().columns,
            Column("kind", label=_("Loại"), accessor="get_kind_display"),
            Column("status", label=_("Trạng thái"), accessor="get_status_display"),
        ]


class ChooseView(_Narrowed, chooser_views.ChooseView):
    pass


class ChooseResultsView(_Narrowed, chooser_views.ChooseResultsView):
    pass


class ChosenView(chooser_views.ChosenView):
    def get_object(self, pk):
        try:
            return permissions.choosable_packages(self.request.user).get(pk=pk)
        except (TypeError, ValueError) as exc:
            raise ObjectDoesNotExist from exc


class ChosenMultipleView(chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        allowed = permissions.choosable_packages(self.request.user)
        return allowed.filter(pk__in=[p for p in pks if p.isdigit()])


class CreateView(chooser_views.CreateView):
    def dispatch(self, request, *args, **kwargs):
        raise Http404  # packages are uploaded on their own page, never from the chooser


class PackageChooserViewSet(ChooserViewSet):
    model = "content.ElearningPackage"
    icon = "media"
    choose_one_text = _("Chọn gói bài giảng")
    choose_another_text = _("Chọn gói khác")
    edit_item_text = _("Xem gói")
    page_title = _("Chọn gói bài giảng (SCORM/H5P)")
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView


package_chooser_viewset = PackageChooserViewSet("package_chooser", url_prefix="goi-bai-giang/chon")
