"""Thin views: parse, ask ``accounts.permissions``, call a selector or service, render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accounts import permissions, selectors
from accounts.forms import RosterImportForm
from accounts.models import School
from accounts.roster.importer import roster_import


@login_required
def class_list(request):
    page = Paginator(selectors.class_list(user=request.user), 50).get_page(request.GET.get("page"))
    # Students see their classes without a link to a roster they may not open.
    roster_links = permissions.can_read_rosters(request.user)
    return render(request, "accounts/class_list.html", {"page": page, "roster_links": roster_links})


@login_required
def class_roster(request, pk: int):
    if not permissions.can_read_rosters(request.user):
        raise PermissionDenied
    # 404 rather than 403, so people cannot probe which classes exist elsewhere.
    school_class = selectors.roster_class(user=request.user, class_id=pk)
    if school_class is None:
        raise Http404
    students = selectors.class_students(user=request.user, school_class=school_class).values_list(
        "full_name", "student_id", "date_of_birth"
    )
    return render(
        request, "accounts/class_roster.html", {"school_class": school_class, "students": students}
    )


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
