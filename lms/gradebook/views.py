"""The gradebook's pages under ``/hoc/so-diem/`` (server-rendered, Vietnamese, phone
first): the list of one's gradebooks, one class × subject sheet (marks typed and saved,
the averages computed), its XLSX export and import, the homeroom teacher's whole class,
the student's "Điểm của em" and the school admin's term locks.

Thin views: each asks :mod:`lms.permissions` and answers 404 (never 403) for a class or
subject the user may not see, so ids cannot be probed. The writes are the services'
(:mod:`lms.gradebook.services`), which check the same rules again.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role, SchoolClass, SchoolYear, TeachingAssignment, User
from curriculum.models import Subject
from lms import permissions
from lms.gradebook import selectors, services
from lms.gradebook.exam_scores import fillable_sessions, session_scores
from lms.gradebook.models import Term, TermLock
from lms.gradebook.presenting import overview_rows, own_tables, sheet_rows, term_of
from lms.gradebook.report_card import report_card_pdf
from lms.gradebook.values import BadValue, parse_mark, parse_verdict
from lms.gradebook.xlsx import ImportRefused, marks_import, sheet_xlsx

TEMPLATES = "lms/gradebook/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 5 * 1024 * 1024


# --- Doors --------------------------------------------------------------------------------
def _class(request, class_id: int) -> SchoolClass:
    return get_object_or_404(
        permissions.gradebook_classes(request.user).select_related("school", "school_year"),
        pk=class_id,
    )


def _class_subject(request, class_id: int, subject_id: int) -> tuple[SchoolClass, Subject]:
    """A class × subject whose gradebook the user sees, or 404."""
    school_class = _class(request, class_id)
    subject = get_object_or_404(Subject, pk=subject_id)
    if not permissions.can_view_gradebook(request.user, school_class, subject):
        raise Http404
    return school_class, subject


# --- The list -----------------------------------------------------------------------------
@login_required
@require_GET
def gradebook_home(request):
    user = request.user
    if permissions.can_see_own_marks(user):
        return redirect("gradebook_own")
    if not permissions.keeps_gradebooks(user):
        raise Http404
    classes = permissions.gradebook_classes(user)
    teaching = (
        TeachingAssignment.objects.filter(teacher=user, subject__isnull=False)
        .select_related("school_class__school_year", "subject")
        .order_by("-school_class__school_year__start_date", "school_class__name", "subject__name")
    )
    homeroom = classes.filter(homeroom_teacher=user).select_related("school_year")
    admin_classes = None
    if user.is_superuser or user.role == Role.SCHOOL_ADMIN:
        listing = classes.select_related("school", "school_year").order_by(
            "-school_year__start_date", "school__name", "grade", "name"
        )
        admin_classes = Paginator(listing, 50).get_page(request.GET.get("trang"))
    return render(
        request,
        TEMPLATES + "home.html",
        {
            "teaching": teaching,
            "homeroom": homeroom,
            "admin_classes": admin_classes,
            "can_lock": permissions.gradebook_lock_schools(user).exists(),
        },
    )


# --- One class × subject --------------------------------------------------------------------
def _posted_entries(request, sheet, term: int) -> tuple[dict, dict[str, str]]:
    """The sheet's cells of ``term`` as posted: (entries, errors by "<student>:<column>")."""
    entries, errors = {}, {}
    for row in sheet.rows:
        for column in sheet.columns:
            raw = request.POST.get(f"m-{row.student.pk}-{column}", "")
            try:
                value = parse_verdict(raw) if sheet.comment else parse_mark(raw, sheet.rules)
            except BadValue as error:
                errors[f"{row.student.pk}:{column}"] = str(error)
                continue
            entries[(row.student.pk, column)] = value
    return entries, errors


