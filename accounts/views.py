"""Thin views: parse, ask ``accounts.permissions``, call a selector or service, render."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions, selectors
from accounts.credentials import credentials_issue, password_change
from accounts.forms import RequiredPasswordChangeForm, RosterImportForm
from accounts.models import School
from accounts.roster.importer import roster_import
from accounts.slips import login_slips_pdf


@login_required
def class_list(request):
    page = Paginator(selectors.class_list(user=request.user), 50).get_page(request.GET.get("page"))
    # Students see their classes without a link to a roster they may not open.
    roster_links = permissions.can_read_rosters(request.user)
    return render(request, "accounts/class_list.html", {"page": page, "roster_links": roster_links})


def _roster_class_or_404(request, pk: int):
    if not permissions.can_read_rosters(request.user):
        raise PermissionDenied
    # 404 rather than 403, so people cannot probe which classes exist elsewhere.
    school_class = selectors.roster_class(user=request.user, class_id=pk)
    if school_class is None:
        raise Http404
    return school_class


@login_required
def class_roster(request, pk: int):
    school_class = _roster_class_or_404(request, pk)
    students = selectors.class_students(user=request.user, school_class=school_class).values_list(
        "pk", "full_name", "student_id", "date_of_birth"
    )
    context = {
        "school_class": school_class,
        "students": students,
        "can_issue": permissions.can_issue_credentials(request.user, school_class),
        "can_reset": permissions.password_reset_classes(request.user)
        .filter(pk=school_class.pk)
        .exists(),
    }
    return render(request, "accounts/class_roster.html", context)


def _login_url(request) -> str:
    # The address the teacher printing the slips uses is one the students can reach.
    return request.build_absolute_uri(reverse("login"))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def class_credentials(request, pk: int):
    """GET: the students who will get new passwords; POST: issue them and send the slips
    (PDF). The passwords exist only in this answer: the PDF is made in the same request
    and its transaction, so a failed print changes nobody's password."""
    school_class = _roster_class_or_404(request, pk)
    if not permissions.can_issue_credentials(request.user, school_class):
        raise PermissionDenied
    students = selectors.class_students(user=request.user, school_class=school_class).filter(
        is_active=True
    )
    if request.method == "POST":
        if not students.exists():
            messages.info(request, _("Lớp chưa có học sinh nào để cấp mật khẩu."))
            return HttpResponseRedirect(request.path)
        try:
            with transaction.atomic():
                issued = credentials_issue(actor=request.user, school_class=school_class)
                pdf = login_slips_pdf(credentials=issued, login_url=_login_url(request))
        except RuntimeError:
            return render(
                request,
                "accounts/class_credentials.html",
                {"school_class": school_class, "print_failed": True},
                status=503,
            )
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"phieu-dang-nhap-lop-{school_class.pk}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(
        request,
        "accounts/class_credentials.html",
        {"school_class": school_class, "students": students},
    )


@never_cache
@login_required
@require_POST
def student_password_reset(request, pk: int, student_pk: int):
    """A new initial password for one student, shown once on the answer page (to copy or
    print); it is not stored anywhere else."""
    school_class = _roster_class_or_404(request, pk)
    student = (
        selectors.class_students(user=request.user, school_class=school_class)
        .filter(pk=student_pk)
        .first()
    )
    if student is None:
        raise Http404
    if not permissions.can_reset_password(request.user, student):
        raise PermissionDenied
    [issued] = credentials_issue(actor=request.user, school_class=school_class, users=[student])
    return render(
        request,
        "accounts/password_reset_done.html",
        {"school_class": school_class, "issued": issued, "login_url": _login_url(request)},
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """``/doi-mat-khau/``: everyone's own password change, where an initial password leads
    (``accounts.middleware.PasswordChangeRequiredMiddleware``). Then home, or back to the
    page the user was sent from."""

    form_class = RequiredPasswordChangeForm
    template_name = "registration/password_change_form.html"

    def form_valid(self, form):
        password_change(user=form.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return "/"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "next": self.request.POST.get("next") or self.request.GET.get("next", ""),
            "required": self.request.user.must_change_password,
        }


@login_required
def school_people(request, pk: int):
    school = get_object_or_404(School, pk=pk)
    if not permissions.can_manage_school(request.user, school):
        raise Http404
    people = (
        permissions.visible_people(request.user)
        .filter(school=school)
        .order_by("role", "first_name", "full_name")
    )
    page = Paginator(people, 100).get_page(request.GET.get("page"))
    return render(request, "accounts/school_people.html", {"school": school, "page": page})


@login_required
def roster_upload(request):
    if not permissions.can_import_rosters(request.user):
        raise PermissionDenied
    report = None
    if request.method == "POST":
        form = RosterImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = roster_import(
                kind=form.cleaned_data["kind"],
                data=upload.read(),
                filename=upload.name,
                actor=request.user,
                school_year=form.cleaned_data["school_year"],
            )
    else:
        form = RosterImportForm()
    status = 400 if report is not None and not report.ok else 200
    return render(
        request, "accounts/roster_upload.html", {"form": form, "report": report}, status=status
    )
