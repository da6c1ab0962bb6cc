"""The per-student report card (phiếu điểm): one class's subjects with each term's result
and the year's, the learning-result levels, printed to an A4 PDF by headless Chromium
(:func:`question_bank.assembly.pdf.html_to_pdf`, as the exam papers are)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from lms.gradebook.presenting import own_tables
from lms.gradebook.selectors import own_marks
from question_bank.assembly.pdf import html_to_pdf


def report_card_html(*, student, school_class) -> str:
    """The card as a standalone HTML page (no request: nothing of the site's chrome)."""
    [table] = own_tables(own_marks(student=student, school_class=school_class)) or [None]
    return render_to_string(
        "lms/gradebook/report_card.html",
        {
            "student": student,
            "school_class": school_class,
            "table": table,
            "printed": timezone.localtime(),
        },
    )


def report_card_pdf(*, student, school_class) -> bytes:
    html = report_card_html(student=student, school_class=school_class)
    return html_to_pdf(html, footer_label=student.get_full_name(), page_numbers=False)