@login_required
@require_http_methods(["GET", "POST"])
def gradebook_sheet(request, class_id: int, subject_id: int):
    school_class, subject = _class_subject(request, class_id, subject_id)
    term = term_of(request.POST.get("hk") if request.method == "POST" else request.GET.get("hk"))
    can_edit = permissions.can_edit_gradebook(request.user, school_class, subject)
    sheet = selectors.subject_sheet(school_class=school_class, subject=subject)
    errors, posted = {}, {}
    if request.method == "POST":
        if not can_edit:
            raise Http404
        entries, errors = _posted_entries(request, sheet, term)
        posted = {f"{s}:{c}": request.POST.get(f"m-{s}-{c}", "") for s, c in entries}
        posted.update({k: request.POST.get("m-{}-{}".format(*k.split(":")), "") for k in errors})
        if not errors:
            try:
                changed = services.marks_save(
                    user=request.user,
                    school_class=school_class,
                    subject=subject,
                    term=term,
                    entries=entries,
                )
            except ValidationError as error:
                errors = _service_errors(error)
            else:
                messages.success(request, _("Đã lưu %(n)d điểm.") % {"n": changed})
                url = reverse("gradebook_sheet", args=[school_class.pk, subject.pk])
                return redirect(f"{url}?hk={term}")
    lock = sheet.locks.get(term)
    context = {
        "sheet": sheet,
        "school_class": school_class,
        "subject": subject,
        "term": term,
        "terms": Term.choices,
        "can_edit": can_edit and lock is None,
        "lock_reason": services.lock_reason(lock) if lock else "",
        "rows": sheet_rows(sheet, term, errors=errors, posted=posted),
        "errors": errors,
        "form_error": errors.get("all", ""),
        "can_import": can_edit and lock is None,
        "can_view_class": permissions.can_view_class_gradebook(request.user, school_class),
        "sessions": list(fillable_sessions(request.user, school_class)[:30])
        if can_edit and lock is None and not sheet.comment
        else [],
    }
    return render(request, TEMPLATES + "sheet.html", context, status=400 if errors else 200)


def _service_errors(error: ValidationError) -> dict[str, str]:
    if hasattr(error, "error_dict"):
        return {k: " ".join(v) for k, v in error.message_dict.items()}
    return {"all": " ".join(error.messages)}


