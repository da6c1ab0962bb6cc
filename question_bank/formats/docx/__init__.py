"""Word (.docx) question files: :func:`parse` reads them, :func:`export` writes them.

The package is split by responsibility; see each module's docstring.
"""

from __future__ import annotations

from collections.abc import Mapping

from question_bank.formats.base import ParsedGroup, ParsedQuestion, ParseResult
from question_bank.formats.docx.document import MATHTYPE_REVIEW, parse_docx
from question_bank.formats.docx.writer import export_docx

__all__ = ["MATHTYPE_REVIEW", "export", "parse"]


def parse(data: bytes, *, filename: str, files: Mapping[str, bytes] | None = None) -> ParseResult:
    """Read a Word question file; ``files`` is unused (a .docx carries its own images)."""
    return parse_docx(data, filename)


def export(questions: list[ParsedQuestion], groups: list[ParsedGroup], *, title: str = "") -> bytes:
    """A .docx holding ``questions`` (and their ``groups``) that :func:`parse` reads back."""
    return export_docx(questions, groups, title=title)
