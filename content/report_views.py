"""Reports for department staff: curriculum coverage as a page and as an XLSX workbook.

Thin views: check permission, pick the department, call :mod:`content.coverage`, render.
"""

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from accounts.models import Department
from content.coverage import CoverageReport, Share, TargetCheck, curriculum_coverage
from content.permissions import can_view_coverage, coverage_departments

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Views ------------------------------------------------------------------------------
def _department(request) -> tuple[Department, list[Department]]:
    """The department asked for (``?so=<id>``) or the user's first one, and the choices
    offered to the user (superusers only). 403 without the right, 404 for a department
    outside the user's reach."""
    if not can_view_coverage(request.user):
        raise PermissionDenied
    departments = coverage_departments(request.user).order_by("name")
    wanted = request.GET.get("so", "").strip()
    if wanted:
        if not wanted.isdigit():
            raise BadRequest("so must be a department id")
        department = departments.filter(pk=int(wanted)).first()
        if department is None:
            raise Http404
    else:
        department = departments.first()
        if department is None:
            # Staff without a department have no figure to see.
            raise PermissionDenied
    choices = list(departments) if request.user.is_superuser else []
    return department, choices


@login_required
def coverage_report(request):
    department, choices = _department(request)
    report = curriculum_coverage(department_id=department.pk)
    return render(
        request,
        "content/reports/coverage.html",
        {
            "department": department,
            "departments": choices,
            "report": report,
            "lessons_check": report.lessons_check,
            "outcomes_check": report.outcomes_check,
            "today": timezone.localdate(),
        },
    )


@login_required
def coverage_xlsx(request):
    department, _choices = _department(request)
    report = curriculum_coverage(department_id=department.pk)
    today = timezone.localdate()
    filename = f"do-phu-chuong-trinh-{today.isoformat()}.xlsx"
    return HttpResponse(
        coverage_workbook(report=report, department=department, today=today),
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


# --- XLSX -------------------------------------------------------------------------------
PERCENT_FORMAT = "0.0%"


def _verdict(check: TargetCheck, unit: str) -> str:
    if check.met:
        return _("Đạt")
    return _("Chưa đạt – thiếu %(gap)s điểm phần trăm, cần thêm %(missing)d %(unit)s") % {
        "gap": number_format(check.gap_points, 1),
        "missing": check.missing,
        "unit": unit,
    }


def _widths(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def coverage_workbook(*, report: CoverageReport, department: Department, today) -> bytes:
    """Sheet "Độ phủ": title, header (frozen), one row per subject × grade with shares as
    numbers formatted ``0.0%``, a bold totals row and the verdicts against the target.
    Sheet "Chưa có học liệu": the lessons no approved material covers yet."""
    book = Workbook()
    _coverage_sheet(book.active, report=report, department=department, today=today)
    _uncovered_sheet(book.create_sheet(_("Chưa có học liệu")), report=report)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BOLD = Font(bold=True)


def _figures(label, grade, lessons: Share, outcomes: Share, materials: int) -> list:
    return [
        label,
        grade,
        lessons.total,
        lessons.covered,
        lessons.ratio,
        outcomes.total,
        outcomes.covered,
        outcomes.ratio,
        materials,
    ]


def _coverage_sheet(sheet, *, report: CoverageReport, department: Department, today) -> None:
    sheet.title = _("Độ phủ")
    sheet.append(
        [
            _("Độ phủ chương trình GDPT 2018 – %(department)s – ngày %(date)s")
            % {"department": department.name, "date": today.strftime("%d/%m/%Y")}
        ]
    )
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(
        [
            _("Môn học"),
            _("Khối"),
            _("Số bài học"),
            _("Bài có học liệu"),
            _("Tỉ lệ bài học"),
            _("Số yêu cầu cần đạt"),
            _("Yêu cầu cần đạt có học liệu"),
            _("Tỉ lệ yêu cầu cần đạt"),
            _("Số học liệu"),
        ]
    )
    for cell in sheet[2]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in report.rows:
        sheet.append(
            _figures(row.subject_name, row.grade, row.lessons, row.outcomes, row.materials)
        )
    sheet.append(_figures(_("Toàn Sở"), None, report.lessons, report.outcomes, report.materials))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for row_cells in sheet.iter_rows(min_row=3, max_row=sheet.max_row):
        row_cells[4].number_format = PERCENT_FORMAT
        row_cells[7].number_format = PERCENT_FORMAT
    sheet.append([])
    sheet.append([_("Mục tiêu"), report.target])
    sheet.cell(row=sheet.max_row, column=2).number_format = PERCENT_FORMAT
    sheet.append([_("Bài học"), _verdict(report.lessons_check, _("bài học"))])
    sheet.append([_("Yêu cầu cần đạt"), _verdict(report.outcomes_check, _("yêu cầu cần đạt"))])
    sheet.freeze_panes = "A3"
    _widths(sheet, [24, 8, 12, 14, 12, 14, 16, 14, 12])


def _uncovered_sheet(sheet, *, report: CoverageReport) -> None:
    sheet.append([_("Môn học"), _("Khối"), _("Chương/chủ đề"), _("Bài")])
    for cell in sheet[1]:
        cell.font = BOLD
    for lesson in report.uncovered:
        sheet.append([lesson.subject_name, lesson.grade, lesson.topic_name, lesson.lesson_name])
    sheet.freeze_panes = "A2"
    _widths(sheet, [24, 8, 48, 60])
