"""An assembled paper as printable HTML pages: the paper of a version, the marking guide and
the answer sheet (phiếu trả lời trắc nghiệm), in the layout of the 2025 THPT exam.

Question content (stems, choices, stimuli, solutions) was sanitised when it was saved and
is marked safe here; everything else (codes, header lines, names) goes through Django's
autoescape. Math stays as LaTeX and is typeset in the browser by KaTeX; the pages link
their static files by URL, :mod:`.pdf` turns those into local files to print offline.
The helpers here (columns of options, stimulus runs, scoring rules) are shared with
:mod:`.render_docx`. Options go 4, 2 or 1 to a line by their typeset width (:mod:`.measure`);
in the PDF, ``paper.js`` measures them again in the browser once KaTeX has typeset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.safestring import mark_safe

from question_bank.assembly.measure import FONT_SUBSETS, option_width_pt
from question_bank.assembly.paper import (
    PART_ESSAY,
    PART_MC,
    PART_SHORT,
    PART_TF,
    PART_TITLES,
    AssembledPaper,
    PaperVersion,
    VersionItem,
    part_instruction,
)
from question_bank.numeric import format_numeric

__all__ = [
    "answer_sheet_html",
    "format_points",
    "header_context",
    "marking_guide_html",
    "option_columns",
    "paper_html",
    "question_runs",
    "scoring_rules",
]

LETTERS = "ABCDEFGH"
STATEMENT_LETTERS = "abcdefgh"
CHOICE_TYPES = {"single_choice", "multiple_response"}
#: Part II: share of a question's points for 1, 2, 3, 4 statements right (2025 rules).
TF_SHARES = (Decimal("0.1"), Decimal("0.25"), Decimal("0.5"), Decimal("1"))
END_NOTES = (
    "- Thí sinh không được sử dụng tài liệu;",
    "- Cán bộ coi thi không giải thích gì thêm.",
)
_PT_PER_MM = 72 / 25.4
_TEXT_PT = 12.0
#: The options grid of paper.css: A4 less the page margins (18 mm and 15 mm) and the
#: options' 1.2em indent, columns 0.8em apart, the label 0.3em before its option; KaTeX
#: at 1.08em of the text.
OPTIONS_LINE_PT = (210 - 18 - 15) * _PT_PER_MM - 1.2 * _TEXT_PT
OPTIONS_GAP_PT = 0.8 * _TEXT_PT
LABEL_GAP_PT = 0.3 * _TEXT_PT
MATH_SCALE = 1.08

_FIRST_P = re.compile(r"^\s*<p(\s[^>]*)?>", re.I)
_BLOCKY = re.compile(r"<(?:table|img|ul|ol|br|hr|blockquote|pre|figure)\b|\\\[|\$\$", re.I)
_BLOCK_TAG = re.compile(r"<(?:p|div|h\d|li)\b", re.I)
_BLANK = re.compile(r"\{\{(\d+)\}\}")


# -- shared helpers ----------------------------------------------------------------------------
def format_points(value: float | Decimal | None) -> str:
    """Points written the Vietnamese way: 0.25 → "0,25", 1.0 → "1"."""
    try:
        return format_numeric(Decimal(str(round(float(value or 0), 4))))
    except (ArithmeticError, ValueError):
        return str(value).replace(".", ",")


def item_points(item: VersionItem) -> float:
    """The points a question is worth on this paper (the paper's, else the question's own)."""
    return float(item.points or item.data.get("points") or 0)


def is_simple_inline(html: str) -> bool:
    """True when a choice is one short run of text/math that can share a line with others."""
    return not _BLOCKY.search(html or "") and len(_BLOCK_TAG.findall(html or "")) <= 1


def option_columns(
    texts: list[str],
    *,
    line_pt: float = OPTIONS_LINE_PT,
    gap_pt: float = OPTIONS_GAP_PT,
    label_gap_pt: float = LABEL_GAP_PT,
    math_scale: float = MATH_SCALE,
) -> int:
    """4, 2 or 1 options per line, as exam papers lay them out: 4 when every option (its
    label included) fits a quarter of the line, else 2 when each fits half, else 1.

    Widths are the typeset ones (:func:`.measure.option_width_pt`). The defaults describe
    the PDF's options grid, where the browser measures again once KaTeX has typeset; Word
    passes its tab-stop widths. Options with blocks (tables, pictures, display math,
    several paragraphs) take a line each.
    """
    if not texts or not all(is_simple_inline(t) for t in texts):
        return 1
    widest = max(
        option_width_pt(t, math_scale=math_scale, label=f"{LETTERS[i % len(LETTERS)]}.")
        for i, t in enumerate(texts)
    )
    for columns in (4, 2):
        if widest + label_gap_pt <= (line_pt - (columns - 1) * gap_pt) / columns:
            return columns
    return 1


def stimulus_key(data: dict):
    """What identifies a shared stimulus: its id, else its content."""
    if not data.get("stimulus"):
        return None
    return data.get("stimulus_id") or data["stimulus"]


def numbers_phrase(numbers: list[int]) -> str:
    """[3, 4] → "Câu 3 và Câu 4"; [3, 4, 5] → "Câu 3 đến Câu 5"."""
    if len(numbers) == 1:
        return f"Câu {numbers[0]}"
    if len(numbers) == 2:
        return f"Câu {numbers[0]} và Câu {numbers[1]}"
    return f"Câu {numbers[0]} đến Câu {numbers[-1]}"


def question_runs(items: list[VersionItem]) -> list[tuple[str, str, VersionItem]]:
    """Each item with the stimulus to print before it (once per run of items sharing one).

    Returns ``(stimulus_html, note, item)``; the note reads "Sử dụng các thông tin sau cho
    Câu 3 và Câu 4." and both are "" where nothing is printed before the item.
    """
    out = []
    i = 0
    while i < len(items):
        key = stimulus_key(items[i].data)
        j = i + 1
        while key is not None and j < len(items) and stimulus_key(items[j].data) == key:
            j += 1
        if key is None:
            out.append(("", "", items[i]))
        else:
            note = (
                f"Sử dụng các thông tin sau cho {numbers_phrase([x.number for x in items[i:j]])}."
            )
            out.append((items[i].data["stimulus"], note, items[i]))
            out.extend(("", "", item) for item in items[i + 1 : j])
        i = j
    return out


def cloze_stem(stem: str) -> str:
    """A cloze stem on paper: each ``{{n}}`` becomes a numbered dotted blank."""
    return _BLANK.sub(lambda m: f"({m.group(1)}) ……………", stem or "")


def question_label(item: VersionItem) -> str:
    """ "Câu 3." — with the points for an essay question: "Câu 1 (1 điểm)."."""
    if item.part == PART_ESSAY and item_points(item):
        return f"Câu {item.number} ({format_points(item_points(item))} điểm)."
    return f"Câu {item.number}."


def scoring_rules(paper: AssembledPaper) -> list[tuple[str, list[str]]]:
    """The 2025 scoring rules for the parts of the paper: ``[(part title, [lines])]``."""
    version = paper.versions[0]
    rules = []
    for part in version.parts:
        items = version.part_items(part)
        total = sum(item_points(i) for i in items)
        values = sorted({item_points(i) for i in items})
        title = PART_TITLES[part].split(".")[0]
        lines = [f"Tổng điểm phần: {format_points(total)} điểm ({len(items)} câu)."]
        if part in (PART_MC, PART_SHORT):
            if len(values) == 1:
                lines.append(f"Mỗi câu trả lời đúng thí sinh được {format_points(values[0])} điểm.")
            else:
                lines += [
                    f"Câu {i.number}: {format_points(item_points(i))} điểm nếu trả lời đúng."
                    for i in items
                ]
        elif part == PART_TF:
            for value in values:
                shares = "; ".join(
                    f"đúng {n} ý được {format_points(Decimal(str(value)) * share)} điểm"
                    for n, share in enumerate(TF_SHARES, start=1)
                )
                who = (
                    "Mỗi câu"
                    if len(values) == 1
                    else ", ".join(f"Câu {i.number}" for i in items if item_points(i) == value)
                )
                lines.append(
                    f"{who} (tối đa {format_points(value)} điểm): thí sinh lựa chọn chính xác "
                    f"{shares}."
                )
        else:
            lines.append("Chấm theo hướng dẫn chấm của từng câu; điểm từng ý ghi trong hướng dẫn.")
        rules.append((title, lines))
    return rules


# -- context -----------------------------------------------------------------------------------
def _with_label(html: str, label_html: str) -> str:
    """Put a bold label in front of a fragment, inside its first paragraph when it has one."""
    match = _FIRST_P.match(html or "")
    if match:
        return html[: match.end()] + label_html + " " + html[match.end() :]
    return label_html + " " + (html or "")


@dataclass
class _Question:
    number: int
    part: int
    qtype: str
    stem: str
    options: list[dict] = field(default_factory=list)  # {"label": "B.", "html": …}
    columns: int = 1
    measurable: bool = False  # the browser may re-measure the options and change columns
    statements: list[str] = field(default_factory=list)
    stimulus: str = ""
    stimulus_note: str = ""
    key: str = ""
    key_display: str = ""
    solution: str = ""
    marking_guide: str = ""


def _question(item: VersionItem, stimulus: str = "", note: str = "") -> _Question:
    data = item.data
    qtype = data.get("qtype", "")
    stem = data.get("stem") or ""
    if qtype == "cloze":
        stem = cloze_stem(stem)
    label = f'<b class="qno">{escape(question_label(item))}</b>'
    q = _Question(
        number=item.number,
        part=item.part,
        qtype=qtype,
        stem=mark_safe(_with_label(stem, label)),  # noqa: S308 - sanitised on save
        stimulus=mark_safe(stimulus),  # noqa: S308
        stimulus_note=note,
        key=item.key,
        solution=mark_safe(data.get("solution") or ""),  # noqa: S308
        marking_guide=mark_safe(data.get("marking_guide") or ""),  # noqa: S308
    )
    texts = [c.get("text") or "" for c in data.get("choices") or []]
    if qtype == "true_false":
        q.statements = [
            mark_safe(_with_label(t, f"<b>{STATEMENT_LETTERS[i]})</b>"))  # noqa: S308
            for i, t in enumerate(texts[: len(STATEMENT_LETTERS)])
        ]
        q.key_display = ", ".join(
            f"{STATEMENT_LETTERS[i]}) {k}" for i, k in enumerate(item.key[: len(texts)])
        )
    elif qtype in CHOICE_TYPES or (texts and item.part == PART_MC):
        texts = texts[: len(LETTERS)]
        q.options = [
            {"label": f"{LETTERS[i]}.", "html": mark_safe(t)}  # noqa: S308 - sanitised on save
            for i, t in enumerate(texts)
        ]
        q.columns = option_columns(texts)
        q.measurable = all(is_simple_inline(t) for t in texts)
        q.key_display = item.key
    else:
        q.key_display = item.key or data.get("numeric_answer") or ""
    return q


def _parts(version: PaperVersion) -> list[dict]:
    parts = []
    for part in version.parts:
        items = version.part_items(part)
        parts.append(
            {
                "part": part,
                "title": PART_TITLES[part],
                "instruction": part_instruction(part, len(items)),
                "questions": [_question(item, s, n) for s, n, item in question_runs(items)],
            }
        )
    return parts


def _font_faces() -> list[dict]:
    faces = []
    for subset, unicode_range in FONT_SUBSETS.items():
        for weight in (400, 700):
            for style in ("normal", "italic"):
                faces.append(
                    {
                        "weight": weight,
                        "style": style,
                        "url": static(f"vendor/fonts/tinos/tinos-{subset}-{weight}-{style}.woff2"),
                        "range": unicode_range,
                    }
                )
    return faces


def header_context(paper: AssembledPaper) -> dict:
    """The header's printed lines: subject, duration with its note, the stamp."""
    h = paper.header
    note = (h.note or "").strip()
    duration = f"Thời gian làm bài: {h.duration_minutes} phút"
    if note:
        duration += ", " + note[0].lower() + note[1:]
    return {
        "h": h,
        "subject_line": f"Môn: {h.subject.upper()}" if h.subject else "",
        "duration_line": duration,
        "stamp": "ĐỀ CHÍNH THỨC" if h.official else "ĐỀ THAM KHẢO",
    }


