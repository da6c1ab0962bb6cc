"""Every file of a paper, bundled: papers (PDF, Word) per version, keys, guide, answer sheet."""

import io
import zipfile
from collections.abc import Callable

from django.utils.text import slugify

from question_bank.assembly.keys import answer_key_csv, answer_key_long_csv, answer_key_xlsx
from question_bank.assembly.paper import AssembledPaper
from question_bank.assembly.pdf import html_to_pdfs
from question_bank.assembly.render_docx import marking_guide_docx, version_docx
from question_bank.assembly.render_html import answer_sheet_html, marking_guide_html, paper_html

PDF_BATCH = 8


def output_names(paper: AssembledPaper) -> list[str]:
    names = []
    for version in paper.versions:
        names += [f"de-{version.code}.pdf", f"de-{version.code}.docx"]
    return [
        *names,
        "dap-an.csv",
        "dap-an.xlsx",
        "dap-an-theo-cau.csv",
        "huong-dan-cham.pdf",
        "huong-dan-cham.docx",
        "phieu-tra-loi.pdf",
    ]


def paper_bundle(
    paper: AssembledPaper, *, progress: Callable[[int, int], None] | None = None
) -> bytes:
    """A ZIP with every output of ``paper``; ``progress(done, total)`` after each file."""
    total = len(output_names(paper))
    done = 0
    buffer = io.BytesIO()

    def add(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
        nonlocal done
        zf.writestr(name, data)
        done += 1
        if progress:
            progress(done, total)

    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for version in paper.versions:
            add(zf, f"de-{version.code}.docx", version_docx(paper, version))
        add(zf, "dap-an.csv", answer_key_csv(paper))
        add(zf, "dap-an.xlsx", answer_key_xlsx(paper))
        add(zf, "dap-an-theo-cau.csv", answer_key_long_csv(paper))
        add(zf, "huong-dan-cham.docx", marking_guide_docx(paper))
        # All PDFs from one Chromium, in batches so progress still moves.
        jobs = [
            (f"de-{v.code}.pdf", (paper_html(paper, v), f"Mã đề {v.code}", True))
            for v in paper.versions
        ]
        jobs.append(
            (
                "huong-dan-cham.pdf",
                (marking_guide_html(paper), "Đáp án và hướng dẫn chấm", True),
            )
        )
        jobs.append(("phieu-tra-loi.pdf", (answer_sheet_html(paper), "", False)))
        for start in range(0, len(jobs), PDF_BATCH):
            batch = jobs[start : start + PDF_BATCH]
            for (name, _job), pdf in zip(batch, html_to_pdfs([j for _n, j in batch]), strict=True):
                add(zf, name, pdf)
    return buffer.getvalue()


def bundle_name(title: str) -> str:
    return f"{slugify(title, allow_unicode=False) or 'de'}.zip"
