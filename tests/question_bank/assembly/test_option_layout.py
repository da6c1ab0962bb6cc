"""Options of a printed question: 4, 2 or 1 per line by their rendered width (issue 16, Papers).

Vietnamese papers put the four options on one line when each fits a quarter of it, on two
lines when each fits half, else one per line; a label ("B.") never stands alone on a line.
The width is that of the typeset option (math included), not the length of its source.
"""

import io
import itertools
import re
import unicodedata
import zipfile

import pytest
from lxml import etree

from question_bank.assembly.paper import (
    PART_MC,
    AssembledPaper,
    PaperHeader,
    PaperVersion,
    VersionItem,
)
from question_bank.assembly.render_docx import version_docx
from question_bank.assembly.render_html import option_columns, paper_html

# Typeset, each is a few characters wide although its LaTeX is long.
SHORT = [r"\(\dfrac{1}{2}\)", r"\(2\)", r"\(-\dfrac{3}{4}\)", r"\(\sqrt{3}\)"]
# Few letters of source (a count of characters called them short), wider than a quarter line.
MEDIUM = [
    r"\(\log_2(x^2 + 3x + 2) = 5\)",
    r"\(R = \dfrac{U^2}{P} + 12\)",
    r"\(\sin^2 x + \cos^2 x = 1\)",
    r"\(\ln(x^2 + 1) > 2x - 1\)",
]
# Under 40 characters once the LaTeX commands are dropped, yet wider than half a line.
LONG = [
    r"\(S = \dfrac{1}{2}\left(a^2 + b^2 + c^2\right) + 2\sqrt{ab + bc + ca} - 3abc\)",
    r"\(y = \dfrac{x^3}{3} - \dfrac{5x^2}{2} + 6x - \sqrt{x^2 + 2x + 3}\)",
    r"\(P = \dfrac{a^2 + b^2}{ab} + \dfrac{b^2 + c^2}{bc} + \dfrac{c^2 + a^2}{ca}\)",
    r"Đồng biến trên \((-\infty; -1)\) và \((1; +\infty)\).",
]
EXPECTED = {1: 4, 2: 2, 3: 1}  # question number → options per line


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _question(stem: str, texts: list[str]) -> dict:
    return {
        "qtype": "single_choice",
        "stem": f"<p>{stem}</p>",
        "stimulus": "",
        "stimulus_id": None,
        "choices": [
            {"text": t, "correct": i == 0, "fraction": None, "feedback": "", "fixed": False}
            for i, t in enumerate(texts)
        ],
        "numeric_answer": "",
        "solution": "",
        "marking_guide": "",
        "points": None,
    }


def make_paper() -> AssembledPaper:
    questions = [
        _question("Giá trị nào sau đây là số hữu tỉ?", SHORT),
        _question("Đẳng thức nào sau đây đúng với mọi số thực dương?", MEDIUM),
        _question("Biểu thức nào sau đây có giá trị lớn nhất?", LONG),
    ]
    items = [
        VersionItem(
            part=PART_MC,
            number=n,
            question_id=n,
            version_id=n,
            data=data,
            choice_order=[0, 1, 2, 3],
            points=0.25,
            key="A",
        )
        for n, data in enumerate(questions, start=1)
    ]
    return AssembledPaper(
        title="Bố cục phương án",
        header=PaperHeader(subject="Toán", duration_minutes=90),
        versions=[PaperVersion(code="0101", items=items)],
        total_points=0.75,
    )


# -- the choice, from widths -------------------------------------------------------------------
def test_columns_follow_the_rendered_width():
    assert option_columns(SHORT) == 4
    assert option_columns(MEDIUM) == 2
    assert option_columns(LONG) == 1
    # Plain words: a few fit a quarter, a sentence needs the whole line.
    assert option_columns(["Hình vuông", "Hình thoi", "Hình thang", "Hình bình hành"]) == 4
    sentence = "Hàm số đồng biến trên khoảng đã cho và đạt cực đại tại điểm đó"
    assert option_columns(["Đúng", "Sai", sentence, "Không xác định"]) == 1


def test_math_counts_its_typeset_width_not_its_source():
    from question_bank.assembly.measure import option_width_pt

    fraction = option_width_pt(r"\(\dfrac{1}{2}\)")
    assert fraction < option_width_pt("12345")  # 15 characters of LaTeX, one digit wide
    # A formula of few letters is wide: an integral with limits and a fraction.
    integral = r"\(\displaystyle\int_0^2 (x^2 + 2x + 1)\,dx = \dfrac{26}{3}\)"
    assert option_width_pt(integral) > 4 * option_width_pt("12345")
    assert option_columns([integral, r"\(1\)", r"\(2\)", r"\(3\)"]) == 2
    # The same characters, typeset larger or smaller, are measured apart.
    assert option_width_pt(r"\(x^{2}\)") < option_width_pt(r"\(x2\)")
    assert option_columns([r"\(\mathrm{H_2SO_4}\)", r"\(\ce{H2CO3}\)", "NaCl", "KOH"]) == 4


def test_paper_html_marks_each_question_with_its_layout():
    paper = make_paper()
    html = paper_html(paper, paper.versions[0])
    layouts = re.findall(r'class="options cols-(\d)"', html)
    assert layouts == ["4", "2", "1"]
    # The label is its own box beside the option's body: it cannot be left alone on a line.
    assert '<b class="opt-label">B.</b><div class="opt-body">' in html
    assert "question_bank/paper.js" in html