def _base(paper: AssembledPaper, math: bool = True) -> dict:
    return {
        "paper": paper,
        "fonts": _font_faces(),
        "math": math,
        "total_points": format_points(paper.total_points),
        **header_context(paper),
    }


# -- pages -------------------------------------------------------------------------------------
def paper_html(
    paper: AssembledPaper, version: PaperVersion, *, page_count: int | None = None
) -> str:
    """The printable paper (đề thi) of one version, a complete HTML page.

    ``page_count`` prints "(Đề thi có N trang)" under the stamp when known.
    """
    context = _base(paper) | {
        "version": version,
        "parts": _parts(version),
        "page_count": page_count,
        "end_notes": END_NOTES,
    }
    return render_to_string("question_bank/paper/paper.html", context)


def _key_tables(version: PaperVersion) -> list[dict]:
    tables = []
    mc = version.part_items(PART_MC)
    if mc:
        size = len(mc) if len(mc) <= 12 else 10
        rows = [mc[i : i + size] for i in range(0, len(mc), size)]
        tables.append({"part": PART_MC, "title": "PHẦN I", "rows": rows})
    tf = version.part_items(PART_TF)
    if tf:
        rows = [(i.number, list(i.key)) for i in tf]
        width = max(len(k) for _, k in rows) if rows else 4
        tables.append(
            {
                "part": PART_TF,
                "title": "PHẦN II",
                "rows": rows,
                "letters": STATEMENT_LETTERS[:width],
            }
        )
    short = version.part_items(PART_SHORT)
    if short:
        size = len(short) if len(short) <= 12 else 10
        rows = [short[i : i + size] for i in range(0, len(short), size)]
        tables.append({"part": PART_SHORT, "title": "PHẦN III", "rows": rows})
    return tables


