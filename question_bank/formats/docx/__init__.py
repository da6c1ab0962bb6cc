"""Word (.docx) question files the way Vietnamese teachers write them → :class:`ParseResult`.

The file is opened through :class:`~common.safefiles.SafeZip` and every XML part is read
with :func:`~common.safefiles.parse_xml`; ``word/document.xml`` is parsed once and its
body walked in order, so a 10 000-question file takes seconds.

What is understood (the conventions of the mixing tools McMIX and HC-MIX, Azota's and OLM's
Word formats, and the 2025 exam format; the README's "Nhập đề từ Word: các quy ước được
hiểu" lists them for teachers, and ``tests/question_bank/formats/docx/conventions/`` builds
a file for each):

* ``PHẦN I`` / ``PHẦN II`` / ``PHẦN III`` (also "Phần 1", any case or accents): one choice,
  Đúng/Sai statements ``a)``–``d)``, short numeric answers; ``PHẦN IV`` or no section: the
  type is read from the content.
* ``Câu N.`` / ``Câu N:`` / ``Bài N`` / ``Question N.`` starts a question (``(0,5 điểm)``,
  ``(NB)`` after the number are read as points and level). Markers in the stem, removed from
  the text: ``[giữ thứ tự]`` (never shuffle the options), ``[cố định]`` (never move the
  question), ``[NB]`` ``[TH]`` ``[VD]`` ``[VDC]`` (Azota/OLM levels; ``[<VD>]`` too),
  ``[TF]`` (Azota/OLM: the ``a)``–``d)`` lines are Đúng/Sai statements) and the type markers
  ``[nhiều đáp án]``, ``[trả lời ngắn]``, ``[tự luận]``.
* Options ``A.``–``H.`` one per paragraph, several on a line (tabs/spaces), in a layout table,
  or on the ``Câu N.`` line after the stem ("Câu 3. Tính … A. 1 B. 2 C. 3 D. 4"; letters
  naming points, "các đỉnh A. B. C.", are not options).
* The key: the option letter (or the whole option) underlined or red, a leading ``*``, the
  only bold letter, blue where nothing is red or underlined; a ``Đáp án: B`` line, ``Chọn B``
  in the solution, or an answer table / answer lines (``1-A``, ``1.A``, ``1A``; a row of
  numbers over a row of letters). Options marked in different ways (a red A, an underlined C)
  are reported ("các phương án được đánh dấu bằng những cách khác nhau … cần kiểm tra"),
  never read as several keys; a key line that disagrees with the marks is reported too.
* Fixed options ("không đảo"): ``#D.`` or ``D#.``, an italic letter where not every letter is
  italic (McMIX-style guides), texts such as "Cả A và B đều đúng", "Tất cả đều sai",
  "Không có đáp án nào đúng" → :attr:`Choice.fixed`.
* Đúng/Sai: the true statements marked like correct options, or ``Đáp án: a) Đ, b) S, …``
  (also ``a-Đ b-S``, ``ĐSĐS``).
* ``Đáp án: -1,5`` (short numeric; ``± 0,1`` adds a tolerance), ``Đáp án: Hà Nội | Ha Noi``
  (short text, ``|`` separates accepted answers), ``Lời giải:`` / ``Hướng dẫn giải:`` /
  ``Hướng dẫn:`` / ``HD:`` / ``Giải:`` / ``Giải chi tiết`` (to the end of the question) →
  solution, ``Hướng dẫn chấm:`` / ``Biểu điểm`` → marking guide (an essay's only ``Lời
  giải`` is its guide).
* Matching: a ``Ghép nối:`` line, then ``1) vế trái → vế phải`` lines (``→ X`` alone is an
  extra answer). Ordering: a ``Sắp xếp:`` line, then the items ``1) …`` in the right order.
  Cloze: ``[1: đáp án|đáp án khác]`` in the stem (``[1: *đúng|sai]`` a drop-down,
  ``[1: =1,5 ± 0,1]`` a number) becomes ``{{1}}``.
* Groups: ``Nhóm 1`` … ``Hết nhóm``, or "Dùng thông tin sau để trả lời câu 5 và câu 6",
  "Đọc đoạn văn sau và trả lời các câu từ 7 đến 10": the text before the first question is
  the shared stimulus. ``Câu 5.1``, ``Câu 5.2`` — or ``Con 1:``, ``Con 2:`` — under a bare
  ``Câu 5.`` (a stem, no options): a group whose stimulus is the stem of Câu 5 ("Câu 5.1",
  "Câu 5, con 1").
* HC-MIX (its own guide, hoanchan.github.io/projects/hc-mix "Biên soạn câu hỏi", "Câu con"):
  ``[<Ans=C>]`` property lines (several lines or ``C, A`` → several keys; ``[<Ans=c-b-a>]``
  an ordering; ``[<Ans=Đúng>]``/``[<Ans=Sai>]`` under a bare stem a one-statement Đúng/Sai;
  other text a short answer; ``1-A,2-B`` matching is reported), ``Giải thích:`` → solution,
  ``Con k:`` after a whole question a variant of it (its own question, named "Câu 3 — câu
  con 1" and flagged). ``[<$>]`` before each option (as a Word generator writes it; no tool
  documents it).
* McMIX (:mod:`.mcmix`): ``[<br>]`` ends a question, which may have no "Câu N" (it is then
  "Câu k" by its position); ``[<sg>]`` shared content ``[<egc>]`` questions ``[</sg>]`` is a
  group (``[<g0>]``…``[</g0>]`` too), ``(<n>)`` a question of it, ``{<n>}`` in the content
  "(n)".
* Cloze passages (:mod:`.gaps`): "Read the following passage … blanks from 1 to 5" (or the
  Vietnamese instruction, or McMIX's group) with gaps ``(1) ______``; each gap's options as
  "Question 1. A. … B. …", ``(<1>)`` or a line ``1. A. … B. …`` → one choice question per
  gap, "Chỗ trống (1)", sharing the passage; "Mark the letter A, B, C or D …" closes the
  group. Error identification: a sentence whose underlined parts are followed by "(A)" … or
  by a line "A   B   C   D" → one choice whose options are the parts, in order (never
  shuffled).
* Content keeps bold/italic/underline/strike, sub/superscripts, tables, images (assets),
  Word equations (LaTeX via :mod:`.omml_read`), ``$…$`` typed LaTeX, and MathType /
  Equation Editor 3.0 objects (LaTeX via :mod:`.mathtype`; one that cannot be converted
  stays its preview image, WMF/EMF turned into PNG by :mod:`.wmf`, and the question is
  flagged for review). Symbol/Wingdings/Webdings characters become Unicode. Word's automatic
  list numbers ("Câu %1.", "%1.") are read as the text Word shows. A ``.doc``, an ``.rtf`` or
  a password-protected file is refused with what to do (Save As .docx, :mod:`.legacy`).
* A question that reads as a choice item but cannot be split, or whose key is not
  understood, is reported (never saved as an essay with its answer in the text). When the
  numbering restarts, messages name the question by position: "Câu 1 (lần đánh số thứ 2,
  câu thứ 41 trong tệp)".
* A paragraph that starts with a zero-width space is plain content, whatever it looks like;
  the exporter protects such lines (a stem line "A. …", "1.A 2.B" …) that way.

Questions with errors are left out of ``result.questions`` (kept in ``result.rejected`` with
their place in the file, for the preview where the teacher may fix them) and each error is a
:class:`Problem` whose ``where`` is the question's ref ("Câu 3", or "Phần II, Câu 3" when the
file has sections).
"""

from __future__ import annotations

from collections.abc import Mapping

from question_bank.formats.base import ParsedGroup, ParsedQuestion, ParseResult
from question_bank.formats.docx.document import parse_document
from question_bank.formats.docx.layout import export_questions
from question_bank.formats.docx.reader import MATHTYPE_REVIEW

__all__ = ["MATHTYPE_REVIEW", "export", "parse"]


def parse(data: bytes, *, filename: str, files: Mapping[str, bytes] | None = None) -> ParseResult:
    """Read a Word question file; ``files`` is unused (a .docx carries its own images)."""
    return parse_document(data, filename)


def export(questions: list[ParsedQuestion], groups: list[ParsedGroup], *, title: str = "") -> bytes:
    """A .docx holding ``questions`` (and their ``groups``) that :func:`parse` reads back."""
    return export_questions(questions, groups, title=title)
