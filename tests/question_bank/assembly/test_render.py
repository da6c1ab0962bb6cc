"""Printable outputs of an assembled paper: PDF (Chromium), DOCX (native equations), keys."""

import asyncio
import csv
import io
import shutil
import subprocess
import unicodedata
import zipfile

import openpyxl
import pytest

from question_bank.assembly.keys import (
    answer_key_csv,
    answer_key_long_csv,
    answer_key_rows,
    answer_key_xlsx,
)
from question_bank.assembly.paper import (
    PART_ESSAY,
    PART_MC,
    PART_SHORT,
    PART_TF,
    AssembledPaper,
    PaperHeader,
    PaperVersion,
    VersionItem,
)
from question_bank.assembly.render_docx import marking_guide_docx, version_docx
from question_bank.assembly.render_html import answer_sheet_html, marking_guide_html, paper_html

WORDS = ["Hàm số nào sau đây đồng biến trên khoảng", "Phương trình", "nghiệm"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _choice(text: str, correct: bool = False) -> dict:
    return {"text": text, "correct": correct, "fraction": None, "feedback": "", "fixed": False}


def _data(qtype: str, stem: str, choices=(), **extra) -> dict:
    return {
        "qtype": qtype,
        "stem": stem,
        "stimulus": "",
        "stimulus_id": None,
        "choices": list(choices),
        "numeric_answer": "",
        "solution": "",
        "marking_guide": "",
        "points": None,
    } | extra


Q_FUNC = _data(
    "single_choice",
    "<p>Hàm số nào sau đây đồng biến trên khoảng \\((0; +\\infty)\\)?</p>",
    [_choice("\\(y = -x\\)"), _choice("\\(y = x^2\\)", True), _choice("\\(y = -x^2\\)"),
     _choice("\\(y = \\dfrac{1}{x}\\)")],
    solution="<p>Vì \\(y' = 2x > 0\\) với mọi \\(x > 0\\).</p>",
)  # fmt: skip
Q_EQ = _data(
    "single_choice",
    "<p>Phương trình \\(x^2 - 3x + 2 = 0\\) có bao nhiêu nghiệm dương?</p>",
    [_choice("0"), _choice("1"), _choice("2", True), _choice("\\(\\dfrac{1}{2}\\)")],
    solution="<p>Hai nghiệm \\(x = 1\\), \\(x = 2\\).</p>",
)
Q_CHEM = _data(
    "single_choice",
    "<p>Chất nào sau đây là acid mạnh?</p>",
    [_choice("\\(\\mathrm{H_2SO_4}\\)", True), _choice("\\(\\mathrm{CH_3COOH}\\)"),
     _choice("\\(\\ce{H2CO3}\\)"), _choice("\\(\\mathrm{H_2S}\\)")],
)  # fmt: skip
Q_TF = _data(
    "true_false",
    "<p>Cho hàm số \\(f(x) = x^3 - 3x\\).</p>",
    [_choice("\\(f'(x) = 3x^2 - 3\\)", True), _choice("Hàm số có ba điểm cực trị."),
     _choice("\\(f(2) = 2\\)", True), _choice("Giá trị nhỏ nhất trên \\([0; 2]\\) là \\(-3\\).")],
)  # fmt: skip
Q_SHORT = _data(
    "short_numeric",
    "<p>Tìm nghiệm của phương trình \\(2x + 3 = 0\\).</p>",
    numeric_answer="-1,5",
)
Q_ESSAY = _data(
    "essay",
    "<p>Giải phương trình \\(x^2 - 5x + 6 = 0\\).</p>",
    marking_guide="<p>\\(\\Delta = 1\\): 0,5 điểm; hai nghiệm 2 và 3: 0,5 điểm.</p>",
)


def _item(part, number, data, key, points, order=None):
    if order is not None:
        data = dict(data, choices=[data["choices"][i] for i in order])
    return VersionItem(
        part=part,
        number=number,
        question_id=number * 10 + part,
        version_id=number * 100 + part,
        data=data,
        choice_order=list(order or []),
        points=points,
        key=key,
    )


def make_paper() -> AssembledPaper:
    """Two versions of a small Toán paper with every part of the 2025 format and an essay."""
    v1 = PaperVersion(
        code="0101",
        items=[
            _item(PART_MC, 1, Q_FUNC, "B", 0.25, [0, 1, 2, 3]),
            _item(PART_MC, 2, Q_EQ, "C", 0.25, [0, 1, 2, 3]),
            _item(PART_MC, 3, Q_CHEM, "A", 0.25, [0, 1, 2, 3]),
            _item(PART_TF, 1, Q_TF, "ĐSĐS", 1.0, [0, 1, 2, 3]),
            _item(PART_SHORT, 1, Q_SHORT, "-1,5", 0.5),
            _item(PART_ESSAY, 1, Q_ESSAY, "", 1.0),
        ],
    )
    v2 = PaperVersion(
        code="0102",
        items=[
            _item(PART_MC, 1, Q_EQ, "A", 0.25, [2, 0, 1, 3]),
            _item(PART_MC, 2, Q_CHEM, "D", 0.25, [1, 2, 3, 0]),
            _item(PART_MC, 3, Q_FUNC, "B", 0.25, [0, 1, 2, 3]),
            _item(PART_TF, 1, Q_TF, "SĐĐS", 1.0, [1, 0, 2, 3]),
            _item(PART_SHORT, 1, Q_SHORT, "-1,5", 0.5),
            _item(PART_ESSAY, 1, Q_ESSAY, "", 1.0),
        ],
    )
    header = PaperHeader(
        organisation="Trường THPT Chu Văn An",
        exam_title="Kỳ thi thử tốt nghiệp THPT",
        school_year="Năm học 2025 – 2026",
        subject="Toán",
        duration_minutes=90,
    )
    return AssembledPaper(title="Thi thử lần 1", header=header, versions=[v1, v2], total_points=3.0)


@pytest.fixture
def paper() -> AssembledPaper:
    return make_paper()


# -- PDF (Chromium) ----------------------------------------------------------------------------
def _pdf_text_and_png(pdf: bytes, png_path) -> str:
    import pypdfium2 as pdfium
    from PIL import ImageStat

    doc = pdfium.PdfDocument(pdf)
    text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    image = doc[0].render(scale=1.5).to_pil().convert("L")
    image.save(png_path)
    low, high = image.getextrema()
    assert low < 60 and high > 200, "page 1 is blank"
    assert ImageStat.Stat(image).mean[0] < 254.5  # some ink, not a single dot
    doc.close()
    return nfc(text)


@pytest.mark.browser
def test_paper_pdf(paper, tmp_path):
    from question_bank.assembly.pdf import html_to_pdf

    version = paper.versions[0]
    pdf = html_to_pdf(paper_html(paper, version), footer_label=f"Mã đề {version.code}")
    assert pdf.startswith(b"%PDF")
    (tmp_path / "paper.pdf").write_bytes(pdf)
    text = _pdf_text_and_png(pdf, tmp_path / "paper-1.png")
    for word in [*WORDS, "Mã đề", "0101", "PHẦN I", "PHẦN II", "PHẦN III", "HẾT", "Câu 1"]:
        assert nfc(word) in text, word
    assert "Trang 1/" in text
    # KaTeX typeset every formula: no LaTeX source left on the page.
    for raw in ("\\dfrac", "\\(", "\\mathrm", "\\ce", "x^2"):
        assert raw not in text, raw


@pytest.mark.browser
def test_answer_sheet_pdf(paper, tmp_path):
    from question_bank.assembly.pdf import html_to_pdf

    async def from_event_loop():  # an async view: printing moves to a worker thread
        return html_to_pdf(answer_sheet_html(paper), page_numbers=False)

    pdf = asyncio.run(from_event_loop())
    text = _pdf_text_and_png(pdf, tmp_path / "sheet-1.png")
    for word in ["PHIẾU TRẢ LỜI TRẮC NGHIỆM", "PHẦN I", "PHẦN II", "PHẦN III", "Đúng", "Sai"]:
        assert nfc(word) in text, word
    import pypdfium2 as pdfium

    assert len(pdfium.PdfDocument(pdf)) == 1


def test_answer_sheet_only_present_parts(paper):
    english = AssembledPaper(
        title="Tiếng Anh",
        header=PaperHeader(subject="Tiếng Anh"),
        versions=[
            PaperVersion(
                code="101",
                items=[_item(PART_MC, n, Q_EQ, "A", 0.25) for n in range(1, 41)],
            )
        ],
    )
    html = answer_sheet_html(english)
    assert "PHẦN I" in html and "PHẦN II" not in html and "PHẦN III" not in html
    assert ">40</th>" in html


def test_html_escapes_header_and_keeps_content(paper):
    paper.header.organisation = "<script>alert(1)</script>"
    html = paper_html(paper, paper.versions[0])
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert '<b class="qno">Câu 1.</b> Hàm số' in html
    assert "Thời gian làm bài: 90 phút, không kể thời gian phát đề" in html
    guide = marking_guide_html(paper)
    assert "Mã đề 0102" in guide and "Vì \\(y' = 2x" in guide
    assert "đúng 2 ý được 0,25 điểm" in guide


# -- DOCX --------------------------------------------------------------------------------------
def test_version_docx(paper):
    import docx

    data = version_docx(paper, paper.versions[0])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = nfc(z.read("word/document.xml").decode())
        styles = z.read("word/styles.xml").decode()
        footers = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert document.count("<m:oMath>") + document.count("<m:oMath ") >= 2
    for word in [*WORDS, "Mã đề", "0101", "HẾT", "PHẦN I", "PHẦN II", "PHẦN III", "Câu 1."]:
        assert nfc(word) in document, word
    # Chemistry reaches Word's equations as real subscripts, not LaTeX source.
    assert "\\ce" not in document and "H_2" not in document
    assert "<m:sub>" in document
    assert 'w:w="11906"' in document and 'w:h="16838"' in document
    assert "PAGE" in footers and "NUMPAGES" in footers and "0101" in footers
    assert 'w:ascii="Times New Roman"' in styles
    docx.Document(io.BytesIO(data))
    guide = marking_guide_docx(paper)
    docx.Document(io.BytesIO(guide))
    with zipfile.ZipFile(io.BytesIO(guide)) as z:
        assert "ĐSĐS" in nfc(z.read("word/document.xml").decode()) or "Đ" in nfc(
            z.read("word/document.xml").decode()
        )


@pytest.mark.office
def test_version_docx_renders_in_libreoffice(paper, tmp_path):
    import pypdfium2 as pdfium

    source = tmp_path / "de-0101.docx"
    source.write_bytes(version_docx(paper, paper.versions[0]))
    subprocess.run(
        [shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, timeout=120, capture_output=True,
    )  # fmt: skip
    pdf = (tmp_path / "de-0101.pdf").read_bytes()
    text = _pdf_text_and_png(pdf, tmp_path / "docx-1.png")
    for word in [*WORDS, "Mã đề", "HẾT"]:
        assert nfc(word) in text, word
    assert len(pdfium.PdfDocument(pdf)) >= 1


# -- answer keys -------------------------------------------------------------------------------
HEADER = ["Mã đề", "I.1", "I.2", "I.3", "II.1a", "II.1b", "II.1c", "II.1d", "III.1"]
ROWS = [
    ["0101", "B", "C", "A", "Đ", "S", "Đ", "S", "-1,5"],
    ["0102", "A", "D", "B", "S", "Đ", "Đ", "S", "-1,5"],
]


def test_answer_keys(paper):
    assert answer_key_rows(paper) == (HEADER, ROWS)
    raw = answer_key_csv(paper)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(raw.decode("utf-8-sig")))) == [HEADER, *ROWS]

    book = openpyxl.load_workbook(io.BytesIO(answer_key_xlsx(paper)))
    wide, long = book.worksheets
    assert [c.value for c in wide[1]] == HEADER
    assert [c.value for c in wide[2]] == ROWS[0]
    assert wide.freeze_panes == "B2"
    assert wide["A1"].font.bold

    long_rows = list(csv.reader(io.StringIO(answer_key_long_csv(paper).decode("utf-8-sig"))))
    assert long_rows[0] == ["Mã đề", "Phần", "Câu", "Ý", "Đáp án"]
    assert [r for r in long_rows[1:] if r[0] == "0101" and r[1] == "II"] == [
        ["0101", "II", "1", "a", "Đ"],
        ["0101", "II", "1", "b", "S"],
        ["0101", "II", "1", "c", "Đ"],
        ["0101", "II", "1", "d", "S"],
    ]
    assert ["0102", "I", "2", "", "D"] in long_rows and [
        "0101",
        "III",
        "1",
        "",
        "-1,5",
    ] in long_rows
    assert [c.value for c in long[1]] == long_rows[0]
    assert long.max_row == len(long_rows)


# -- printing helpers --------------------------------------------------------------------------
def test_localise_urls_points_at_files_on_disk(settings, tmp_path):
    from question_bank.assembly.pdf import localise_urls

    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "q").mkdir(parents=True)
    (tmp_path / "media" / "q" / "a.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("no")
    html = (
        '<link href="/static/question_bank/paper.css"><img src="/media/q/a.png">'
        '<img src="/media/../secret.txt"><style>x{src:url("/static/vendor/fonts/none.woff2")}</style>'
    )
    out = localise_urls(html)
    assert 'href="file://' in out and out.count("paper.css") == 1
    assert (tmp_path / "media" / "q" / "a.png").as_uri() in out
    assert 'src="/media/../secret.txt"' in out  # outside MEDIA_ROOT: left alone
    assert 'url("/static/vendor/fonts/none.woff2")' in out  # unknown file: left alone


def test_missing_chromium_is_a_clear_error(settings):
    from question_bank.assembly.pdf import html_to_pdf

    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    with pytest.raises(RuntimeError, match="Chromium"):
        html_to_pdf("<p>x</p>")
