"""Admin pages of e-lecture packages: the list, the upload, one package with its versions.

Thin views: every door asks ``content.permissions`` and every change goes through
``content.packages.services``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from content import permissions
from content.packages import services
from content.packages.errors import PackageRejected
from content.packages.forms import PackageUploadForm


def package_list(request):
    if not permissions.can_access_admin(request.user):
        raise PermissionDenied
    packages = (
        permissions.packages_visible_to(request.user)
        .select_related("owner", "current")
        .order_by("-updated_at")
    )
    return TemplateResponse(
        request,
        "content/packages/package_list.html",
        {
            "packages": packages[:300],
            "can_upload": permissions.can_upload_package(request.user),
        },
    )


def _upload(request, *, package=None):
    form = PackageUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            version = services.package_upload(
                user=request.user,
                uploaded_file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                package=package,
            )
        except PackageRejected as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                _("Đã tải lên “%(title)s”, phiên bản %(number)s.")
                % {"title": version.package.title, "number": version.number},
            )
            return redirect("elearning_package", pk=version.package_id)
    return TemplateResponse(
        request,
        "content/packages/package_upload.html",
        {"form": form, "errors": errors, "package": package},
        status=400 if errors else 200,
    )


def package_upload(request):
    if not permissions.can_upload_package(request.user):
        raise PermissionDenied
    return _upload(request)


def package_new_version(request, pk: int):
    package = get_object_or_404(permissions.packages_visible_to(request.user), pk=pk)
    if not permissions.can_edit_package(request.user, package):
        raise PermissionDenied
    return _upload(request, package=package)


def package_detail(request, pk: int):
    package = get_object_or_404(
        permissions.packages_visible_to(request.user).select_related("owner", "current"), pk=pk
    )
    if not permissions.can_access_admin(request.user):
        raise PermissionDenied
    versions = package.versions.select_related("uploaded_by")
    return TemplateResponse(
        request,
        "content/packages/package_detail.html",
        {
            "package": package,
            "versions": versions,
            "current": package.current,
            "can_edit": permissions.can_edit_package(request.user, package),
        },
    )


@require_POST
def package_publish(request, pk: int):
    package = get_object_or_404(permissions.packages_visible_to(request.user), pk=pk)
    publish = request.POST.get("action") != "unpublish"
    try:
        services.package_publish(user=request.user, package=package, publish=publish)
    except PackageRejected as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Đã xuất bản gói.") if publish else _("Đã chuyển gói về bản nháp.")
        )
    return redirect("elearning_package", pk=package.pk)
