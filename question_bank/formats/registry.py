"""Which parser reads a file and which exporter writes one (imported lazily)."""

from collections.abc import Mapping
from importlib import import_module
from pathlib import PurePosixPath

from question_bank.formats.base import ImportRejected, ParseResult

FORMAT_LABELS = {
    "docx": "Word (.docx)",
    "moodle_xml": "Moodle XML",
    "gift": "GIFT",
    "aiken": "Aiken",
    "qti": "QTI 2.1",
}
#: Every format is a module or package of ``question_bank.formats`` with one signature:
#: ``parse(data, *, filename, files=None) -> ParseResult`` and, for those that write files,
#: ``export(questions, groups, *, title="") -> bytes``.
PARSERS = {fmt: f"question_bank.formats.{fmt}" for fmt in FORMAT_LABELS}
#: Format → (file extension, content type) of what its ``export`` writes.
EXPORTERS = {
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "moodle_xml": (".xml", "application/xml"),
    "qti": (".zip", "application/zip"),
}


def detect_format(filename: str, data: bytes) -> str:
    """Guess the format from the extension and the first bytes; Vietnamese error if unknown."""
    ext = PurePosixPath(filename.lower()).suffix
    head = data[:2048].lstrip(b"\xef\xbb\xbf \r\n\t")
    if data[:2] == b"PK":
        if ext == ".docx":
            return "docx"
        return "qti"
    if ext == ".docx":
        raise ImportRejected(f"Tệp {filename}: không phải tệp Word .docx hợp lệ")
    if head.startswith(b"<"):
        if b"<quiz" in data[:65536]:
            return "moodle_xml"
        return "qti"
    if ext == ".gift" or (
        ext == ".txt"
        and (
            b"::" in head
            or (b"{" in data[:65536] and b"}" in data[:65536] and b"ANSWER:" not in data[:65536])
        )
    ):
        return "gift"
    if ext == ".txt" or b"ANSWER:" in data[:65536]:
        return "aiken"
    raise ImportRejected(
        f"Tệp {filename}: không nhận ra định dạng. Hỗ trợ Word .docx, Moodle XML, GIFT, Aiken, QTI 2.1 (.xml/.zip)."
    )


def parse_file(
    filename: str, data: bytes, *, files: Mapping[str, bytes] | None = None, fmt: str | None = None
) -> ParseResult:
    fmt = fmt or detect_format(filename, data)
    return import_module(PARSERS[fmt]).parse(data, filename=filename, files=files or None)


def export(fmt: str, questions, groups, *, title: str = "") -> tuple[bytes, str, str]:
    """(bytes, file extension, content type) for the questions in format ``fmt``."""
    ext, content_type = EXPORTERS[fmt]
    data = import_module(PARSERS[fmt]).export(questions, groups, title=title)
    return data, ext, content_type
