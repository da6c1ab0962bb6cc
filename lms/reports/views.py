"""Report pages: each a chart (server-rendered SVG), the same numbers as a table beside it
and an XLSX export, over the schools the user may see (:func:`lms.permissions.report_schools`);
the form of online periods; a class's progress (outcomes heatmap, completion)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import SchoolYear
from content.permissions import can_view_coverage, coverage_departments
from curriculum.models import Subject
from lms import permissions
from lms.reports import progress, selectors, services
from lms.reports.charts import Series, bar_chart, vn_number
from lms.reports.forms import OnlinePeriodsForm
from lms.reports.models import OnlinePeriods
from lms.reports.xlsx import XLSX_CONTENT_TYPE, table_xlsx

T = "lms/reports/"


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def _schools(request):
    """The schools of the report: the user's (403 when none), narrowed by ``?truong=``."""
    if not permissions.can_view_reports(request.user):
        raise PermissionDenied
    schools = permissions.report_schools(request.user)
    chosen = _int(request.GET.get("truong"))
    return schools, (schools.filter(pk=chosen) if chosen else schools)


def _render(request, report: dict, export: bool):
    """The report page, or its table as XLSX."""
    if export:
        data = table_xlsx(
            title=report["title"],
            subtitle=report["subtitle"],
            headers=report["headers"],
            rows=report["raw"],
        )
        response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
        name = f"{report['slug']}-{timezone.localdate().isoformat()}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return TemplateResponse(request, T + "report.html", report)


def _can_view_coverage(user) -> bool:
    """Issue 5's coverage report opens for the user (the rule of its own view)."""
    return can_view_coverage(user) and coverage_departments(user).exists()


@login_required
@require_GET
def reports_home(request):
    coverage = _can_view_coverage(request.user)
    if not (
        permissions.can_view_reports(request.user)
        or coverage
        or permissions.progress_classes(request.user).exists()
        or permissions.online_period_classes(request.user).exists()
    ):
        raise PermissionDenied
    context = {
        "can_view_reports": permissions.can_view_reports(request.user),
        "can_view_coverage": coverage,
        "classes": permissions.progress_classes(request.user)
        .select_related("school", "school_year")
        .order_by("school__name", "grade", "name"),
        "can_record": permissions.online_period_classes(request.user).exists(),
        "can_surveys": permissions.can_make_surveys(request.user),
    }
    return TemplateResponse(request, T + "home.html", context)


def _figure(value) -> float | None:
    """A percentage for the chart; None (no periods) stays None, as "–" in the table."""
    return None if value is None else float(value)


def _school_year(request):
    chosen = _int(request.GET.get("nam"))
    years = SchoolYear.objects.all()
    year = (years.filter(pk=chosen).first() if chosen else None) or (
        years.filter(is_current=True).first() or years.first()
    )
    if year is None:
        raise Http404
    return year, years


@login_required
@require_GET
def online_share(request, export: bool = False):
    all_schools, schools = _schools(request)
    year, years = _school_year(request)
    rows = selectors.online_share(schools=schools, school_year=year)
    headers = [
        _("Trường"),
        _("Số lớp"),
        _("Số tiết theo chương trình"),
        _("Tiết trực tuyến"),
        _("Tiết kết hợp"),
        _("Tỉ lệ (%)"),
        _("Chỉ tiêu (%)"),
        _("Đạt chỉ tiêu"),
    ]

    def met(r):
        return "–" if r.met is None else (_("Đạt") if r.met else _("Chưa đạt"))

    raw = [
        [r.school.name, r.classes, r.periods, r.online, r.blended, r.share, r.target, met(r)]
        for r in rows
    ]
    report = {
        "slug": "ti-le-day-hoc-truc-tuyen",
        "title": _("Tỉ lệ dạy học trực tuyến – năm học %(year)s") % {"year": year.name},
        "subtitle": _(
            "Tiết dạy trực tuyến và kết hợp đã ghi so với số tiết theo chương trình của các môn "
            "mỗi lớp được dạy; chỉ tiêu: 5% với tiểu học, 10% với THCS, THPT."
        ),
        "headers": headers,
        "raw": raw,
        "rows": [[c if isinstance(c, str) else vn_number(c) for c in row] for row in raw],
        "chart": bar_chart(
            labels=[r.school.name for r in rows],
            series=[
                Series(_("Tỉ lệ đạt được"), tuple(_figure(r.share) for r in rows)),
                Series(_("Chỉ tiêu"), tuple(_figure(r.target) for r in rows)),
            ],
            unit=" %",
        ),
        "years": years,
        "year": year,
    }
    return _filters(request, report, all_schools, export)


