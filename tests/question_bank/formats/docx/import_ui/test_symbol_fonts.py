"""Characters typed in Wingdings, Symbol … become the Unicode characters they show."""

from __future__ import annotations

from lxml import etree

from question_bank.formats.docx import parse
from question_bank.formats.docx.symbol_fonts import decode_char, decode_text
from tests.question_bank.formats.docx_builder import W_NS, DocBuilder, run


def font_run(text: str, font: str) -> etree._Element:
    return etree.fromstring(
        f'<w:r xmlns:w="{W_NS}"><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>'
        f'<w:t xml:space="preserve">{text}</w:t></w:r>'
    )


def sym(font: str, char: str) -> etree._Element:
    return etree.fromstring(f'<w:r xmlns:w="{W_NS}"><w:sym w:font="{font}" w:char="{char}"/></w:r>')


def test_tables():
    assert decode_text("Wingdings", "à") == "→"
    assert decode_text("Wingdings", "\uf0e0") == "→"
    assert decode_text("Wingdings", "üû") == "✓✗"
    assert decode_text("Wingdings", "ln") == "●■"
    assert decode_text("Symbol", "abpD") == "αβπΔ"
    assert decode_text("Symbol", "x") == "ξ"
    assert decode_text("Times New Roman", "à") == "à"
    assert decode_char("Symbol", 0xF0DE) == "⇒"
    assert decode_char("Symbol", 0xF0B3) == "≥"
    assert decode_char("Symbol", 0xF031) == "1"
    assert decode_char("Wingdings 2", 0xF050) == "✔"
    assert decode_char("Wingdings", 0x81) == "①"
    assert decode_char("Webdings", 0xF034) == "▶"
    assert decode_char("Calibri", 0xF0AE) == "→"  # a private-use code read as Symbol
    assert decode_char("Wingdings", 0xF027) == "\uf027"  # unknown: kept as typed


def test_symbol_font_runs_and_sym_elements_in_a_question():
    b = DocBuilder()
    para = b.p("Câu 1. Để đóng tệp, chọn File ")
    para._p.append(font_run("à", "Wingdings"))
    para._p.append(
        etree.fromstring(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve"> Close; </w:t></w:r>')
    )
    para._p.append(sym("Symbol", "F061"))
    para._p.append(sym("Symbol", "F0B3"))
    para._p.append(font_run("p", "Symbol"))
    para._p.append(sym("Wingdings", "F0FC"))
    b.p("A. Đúng\t", run("B.", u=True), " Sai\tC. Không rõ\tD. Khác")
    [q] = parse(b.bytes(), filename="sym.docx").questions
    assert "File → Close; α≥π✓" in q.stem
    assert [c.correct for c in q.choices] == [False, True, False, False]