def marking_guide_html(paper: AssembledPaper) -> str:
    """Đáp án và hướng dẫn chấm: the key of every version, the scoring rules and the worked
    solutions of the first version, a complete HTML page."""
    source = paper.versions[0]
    context = _base(paper) | {
        "stamp": "",  # the guide is not the paper: no "ĐỀ CHÍNH THỨC" box
        "keys": [{"code": v.code, "tables": _key_tables(v)} for v in paper.versions],
        "rules": scoring_rules(paper),
        "source": source,
        "parts": _parts(source),
    }
    return render_to_string("question_bank/paper/marking_guide.html", context)


def _blocks(numbers: list[int], size: int) -> list[list[int]]:
    return [numbers[i : i + size] for i in range(0, len(numbers), size)]


def answer_sheet_html(paper: AssembledPaper) -> str:
    """The answer sheet (phiếu trả lời trắc nghiệm) of the paper in the 2025 layout.

    The number of questions in each part comes from the first version; parts the paper
    does not have are left out (an essay part has no bubbles).
    """
    version = paper.versions[0]
    mc = [i.number for i in version.part_items(PART_MC)]
    tf = version.part_items(PART_TF)
    short = [i.number for i in version.part_items(PART_SHORT)]
    codes = [v.code for v in paper.versions]
    code_digits = max(3, min(4, max((len(c) for c in codes), default=3)))
    context = _base(paper, math=False) | {
        "digits": list(range(10)),
        "sbd_columns": list(range(6)),
        "code_columns": list(range(code_digits)),
        "mc_blocks": _blocks(mc, 10),
        "mc_letters": "ABCD",
        "tf_questions": [
            {
                "number": i.number,
                "letters": STATEMENT_LETTERS[: len(i.data.get("choices") or []) or 4],
            }
            for i in tf
        ],
        "short_questions": short,
        "short_rows": [("−", {0})] + [(",", {1, 2})] + [(str(d), {0, 1, 2, 3}) for d in range(10)],
    }
    return render_to_string("question_bank/paper/answer_sheet.html", context)