def _filters(request, report, all_schools, export):
    report["schools"] = all_schools.order_by("name")
    report["chosen_school"] = _int(request.GET.get("truong"))
    report["query"] = request.GET.urlencode()
    report["export_url"] = request.path.rstrip("/") + ".xlsx"
    return _render(request, report, export)


@login_required
@require_GET
def active_people(request, export: bool = False):
    all_schools, schools = _schools(request)
    weeks = min(max(_int(request.GET.get("tuan")) or 8, 1), 52)
    rows = selectors.active_per_week(schools=schools, end=timezone.localdate(), weeks=weeks)
    labels = [r.week.strftime("%d/%m/%Y") for r in rows]
    raw = [[label, r.students, r.teachers] for label, r in zip(labels, rows, strict=True)]
    report = {
        "slug": "hoat-dong-theo-tuan",
        "title": _("Học sinh và giáo viên hoạt động theo tuần"),
        "subtitle": _(
            "Học sinh có hoạt động học tập trong tuần; giáo viên có hoạt động học tập, giao "
            "bài, nhập điểm hoặc ghi tiết dạy trực tuyến trong tuần (tuần từ thứ Hai)."
        ),
        "headers": [_("Tuần bắt đầu"), _("Học sinh hoạt động"), _("Giáo viên hoạt động")],
        "raw": raw,
        "rows": [[r[0], vn_number(r[1]), vn_number(r[2])] for r in raw],
        "chart": bar_chart(
            labels=labels,
            series=[
                Series(_("Học sinh"), tuple(r.students for r in rows)),
                Series(_("Giáo viên"), tuple(r.teachers for r in rows)),
            ],
        ),
        "weeks": weeks,
    }
    return _filters(request, report, all_schools, export)


@login_required
@require_GET
def materials_use(request, export: bool = False):
    all_schools, schools = _schools(request)
    days = min(max(_int(request.GET.get("ngay")) or 30, 1), 366)
    stop = timezone.now()
    rows = selectors.materials_use(schools=schools, start=stop - dt.timedelta(days=days), stop=stop)
    raw = [[r.school.name, r.views, r.downloads, r.materials, r.assignments] for r in rows]
    report = {
        "slug": "su-dung-hoc-lieu",
        "title": _("Sử dụng học liệu dùng chung – %(days)s ngày gần nhất") % {"days": days},
        "subtitle": _(
            "Lượt xem, lượt tải tài liệu và bài học của người dùng mỗi trường, số học liệu khác "
            "nhau đã dùng và số bài giao cho các lớp có dùng học liệu."
        ),
        "headers": [
            _("Trường"),
            _("Lượt xem"),
            _("Lượt tải"),
            _("Số học liệu đã dùng"),
            _("Bài giao dùng học liệu"),
        ],
        "raw": raw,
        "rows": [[r[0], *(vn_number(v) for v in r[1:])] for r in raw],
        "chart": bar_chart(
            labels=[r.school.name for r in rows],
            series=[
                Series(_("Lượt xem"), tuple(r.views for r in rows)),
                Series(_("Lượt tải"), tuple(r.downloads for r in rows)),
                Series(_("Bài giao"), tuple(r.assignments for r in rows)),
            ],
        ),
        "days": days,
    }
    return _filters(request, report, all_schools, export)


@login_required
@require_http_methods(["GET", "POST"])
def online_periods(request):
    """The form of a week's online periods and the latest ones the user may record."""
    classes = permissions.online_period_classes(request.user)
    if not classes.exists():
        raise PermissionDenied
    form = OnlinePeriodsForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.online_periods_record(
                user=request.user,
                school_class=d["school_class"],
                subject=d["subject"],
                week=d["week"],
                mode=d["mode"],
                periods=d["periods"],
                note=d["note"],
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Đã ghi số tiết dạy trực tuyến."))
            return redirect("report_online_periods")
    recent = (
        OnlinePeriods.objects.filter(school_class__in=classes.values("pk"))
        .select_related("school_class", "subject", "recorded_by")
        .order_by("-week_start", "school_class__name")[:50]
    )
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, T + "online_periods.html", {"form": form, "recent": recent}, status=status
    )


@login_required
@require_GET
def class_progress(request, class_id: int):
    """Students × learning outcomes (mastery) and lesson/e-lecture completion of a class."""
    school_class = get_object_or_404(
        permissions.progress_classes(request.user).select_related("school", "school_year"),
        pk=class_id,
    )
    subject_id = _int(request.GET.get("mon"))
    context = {
        "school_class": school_class,
        "heatmap": progress.class_heatmap(school_class=school_class, subject_id=subject_id),
        "completion": progress.class_completion(school_class=school_class),
        "subjects": Subject.objects.order_by("name"),
        "subject_id": subject_id,
    }
    return TemplateResponse(request, T + "class_progress.html", context)