# -- PDF: Chromium typesets, measures and prints -----------------------------------------------
def _chars(pdf: bytes) -> list[tuple[str, float, float, float, float]]:
    """Every printed character of page 1 with its box (left, bottom, right, top)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    page = doc[0]
    text = page.get_textpage()
    chars = []
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if char.strip():
            chars.append((char, *text.get_charbox(i)))
    doc.close()
    return chars


def _labels(chars) -> list[tuple[str, float, float, float, float]]:
    """The option labels ("A." to "D."), in reading order: a capital letter then a full stop."""
    found = []
    for (char, left, bottom, right, top), nxt in itertools.pairwise(chars):
        if char in "ABCD" and nxt[0] == "." and 0 <= nxt[1] - right < 2:
            found.append((char, left, bottom, nxt[3], top))
    return found


def _alone(label, chars) -> bool:
    """True when nothing is printed just right of the label on its line."""
    _char, _left, bottom, right, top = label
    height = top - bottom
    for _c, c_left, c_bottom, _c_right, c_top in chars:
        centre = (c_bottom + c_top) / 2
        near = right + 0.5 < c_left < right + 25
        if near and bottom - 0.6 * height < centre < top + 0.6 * height:
            return False
    return True


def _rows(labels) -> int:
    rows: list[float] = []
    for label in labels:
        if not any(abs(label[2] - y) < 2 for y in rows):
            rows.append(label[2])
    return len(rows)


@pytest.mark.browser
@pytest.mark.parametrize("server_guess", ["model", "wrong"])
def test_pdf_lays_options_out_by_their_typeset_width(tmp_path, server_guess):
    from question_bank.assembly.pdf import html_to_pdf

    paper = make_paper()
    html = paper_html(paper, paper.versions[0])
    if server_guess == "wrong":  # the browser measures the typeset options and decides
        html = re.sub(r'class="options cols-\d"', 'class="options cols-4"', html)
    pdf = html_to_pdf(html, footer_label="Mã đề 0101")
    (tmp_path / "options.pdf").write_bytes(pdf)
    chars = _chars(pdf)
    labels = _labels(chars)
    assert [label[0] for label in labels] == list("ABCD" * 3), labels
    for number, columns in EXPECTED.items():
        question = labels[(number - 1) * 4 : number * 4]
        assert _rows(question) == 4 // columns, (number, question)
        for label in question:
            assert not _alone(label, chars), (number, label)
    # The four short options share one line, left to right.
    lefts = [label[1] for label in labels[:4]]
    assert lefts == sorted(lefts)
    text = nfc("".join(c[0] for c in chars))
    assert "\\dfrac" not in text and "\\(" not in text


@pytest.mark.browser
def test_width_model_agrees_with_katex(tmp_path):
    """The Word paper relies on the width model alone: it must match what KaTeX typesets."""
    import shutil

    from playwright.sync_api import sync_playwright

    from question_bank.assembly.measure import option_width_pt
    from question_bank.assembly.pdf import CHROMIUM_ARGS, localise_urls

    samples = [*SHORT, *MEDIUM, *LONG, r"\(\mathrm{H_2SO_4}\)", r"\(\ce{2H2 + O2 -> 2H2O}\)"]
    body = "".join(f'<p><span class="w">{s}</span></p>' for s in samples)
    paper = make_paper()
    html = paper_html(paper, paper.versions[0])
    html = html.replace('<main class="math-scope">', f'<main class="math-scope">{body}', 1)
    page_path = tmp_path / "widths.html"
    page_path.write_text(localise_urls(html), encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page()
            page.goto(page_path.as_uri(), wait_until="load")
            page.wait_for_function("() => document.body.dataset.mathDone === '1'")
            widths = page.evaluate(
                "() => [...document.querySelectorAll('.w')]"
                ".map(e => e.getBoundingClientRect().width * 0.75)"  # CSS px → pt
            )
        finally:
            browser.close()
    for sample, typeset in zip(samples, widths, strict=True):
        estimate = option_width_pt(sample)
        assert abs(estimate - typeset) <= 0.04 * typeset + 1, (sample, estimate, typeset)


# -- Word: tab stops chosen the same way -------------------------------------------------------
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _option_paragraphs(document: bytes) -> list[list[etree._Element]]:
    """The option paragraphs of each question, in order."""
    root = etree.fromstring(document)
    questions: list[list[etree._Element]] = []
    for p in root.iter(W + "p"):
        text = nfc("".join(t.text or "" for t in p.iter(W + "t")))
        if re.match(r"Câu \d+\.", text):
            questions.append([])
        elif questions and re.match(r"[A-D]\.", text):
            questions[-1].append(p)
    return questions


def test_docx_tab_layout_follows_the_width():
    paper = make_paper()
    data = version_docx(paper, paper.versions[0])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = z.read("word/document.xml")
    questions = _option_paragraphs(document)
    assert len(questions) == 3
    for (number, columns), paragraphs in zip(EXPECTED.items(), questions, strict=True):
        assert len(paragraphs) == 4 // columns, number
        for p in paragraphs:
            stops = p.findall(f"{W}pPr/{W}tabs/{W}tab")
            assert len(stops) == columns - 1, number
            assert len(p.findall(f"{W}r/{W}tab")) == columns - 1, number
            # No break of any kind inside an option line; each label is glued to its option
            # by a no-break space.
            assert not p.findall(f".//{W}br"), number
            labels = [
                t.text for t in p.iter(W + "t") if t.text and re.fullmatch(r"[A-D]\.\s*", t.text)
            ]
            assert labels and all(label.endswith("\u00a0") for label in labels), labels
    # The 4 stops of the short question's line split the text width evenly.
    first = questions[0][0]
    positions = [int(t.get(W + "pos")) for t in first.findall(f"{W}pPr/{W}tabs/{W}tab")]
    steps = {b - a for a, b in itertools.pairwise(positions)}
    assert len(steps) == 1
