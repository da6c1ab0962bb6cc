"""Texts of the demo materials (lessons, e-lectures, library files, links, comments).

They live as YAML in ``demo/data/materials/``; this module loads them and turns them into
the shapes :mod:`demo.materials` and :mod:`demo.library` use (records as tuples).
"""

from pathlib import Path

import yaml

LIBRARY_URL = "https://thuvien.ninhbinh.edu.vn"
TEXTS = Path(__file__).resolve().parent / "data" / "materials"


def _load(name: str):
    return yaml.safe_load((TEXTS / name).read_text(encoding="utf-8"))


def _rows(records: list[dict], *fields: str) -> list[tuple]:
    return [tuple(record[field] for field in fields) for record in records]


def exam_paragraphs(exam: dict) -> list[str]:
    """The paragraphs of a demo exam paper for ``demo_pdf``: a question and its options
    (A–D) or statements (a–d) are one paragraph, one per line."""
    paragraphs = list(exam["intro"])
    for part in exam["parts"]:
        paragraphs.append(part["heading"])
        for n, question in enumerate(part["questions"], start=1):
            lines = [f"Câu {n}. {question['stem']}"]
            lines += [f"{'ABCD'[i]}. {o}" for i, o in enumerate(question.get("options", []))]
            lines += [f"{'abcd'[i]}) {s}" for i, s in enumerate(question.get("statements", []))]
            paragraphs.append("\n".join(lines))
    return paragraphs + list(exam["answers"])


def _section(section: dict) -> tuple:
    """(title, kind, content); slide images as (heading, lines)."""
    content = section["content"]
    if section["kind"] == "images":
        content = [(slide["heading"], slide["lines"]) for slide in content]
    return section["title"], section["kind"], content


def _electures() -> list[dict]:
    return [
        spec | {"sections": [_section(s) for s in spec["sections"]]}
        for spec in _load("electures.yaml")
    ]


def _pdf_file(record: dict) -> tuple:
    """(title, subject, grade, lessons, pages, paragraphs); an exam paper gives its own
    title and paragraphs."""
    if "exam" in record:
        exam = _load(record["exam"])
        record = record | {"title": exam["title"], "paragraphs": exam_paragraphs(exam)}
    return _rows([record], "title", "subject", "grade", "lessons", "pages", "paragraphs")[0]


def _epub_file(record: dict) -> tuple:
    """(title, subject, grade, lessons, [(chapter title, text)])."""
    chapters = _rows(record["chapters"], "title", "text")
    return record["title"], record["subject"], record["grade"], record["lessons"], chapters


#: The six lessons of the original demo (code, summary), newest first on the home page.
DEMO_LESSONS = list(_load("home-lessons.yaml").items())
LESSONS = _load("lessons.yaml") | _load("lessons-12.yaml")  # grade 12: the 2025 exam year
ELECTURES = _electures()
_LIBRARY = _load("library.yaml")
PDF_FILES = [_pdf_file(record) for record in _LIBRARY["pdf_files"]]
EPUB_FILES = [_epub_file(record) for record in _LIBRARY["epub_files"]]
IMAGES = _rows(_LIBRARY["images"], "title", "subject", "grade", "chapter")
LINKS = _rows(_LIBRARY["links"], "title", "url", "language", "description")
TOPIC_DOCUMENTS = _rows(_LIBRARY["topic_documents"], "title", "subject", "grade")
TOAN10_EXTRA = _LIBRARY["toan10_extra"]
COMMENTS = _LIBRARY["comments"]