@login_required
@require_POST
def gradebook_fill_from_exam(request, class_id: int, subject_id: int):
    """Put an exam session's scores (out of 10) into a column of the term."""
    school_class, subject = _class_subject(request, class_id, subject_id)
    if not permissions.can_edit_gradebook(request.user, school_class, subject):
        raise Http404
    term = term_of(request.POST.get("hk"))
    session = get_object_or_404(
        fillable_sessions(request.user, school_class), pk=request.POST.get("ca_thi") or 0
    )
    found = session_scores(session=session, school_class=school_class)
    url = reverse("gradebook_sheet", args=[school_class.pk, subject.pk]) + f"?hk={term}"
    try:
        changed = services.gradebook_column_fill(
            user=request.user,
            school_class=school_class,
            subject=subject,
            term=term,
            column=request.POST.get("cot", ""),
            scores=found.scores,
            scale_max=Decimal(10),
            note=session.title,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(url)
    messages.success(
        request,
        _(
            "Đã lấy điểm của %(n)d học sinh từ “%(session)s” (%(changed)d điểm thay đổi); "
            "%(pending)d bài chưa chấm xong tự luận, %(missing)d học sinh chưa có kết quả."
        )
        % {
            "n": len(found.scores),
            "session": session.title,
            "changed": changed,
            "pending": found.pending,
            "missing": found.missing,
        },
    )
    return redirect(url)


@login_required
@require_GET
def gradebook_export(request, class_id: int, subject_id: int):
    school_class, subject = _class_subject(request, class_id, subject_id)
    sheet = selectors.subject_sheet(school_class=school_class, subject=subject)
    response = HttpResponse(sheet_xlsx(sheet), content_type=XLSX)
    name = f"so-diem-{school_class.pk}-{subject.code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def gradebook_import(request, class_id: int, subject_id: int):
    school_class, subject = _class_subject(request, class_id, subject_id)
    if not permissions.can_edit_gradebook(request.user, school_class, subject):
        raise Http404
    term = term_of(request.POST.get("hk") if request.method == "POST" else request.GET.get("hk"))
    sheet = selectors.subject_sheet(school_class=school_class, subject=subject)
    problems: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("tep")
        if upload is None:
            problems = [_("Hãy chọn tệp Excel (.xlsx) cần nhập.")]
        elif upload.size > MAX_UPLOAD:
            problems = [_("Tệp lớn quá 5 MB.")]
        else:
            try:
                changed = marks_import(
                    user=request.user,
                    sheet=sheet,
                    term=term,
                    data=upload.read(),
                    filename=upload.name,
                )
            except ImportRefused as refused:
                problems = refused.errors
            except PermissionDenied as error:
                raise Http404 from error
            else:
                messages.success(
                    request,
                    _("Đã nhập %(n)d điểm từ %(file)s.") % {"n": changed, "file": upload.name},
                )
                url = reverse("gradebook_sheet", args=[school_class.pk, subject.pk])
                return redirect(f"{url}?hk={term}")
    context = {
        "sheet": sheet,
        "school_class": school_class,
        "subject": subject,
        "term": term,
        "terms": Term.choices,
        "problems": problems,
    }
    return render(request, TEMPLATES + "import.html", context, status=400 if problems else 200)


# --- The whole class --------------------------------------------------------------------------
@login_required
@require_GET
def gradebook_class(request, class_id: int):
    school_class = _class(request, class_id)
    if not permissions.can_view_class_gradebook(request.user, school_class):
        raise Http404
    period = request.GET.get("ky", "1")
    if period not in ("1", "2", selectors.YEAR):
        period = "1"
    period = int(period) if period.isdigit() else period
    overview = selectors.class_overview(school_class=school_class)
    editable = permissions.editable_gradebook_subjects(request.user, school_class)
    context = {
        "school_class": school_class,
        "overview": overview,
        "period": period,
        "periods": [(1, _("Học kỳ I")), (2, _("Học kỳ II")), (selectors.YEAR, _("Cả năm"))],
        "rows": overview_rows(overview, period),
        "editable": editable,
    }
    return render(request, TEMPLATES + "class.html", context)


# --- The student's own ----------------------------------------------------------------------
@login_required
@require_GET
def gradebook_own(request):
    if not permissions.can_see_own_marks(request.user):
        raise Http404
    tables = own_tables(selectors.own_marks(student=request.user))
    return render(request, TEMPLATES + "own.html", {"tables": tables})


@login_required
@require_GET
def gradebook_report_card(request, class_id: int, student_id: int):
    """A student's report card (PDF): for the student themself, and for those who see the
    whole class (homeroom teacher, school admin)."""
    user = request.user
    if permissions.can_see_own_marks(user) and user.pk == student_id:
        school_class = get_object_or_404(
            SchoolClass.objects.select_related("school", "school_year"),
            pk=class_id,
            enrolments__student=user,
        )
        student = user
    else:
        school_class = _class(request, class_id)
        if not permissions.can_view_class_gradebook(user, school_class):
            raise Http404
        student = get_object_or_404(
            User.objects.filter(enrolments__school_class=school_class), pk=student_id
        )
    try:
        pdf = report_card_pdf(student=student, school_class=school_class)
    except RuntimeError:  # no Chromium (ChromiumMissing) or a failed print
        return HttpResponse(
            _("Máy chủ chưa cài trình in PDF (Chromium); hãy báo quản trị hệ thống."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"phieu-diem-{school_class.pk}-{student.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Term locks -----------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def gradebook_locks(request):
    user = request.user
    schools = permissions.gradebook_lock_schools(user)
    if not schools.exists():
        raise Http404
    years = list(SchoolYear.objects.order_by("-start_date")[:3])
    if request.method == "POST":
        school = get_object_or_404(schools, pk=request.POST.get("truong") or 0)
        year = get_object_or_404(SchoolYear, pk=request.POST.get("nam") or 0)
        term = term_of(request.POST.get("hk"))
        if request.POST.get("lenh") == "mo":
            services.term_unlock(user=user, school=school, school_year=year, term=term)
            messages.success(request, _("Đã mở khoá sổ %(term)s.") % {"term": Term(term).label})
        else:
            services.term_lock(
                user=user,
                school=school,
                school_year=year,
                term=term,
                reason=request.POST.get("ly_do", "").strip(),
            )
            messages.success(request, _("Đã khoá sổ %(term)s.") % {"term": Term(term).label})
        return redirect("gradebook_locks")
    locks = {
        (lock.school_id, lock.school_year_id, lock.term): lock
        for lock in TermLock.objects.filter(
            school__in=schools[:20], school_year__in=years
        ).select_related("locked_by")
    }
    table = [
        {
            "school": school,
            "years": [
                {
                    "year": year,
                    "terms": [
                        {"term": t, "label": label, "lock": locks.get((school.pk, year.pk, t))}
                        for t, label in Term.choices
                    ],
                }
                for year in years
            ],
        }
        for school in schools.order_by("name")[:20]
    ]
    return render(request, TEMPLATES + "locks.html", {"table": table})
